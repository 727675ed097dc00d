// The recorder of the web build (scripts/build.mjs puts this module in record-server.ts's place):
// none, as a browser cannot listen on a port. The command says so instead of failing.
import type { StartRecorder } from './record';

export const startServer: StartRecorder | undefined = undefined;
