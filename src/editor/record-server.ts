// The recorder of the desktop build: a Node HTTP server. The web build replaces this module with
// record-server.web.ts (scripts/build.mjs), as a web worker has no server to start.
import { startRecorder } from '../recorder/index';
import type { StartRecorder } from './record';

export const startServer: StartRecorder | undefined = startRecorder;
