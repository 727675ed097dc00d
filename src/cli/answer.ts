import { MAX_BODY_BYTES, t, type DeliveryFailure, type DeliveryResponse } from '../core/index';
import { printable } from './terminal';

/** What the CLI shows of a response body (characters): enough to read an error page's point. */
const SHOWN_BODY = 2_000;

/** One line for a delivery that got no answer; a timeout points at the option that sets it. */
export function noAnswer(failure: DeliveryFailure): string {
  return failure.failure === 'timeout' ? `${failure.message} (--timeout)` : failure.message;
}

/** The body as the CLI shows it, ending in a line feed (nothing for none): at most SHOWN_BODY characters, saying how much was cut. */
export function shownBody(response: DeliveryResponse): string {
  const body = printable(response.body);
  if (body === '') return '';
  let end = Math.min(body.length, SHOWN_BODY);
  // Never half a surrogate pair.
  if (end < body.length && /[\uD800-\uDBFF]/.test(body.charAt(end - 1))) end--;
  const shown = body.slice(0, end);
  const newline = shown.endsWith('\n') ? '' : '\n';
  if (response.truncated) return `${shown}${newline}${t('… cut: {0} characters shown; the body is longer than the {1} bytes read', end, MAX_BODY_BYTES)}\n`;
  if (end < body.length) return `${shown}${newline}${t('… cut: {0} of {1} characters shown', end, body.length)}\n`;
  return `${shown}${newline}`;
}
