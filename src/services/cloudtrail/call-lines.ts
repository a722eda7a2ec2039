// API calls to record, as length-prefixed lines: the form in which the SQLite store's events worker receives them
// (it assembles their records there, with ./call-events.ts, off the request-serving thread), and the
// worker's conversion of such lines into the store's records. Loaded in the worker by URL
// (callLinesModuleUrl).
//
// A line is the lengths (in UTF-16 units) of four texts and of the head, the texts, then the head and the
// tail, which together are a JSON array of the other facts:
//   <identity length>,<otherIdentity length>,<requestParameters length>,<responseElements length>,
//   <head length>,<identity><otherIdentity><requestParameters><responseElements>
//   [service, source, name, region, sourceIp, userAgent, readOnly, account, username, accessKeyId  (the head)
//   ,timeMs, requestId, eventId, errorCode, errorMessage, resources, roleArn, roleAccount,
//   otherEventId, sharedEventId]                                                                   (the tail)
// The head is the same from call to call (one client, one caller): the worker parses it once.
// The four texts (CallFacts' identities, CallElements' elements) go into the record as they are: found by
// their lengths, they are neither parsed nor written again by the worker. The elements are made on the
// request thread, where the input and output are, and leave secrets out: no credential travels to the
// worker. Every text in a line is JSON (JSON.stringify's escaping: no newline, no lone surrogate), so a line
// is one line and its UTF-8 reads back exactly.
import { existsSync } from 'node:fs';
import {
  checkEvent,
  EventRecords,
  jsonString,
  sameResources,
  type EventResource,
} from '../../store/index.js';
import type { ServiceName } from '../../wire/models.js';
import {
  assembleCallEvents,
  callElements,
  inputElements,
  type CallElements,
  type CallFacts,
  type InputElements,
} from './call-events.js';

/** The header's leading part, which repeats from call to call (the same client, the same caller). */
let last: { f: CallFacts; head: string } | undefined;

/** The request a call's input was decoded from: the same request, the same input. */
export interface CallRequest {
  body: Buffer;
  rawQuery: string;
  contentType: string | undefined;
}

/**
 * The last input's elements and the request it was decoded from (its body copied: the HTTP layer may reuse
 * the memory): a client mostly repeats the same call (polling, credential refreshes, retries).
 */
let lastInput:
  | { service: string; name: string; decoded: boolean; request: CallRequest; elements: InputElements }
  | undefined;

function inputElementsOf(f: CallFacts, input: unknown, request: CallRequest | undefined): InputElements {
  const decoded = input !== undefined && input !== null;
  const m = lastInput;
  if (
    request &&
    m &&
    m.name === f.name &&
    m.service === f.service &&
    m.decoded === decoded &&
    m.request.rawQuery === request.rawQuery &&
    m.request.contentType === request.contentType &&
    m.request.body.length === request.body.length &&
    m.request.body.equals(request.body)
  )
    return m.elements;
  const elements = inputElements(f, input);
  if (request)
    lastInput = {
      service: f.service,
      name: f.name,
      decoded,
      request: { ...request, body: Buffer.from(request.body) },
      elements,
    };
  return elements;
}

/** The identity and head of the line before this one in its arena ('' for none: the first line). */
export interface LineBefore {
  identity: string;
  head: string;
}

/**
 * The call as a line, its elements made from its decoded input and output (the input's reused if `request`,
 * what it was decoded from, is the last one's). `before`: the identity and head of the line before it in
 * its arena, which this line's replace; an identity or head the same as that line's is written as '='
 * (the worker reads an arena's lines in order; the first line of an arena is always written whole).
 */
