// API calls to record, as lines of JSON: the form in which the SQLite store's events worker receives them
// (it assembles their records there, with ./call-events.ts, off the request-serving thread), and the
// worker's conversion of such lines into the store's records. Loaded in the worker by URL
// (callLinesModuleUrl).
//
// A line is the lengths (in UTF-16 units) of four texts, the texts, then a JSON array of the other facts:
//   <identity length>,<otherIdentity length>,<requestParameters length>,<responseElements length>,
//   <identity><otherIdentity><requestParameters><responseElements>[service, source, name, region, sourceIp,
//   userAgent, readOnly, account, username, accessKeyId, timeMs, requestId, errorCode, errorMessage,
//   resources, roleArn, roleAccount]
// The four texts (CallFacts' identities, CallElements' elements) go into the record as they are: found by
// their lengths, they are neither parsed nor written again by the worker. The elements are made on the
// request thread, where the input and output are, and leave secrets out: no credential travels to the
// worker. Every text in a line is JSON (JSON.stringify's escaping: no newline, no lone surrogate), so a line
// is one line and its UTF-8 reads back exactly.
import { existsSync } from 'node:fs';
import { checkEvent, encodeRecords, type EventResource } from '../../store/index.js';
import type { ServiceName } from '../../wire/models.js';
import {
  assembleCallEvents,
  callElements,
  type BuiltEvent,
  type CallElements,
  type CallFacts,
} from './call-events.js';

/** The header's leading part, which repeats from call to call (the same client, the same caller). */
let last: { f: CallFacts; head: string } | undefined;

/** The call as a line (ending with a newline), its elements made from its decoded input and output. */
export function callLine(f: CallFacts, input: unknown, output: unknown): string {
  const el = callElements(f, input, output);
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
  return (
    f.identity.length +
    ',' +
    other.length +
    ',' +
    el.requestParameters.length +
    ',' +
    el.responseElements.length +
    ',' +
    f.identity +
    other +
    el.requestParameters +
    el.responseElements +
    head +
    ',' +
    f.timeMs +
    ',' +
    JSON.stringify(f.requestId) +
    (f.errorCode !== undefined
      ? ',' + JSON.stringify(f.errorCode) + ',' + JSON.stringify(f.errorMessage ?? '')
      : ',null,null') +
    ',' +
    resourcesJson(el.resources) +
    (el.roleArn === undefined
      ? ',null,null'
      : ',' + JSON.stringify(el.roleArn) + ',"' + el.roleAccount + '"') +
    ']\n'
  );
}

/** The last resources written, as text: a client mostly repeats a call on the same resource. */
let lastResources: EventResource[] = [];
let lastResourcesJson = '[]';

function resourcesJson(resources: EventResource[]): string {
  const prev = lastResources;
  let same = prev.length === resources.length;
  for (let i = 0; same && i < resources.length; i++)
    same = prev[i]!.type === resources[i]!.type && prev[i]!.name === resources[i]!.name;
  if (!same) {
    lastResources = resources;
    lastResourcesJson = JSON.stringify(resources.map((r) => [r.type, r.name]));
  }
  return lastResourcesJson;
}

/** The facts and elements of a line (as callLine wrote it, without its newline). */
export function parseCallLine(text: string): { facts: CallFacts; elements: CallElements } {
  const texts: string[] = [];
  let pos = 0;
  let at = 0;
  const lengths: number[] = [];
  for (let k = 0; k < 4; k++) {
    const comma = text.indexOf(',', pos);
    const n = comma < 0 ? NaN : Number(text.slice(pos, comma));
    if (!Number.isSafeInteger(n) || n < 0) throw new Error('audit: not a call line');
    lengths.push(n);
    pos = comma + 1;
  }
  at = pos;
  for (const n of lengths) {
    if (at + n > text.length) throw new Error('audit: not a call line');
    texts.push(text.slice(at, at + n));
    at += n;
  }
  const a = JSON.parse(text.slice(at)) as unknown[];
  if (!Array.isArray(a) || a.length !== 17 || !Array.isArray(a[14]))
    throw new Error('audit: not a call line');
  const str = (i: number): string => {
    if (typeof a[i] !== 'string') throw new Error('audit: not a call line');
    return a[i] as string;
  };
  const optional = (i: number): string | undefined => (a[i] === null ? undefined : str(i));
  const facts: CallFacts = {
    service: str(0) as ServiceName,
    source: str(1),
    name: str(2),
    region: str(3),
    sourceIp: str(4),
    userAgent: str(5),
    readOnly: a[6] === 1,
    account: str(7),
    username: optional(8),
    accessKeyId: optional(9),
    timeMs: a[10] as number,
    requestId: str(11),
    errorCode: optional(12),
    errorMessage: optional(13),
    identity: texts[0]!,
    otherIdentity: texts[1] || undefined,
  };
  if (!Number.isFinite(facts.timeMs)) throw new Error('audit: not a call line');
  const elements: CallElements = {
    requestParameters: texts[2]!,
    responseElements: texts[3]!,
    resources: (a[14] as [string, string][]).map(([type, name]) => ({ type, name })),
    roleArn: optional(15),
    roleAccount: optional(16),
  };
  return { facts, elements };
}

/**
 * The events worker's conversion: the records (encodeRecords' form) of the calls in `lines`, and how many
 * lines could not be made into records (left out; the caller says so).
 */
export function recordsFromCallLines(lines: Uint8Array): { records: Uint8Array; failed: number } {
  const buf = Buffer.from(lines.buffer, lines.byteOffset, lines.length);
  const events: BuiltEvent[] = [];
  let failed = 0;
  for (let pos = 0; pos < buf.length;) {
    let nl = buf.indexOf(0x0a, pos);
    if (nl < 0) nl = buf.length;
    try {
      const { facts, elements } = parseCallLine(buf.toString('utf8', pos, nl));
      const built = assembleCallEvents(facts, elements);
      for (const e of built) checkEvent(e);
      events.push(...built);
    } catch {
      failed++;
    }
    pos = nl + 1;
  }
  return { records: encodeRecords(events), failed };
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
