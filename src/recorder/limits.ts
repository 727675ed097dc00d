/** The recorder's bounds (README "Recording deliveries"), so that no sender can exhaust its memory or hold it open. */

/** The largest request body recorded, and the largest answer passed back from a receiver (bytes): 10 MiB. Larger: HTTP 413. */
export const MAX_BODY = 10 * 1024 * 1024;

/** How long stop() waits for requests in flight to finish (milliseconds) before closing their connections. */
export const STOP_GRACE_MS = 10_000;