export function callLine(
  f: CallFacts,
  input: unknown,
  output: unknown,
  request?: CallRequest,
  before: LineBefore = { identity: '', head: '' },
): string {
  const el = callElements(f, input, output, inputElementsOf(f, input, request));
  const m = last;
  let head: string;
  if (
    m &&
    m.f.service === f.service &&
    m.f.source === f.source &&
    m.f.name === f.name &&
    m.f.region === f.region &&
    m.f.sourceIp === f.sourceIp &&
    m.f.userAgent === f.userAgent &&
    m.f.readOnly === f.readOnly &&
    m.f.account === f.account &&
    m.f.username === f.username &&
    m.f.accessKeyId === f.accessKeyId
  )
    head = m.head;
  else {
    head = JSON.stringify([
      f.service,
      f.source,
      f.name,
      f.region,
      f.sourceIp,
      f.userAgent,
      f.readOnly ? 1 : 0,
      f.account,
      f.username ?? null,
      f.accessKeyId ?? null,
    ]).slice(0, -1);
    last = { f, head };
  }
  const other = f.otherIdentity ?? '';
  const sameIdentity = f.identity === before.identity;
  const sameHead = head === before.head;
  before.identity = f.identity;
  before.head = head;
  return (
    (sameIdentity ? '=' : f.identity.length) +
    ',' +
    other.length +
    ',' +
    el.requestParameters.length +
    ',' +
    el.responseElements.length +
    ',' +
    (sameHead ? '=' : head.length) +
    ',' +
    (sameIdentity ? '' : f.identity) +
    other +
    el.requestParameters +
    el.responseElements +
    (sameHead ? '' : head) +
    ',' +
    timeText(f.timeMs) +
    ',' +
    jsonString(f.requestId) +
    ',"' +
    f.eventId +
    '"' +
    (f.errorCode !== undefined
      ? ',' + jsonString(f.errorCode) + ',' + jsonString(f.errorMessage ?? '')
      : ',null,null') +
    ',' +
    resourcesJson(el.resources) +
    (el.roleArn === undefined ? ',null,null' : ',' + jsonString(el.roleArn) + ',"' + el.roleAccount + '"') +
    (f.otherEventId === undefined ? ',null,null' : ',"' + f.otherEventId + '","' + f.sharedEventId + '"') +
    ']\n'
  );
}

/** The last time written, as text: a busy server records many calls a millisecond. */
let lastTimeMs = NaN;
let lastTimeText = '';

function timeText(ms: number): string {
  if (ms !== lastTimeMs) {
    lastTimeMs = ms;
    lastTimeText = String(ms);
  }
  return lastTimeText;
}

/** The last resources written, as text: a client mostly repeats a call on the same resource. */
let lastResources: EventResource[] = [];
let lastResourcesJson = '[]';

function resourcesJson(resources: EventResource[]): string {
  if (!sameResources(lastResources, resources)) {
    lastResources = resources;
    lastResourcesJson = JSON.stringify(resources.map((r) => [r.type, r.name]));
  }
  return lastResourcesJson;
}

/** The last head parsed, and its values. */
let lastHeadText = '';
let lastHead: unknown[] = [];

/**
 * The facts and elements of a line (as callLine wrote it, without its newline). `previous`: the identity and
 * head of the line before it in its arena (for one written as '='), updated to this line's.
 */
