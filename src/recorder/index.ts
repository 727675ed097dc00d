/** The recorder's public face (README "Recording deliveries"): the CLI's `record` and the editor's commands use only this. */
export { startRecorder, type Delivery, type Recorder, type RecorderOptions } from './recorder';
export { DEFAULT_HOST, hostIsLoopback, hostPort, parseListen, type ListenAddress } from './address';
export { MAX_BODY, STOP_GRACE_MS } from './limits';
