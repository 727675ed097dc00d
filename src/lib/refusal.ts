/*
 * The `untyped-body` finding (README, "Using the checks in your receiver (TypeScript)"): when no
 * rule's finding is an error but parseEvent still hands out no body (the validator judges numbers
 * as written, so `"retries": 1e400` passes it, yet JSON.parse reads Infinity; or the caller
 * lowered the rule that reported the problem), this finding says where and why, so that `ok` is
 * false exactly when a finding is an error. Library-only: no rule of the core, never configurable.
 */
import type { Node } from 'jsonc-parser';
import { LineIndex } from '../core/input/positions';
import { preview } from '../core/checks/findings';
import { deepestNode, nodeAt, parseRecord, toValue } from '../core/input/parse';
import { toPointer, type JsonPath } from '../core/input/pointer';
import type * as Api from './alfred-events';
import type { Breach, Refusal } from './conform';

/** The code, beside the core's rule codes in `Finding.code`. */
export const UNTYPED_BODY = 'untyped-body';

/**
 * The value as the validator's messages quote it (the core's preview: a number as written, a
 * string cut and with any secret in it masked, objects and arrays named, never quoted), so that
 * this finding, like every other, carries no secret into a log (README "Secrets and personal data").
 */
function shown(text: string, node: Node | undefined): string {
  if (!node) return 'absent';
  return node.type === 'number' ? preview(node.value, text.slice(node.offset, node.offset + node.length)) : preview(toValue(node));
}

/** How a message names the member at a path: its own name, an index after its list's (`file_urls[2]`), or "the body". */
function nameOf(path: JsonPath): string {
  const last = path.at(-1);
  if (last === undefined) return 'the body';
  return typeof last === 'number' ? `${nameOf(path.slice(0, -1))}[${last}]` : last;
}

function message(b: Breach, path: JsonPath, value: string): string {
  const name = nameOf(path);
  switch (b.why) {
    case 'not-object':
      return `the body is ${value}, not a JSON object: neither an event nor a URL verification`;
    case 'missing':
      if (path.length === 1 && path[0] === 'type') return 'the body has neither event nor type: it is neither an event nor a URL verification';
      return `${nameOf(path.slice(0, -1))} has no ${name}, which its type requires`;
    case 'type':
      return `${name} is ${value}, not ${b.expected}`;
    case 'unbounded':
      return value.startsWith('"') ? `${name} is ${value}, which encodes a number a JavaScript number cannot hold` : `${name} is ${value}, which a JavaScript number cannot hold`;
    case 'family':
      return `${name} is ${value}, but ${b.event} is a ${b.family} event`;
    case 'unknown-event':
      return `event_name is ${value}, which names none of the 24 events`;
    case 'type-and-event':
      return 'a body with both type and event is neither a URL verification nor an event';
    case 'not-url-verification':
      return `type is ${value}, not "url_verification", and the body has no event: it is neither a URL verification nor an event`;
  }
}

/**
 * The finding for a body conform.ts refused, placed in `text` (the body as checked: as received,
 * or JSON.stringify's text of a parsed value). A missing member is placed on its object's opening
 * brace, the rest on the value.
 */
export function untypedFinding(text: string, refusal: Refusal): Api.Finding {
  // A BOM is blanked, not removed, so that offsets stay those of the text.
  const root = parseRecord(text.replace(/^\uFEFF/, ' '), 0, text.length).root;
  const node = root ? nodeAt(root, refusal.path) : undefined;
  const at = node ?? (root ? deepestNode(root, refusal.path) : undefined);
  const offset = at?.offset ?? 0;
  const length = node ? node.length : at ? 1 : 0;
  return place(text, refusal.path, message(refusal.breach, refusal.path, shown(text, node)), offset, length);
}

/**
 * The finding for a text JSON.parse cannot read although no finding is an error (json-syntax
 * lowered or off): placed where the validator's parser first stumbled.
 */
export function notJsonFinding(text: string): Api.Finding {
  const spot = parseRecord(text.replace(/^\uFEFF/, ' '), 0, text.length).syntax[0];
  return place(text, [], 'the body is no JSON text (json-syntax is set below error), so there is no value to type', spot?.offset ?? 0, spot?.length ?? 0);
}

function place(text: string, path: JsonPath, why: string, offset: number, length: number): Api.Finding {
  const lines = new LineIndex(text);
  return { code: UNTYPED_BODY, severity: 'error', message: why, pointer: toPointer(path), range: { start: lines.position(offset), end: lines.position(offset + length) } };
}