export function parseCallLine(
  text: string,
  previous: { identity?: string; head?: string } = {},
): { facts: CallFacts; elements: CallElements } {
  const bad = (): Error => new Error('audit: not a call line');
  // Until this line is read, the lines after it cannot use its identity or head (nor older ones).
  const before = { identity: previous.identity, head: previous.head };
  previous.identity = previous.head = undefined;
  const lengths: number[] = [];
  let pos = 0;
  for (let k = 0; k < 5; k++) {
    const comma = text.indexOf(',', pos);
    const field = comma < 0 ? '' : text.slice(pos, comma);
    // '=': the identity (0) or the head (4) of the line before.
    const n = field === '=' && (k === 0 || k === 4) ? -1 : field === '' ? NaN : Number(field);
    if (!Number.isSafeInteger(n) || n < -1) throw bad();
    lengths.push(n);
    pos = comma + 1;
  }
  const texts: string[] = [];
  for (const [k, n] of lengths.entries()) {
    if (n === -1) {
      const same = k === 0 ? before.identity : before.head;
      if (same === undefined) throw bad();
      texts.push(same);
      continue;
    }
    if (pos + n > text.length) throw bad();
    texts.push(text.slice(pos, pos + n));
    pos += n;
  }
  previous.identity = texts[0]!;
  previous.head = texts[4]!;
  const headText = texts[4]!;
  if (headText !== lastHeadText) {
    const parsed = JSON.parse(headText + ']') as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 10) throw bad();
    lastHead = parsed;
    lastHeadText = headText;
  }
  const h = lastHead;
  if (text[pos] !== ',') throw bad();
  const t = JSON.parse('[' + text.slice(pos + 1)) as unknown[];
  if (!Array.isArray(t) || t.length !== 10 || !Array.isArray(t[5])) throw bad();
  const str = (a: unknown[], i: number): string => {
    if (typeof a[i] !== 'string') throw bad();
    return a[i] as string;
  };
  const optional = (a: unknown[], i: number): string | undefined => (a[i] === null ? undefined : str(a, i));
  const facts: CallFacts = {
    service: str(h, 0) as ServiceName,
    source: str(h, 1),
    name: str(h, 2),
    region: str(h, 3),
    sourceIp: str(h, 4),
    userAgent: str(h, 5),
    readOnly: h[6] === 1,
    account: str(h, 7),
    username: optional(h, 8),
    accessKeyId: optional(h, 9),
    timeMs: t[0] as number,
    requestId: str(t, 1),
    eventId: str(t, 2),
    errorCode: optional(t, 3),
    errorMessage: optional(t, 4),
    identity: texts[0]!,
    otherIdentity: texts[1] || undefined,
    otherEventId: optional(t, 8),
    sharedEventId: optional(t, 9),
  };
  if (!Number.isFinite(facts.timeMs)) throw bad();
  const elements: CallElements = {
    requestParameters: texts[2]!,
    responseElements: texts[3]!,
    resources: (t[5] as [string, string][]).map(([type, name]) => ({ type, name })),
    roleArn: optional(t, 6),
    roleAccount: optional(t, 7),
  };
  return { facts, elements };
}

/**
 * The events worker's conversion: the records of the calls in `lines` (in arenas the caller releases once
 * it has stored them), and how many lines could not be made into records (left out; the caller says so).
 */
export function recordsFromCallLines(lines: Uint8Array): { records: EventRecords[]; failed: number } {
  const text = Buffer.from(lines.buffer, lines.byteOffset, lines.length).toString('utf8');
  // Keeping their refs: the store in this thread (the events worker's) takes them with the bytes.
  const arenas = [EventRecords.take(0, 'records', true)];
  let failed = 0;
  // A line that cannot be read leaves the lines after it that refer to its identity or head unreadable too.
  const previous: { identity?: string; head?: string } = {};
  for (let pos = 0; pos < text.length;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    try {
      const { facts, elements } = parseCallLine(text.slice(pos, nl), previous);
      const built = assembleCallEvents(facts, elements);
      for (const e of built) checkEvent(e);
      for (const e of built) {
        if (arenas[arenas.length - 1]!.add(e)) continue;
        arenas.push(EventRecords.take(EventRecords.maxBytes(e), 'records', true));
        arenas[arenas.length - 1]!.add(e);
      }
    } catch {
      failed++;
    }
    pos = nl + 1;
  }
  return { records: arenas, failed };
}

/**
 * This module's URL, for the events worker to load. Compiled, it sits next to this one (dist/src/services/
 * cloudtrail/); from the esbuild bundle (dist/rolechain.mjs) it is under ./src/services/cloudtrail/; under
 * tsx, the .ts source. undefined if none is there (the calls' records are then made on this thread).
 */
export function callLinesModuleUrl(base: string = import.meta.url): string | undefined {
  for (const rel of ['./call-lines.js', './src/services/cloudtrail/call-lines.js', './call-lines.ts']) {
    const url = new URL(rel, base);
    if (existsSync(url)) return url.href;
  }
  return undefined;
}
