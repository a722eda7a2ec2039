// API calls to record, as lines of JSON: the form in which the SQLite store's events worker receives them
// (it assembles their records there, with ./call-events.ts, off the request-serving thread), and the
// worker's conversion of such lines into the store's records. Loaded in the worker by URL
// (callLinesModuleUrl).
//
// A line is a JSON array: [service, source, name, region, sourceIp, userAgent, readOnly, identity, account,
// username, accessKeyId, otherIdentity, timeMs, requestId, errorCode, errorMessage, requestParameters,
// responseElements, resources, roleArn, roleAccount]: a call's facts and elements (CallFacts, CallElements),
// the identities and elements as the JSON values whose text the record shows (JSON.stringify gives that text
// back). The elements are made on the request thread, where the input and output are, and leave secrets out:
// no credential travels to the worker. Everything in a line is JSON.stringify's output, which escapes
// newlines and lone surrogates: a line is one line, and its UTF-8 reads back exactly.
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

/** The line's parts that repeat from call to call (the same client, the same caller), made once. */
let last: { f: CallFacts; head: string; who: string } | undefined;

/** The call as a line (ending with a newline), its elements made from its decoded input and output. */
export function callLine(f: CallFacts, input: unknown, output: unknown): string {
  const m = last;
  const head =
    m &&
    m.f.service === f.service &&
    m.f.source === f.source &&
    m.f.name === f.name &&
    m.f.region === f.region &&
    m.f.sourceIp === f.sourceIp &&
    m.f.userAgent === f.userAgent &&
    m.f.readOnly === f.readOnly
      ? m.head
      : JSON.stringify([
          f.service,
          f.source,
          f.name,
          f.region,
          f.sourceIp,
          f.userAgent,
          f.readOnly ? 1 : 0,
        ]).slice(0, -1);
  const who =
    m &&
    m.f.identity === f.identity &&
    m.f.account === f.account &&
    m.f.username === f.username &&
    m.f.accessKeyId === f.accessKeyId &&
    m.f.otherIdentity === f.otherIdentity
      ? m.who
      : ',' +
        f.identity +
        ',' +
        JSON.stringify([f.account, f.username ?? null, f.accessKeyId ?? null]).slice(1, -1) +
        ',' +
        (f.otherIdentity ?? 'null');
  if (m === undefined || m.head !== head || m.who !== who) last = { f, head, who };
  const failed = f.errorCode !== undefined;
  const el = callElements(f, input, output);
  return (
    head +
    who +
    ',' +
    f.timeMs +
    ',' +
    JSON.stringify(f.requestId) +
    (failed ? ',' + JSON.stringify(f.errorCode) + ',' + JSON.stringify(f.errorMessage ?? '') : ',null,null') +
    ',' +
    el.requestParameters +
    ',' +
    el.responseElements +
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

/** The facts and elements of a line (as callLine wrote it). */
export function parseCallLine(text: string): { facts: CallFacts; elements: CallElements } {
  const a = JSON.parse(text) as unknown[];
  if (!Array.isArray(a) || a.length !== 21) throw new Error('audit: not a call line');
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
    identity: JSON.stringify(a[7]),
    account: str(8),
    username: optional(9),
    accessKeyId: optional(10),
    otherIdentity: a[11] === null ? undefined : JSON.stringify(a[11]),
    timeMs: a[12] as number,
    requestId: str(13),
    errorCode: optional(14),
    errorMessage: optional(15),
  };
  if (!Number.isFinite(facts.timeMs) || !Array.isArray(a[18])) throw new Error('audit: not a call line');
  const elements: CallElements = {
    requestParameters: JSON.stringify(a[16]),
    responseElements: JSON.stringify(a[17]),
    resources: (a[18] as [string, string][]).map(([type, name]) => ({ type, name })),
    roleArn: optional(19),
    roleAccount: optional(20),
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
