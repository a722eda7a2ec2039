// Audit events stored in batches (events.db schema 2): many events in one row, found through a few key rows
// per batch instead of index entries per event.
//
// Why: the audit trail records every API call, ~2 KB each, and on a 2-core machine the SQLite work of a row
// per event with six indexes (~21 µs an event in the events worker) took ~25-30% of a loaded server's
// throughput. A batch is written as one value (one row, its overflow pages appended) plus one key row per
// distinct (account, lookup attribute, value) in it, which is a handful for a batch of the same calls.
//
// This module is the format alone (no SQLite): how events become records and records a batch, how a batch
// is read back, and which key a LookupEvents query looks up.
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import { jsonString } from './json-text.js';
import { attributeColumn, makeStoredEvent } from './events.js';

/**
 * A batch holds events of one aligned minute, so a batch's events lie within this span of its newest one:
 * a query for events up to time T need only look at batches whose newest event is before T + this span.
 */
export const BATCH_SPAN_MS = 60_000;
/** A batch is closed once its records reach this many bytes (a larger single event gets its own). */
export const BATCH_RECORD_BYTES = 1 << 20;
/**
 * UUIDv7 event ids (rolechain's) are looked up by their first 12 characters, 8 + '-' + 3 hex digits: the
 * creation time in 16 ms steps. A batch thus has a few such keys, not one per event, and a new batch shares
 * at most its first with the batch before (which is all the duplicate check then reads).
 */
const EVENT_ID_KEY_CHARS = 12;

/**
 * The key an event id is found by: its time part for a UUIDv7, else the whole id (any other id could share
 * a prefix with every other event, and each append would then read them all to check for duplicates).
 */
export function eventIdKey(id: string): string {
  return id.length === 36 &&
    id.charCodeAt(8) === 0x2d &&
    id.charCodeAt(14) === 0x37 &&
    id.charCodeAt(13) === 0x2d
    ? id.slice(0, EVENT_ID_KEY_CHARS)
    : id;
}

/** The key of every event (a query without a lookup attribute). */
export const ALL_KEY = '';

/** A batch ready to insert. `ids`: account NUL id NUL per event (neither may contain NUL), for dedupe. */
export interface EventBatch {
  minTime: number;
  maxTime: number;
  count: number;
  ids: string;
  /** Its events' records (see encodeRecords), in order. */
  records: Buffer;
  /** Distinct [account, attribute, value]. */
  keys: [string, string, string][];
}

/** One event's record within a buffer of records, with its indexed fields read from the record's line. */
export interface RecordRef {
  account: string;
  timeMs: number;
  id: string;
  name: string;
  source: string;
  username: string | null;
  accessKeyId: string | null;
  readOnly: boolean;
  resources: [string, string][];
  /** The record's bytes in the buffer: its line, its JSON, its final newline. */
  start: number;
  end: number;
  /** Where its JSON starts (it ends one byte before `end`). */
  jsonStart: number;
}

/**
 * The events as records, the form a batch stores and the events worker receives: per event, one line of its
 * indexed fields as a JSON array (JSON escapes any newline in them; the last element is the byte length of
 * what follows, possibly padded with spaces), then its CloudTrail JSON as UTF-8, then a newline. The JSON
 * may contain anything: it is found by its length. The events must have been checked (checkEvents).
 *
 * Encoded on the request-serving thread, the records travel to the worker as one transferred buffer: as
 * structured-cloned values (a dozen per event) they cost that thread ~2.4 µs an event (AssumeRole load).
 */
export function encodeRecords(events: readonly AuditEventInput[]): Buffer<ArrayBuffer> {
  const heads: string[] = new Array<string>(events.length);
  const jsons: Uint8Array[] = new Array<Uint8Array>(events.length);
  let size = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const json = typeof e.json === 'string' ? Buffer.from(e.json, 'utf8') : e.json;
    const head = recordLinePrefix(e) + json.length + ']\n';
    heads[i] = head;
    jsons[i] = json;
    size += Buffer.byteLength(head) + json.length + 1;
  }
  // Its own memory (not a pooled slab), so that it can be transferred; not zero-filled first (every byte is
  // written below), which for a 50 ms batch of AssumeRole records is a 0.5-1 MB memset saved.
  const out = Buffer.allocUnsafeSlow(size) as Buffer<ArrayBuffer>;
  let at = 0;
  for (let i = 0; i < events.length; i++) {
    at += out.write(heads[i]!, at, 'utf8');
    out.set(jsons[i]!, at);
    at += jsons[i]!.length;
    out[at++] = 0x0a;
  }
  if (at !== size) throw new Error('events: records encoded to an unexpected size');
  return out;
}

/**
 * A record's line without its last element (the JSON's byte length) and closing bracket. Built for every
 * request (./event-records.ts): the part after the id (name, source, username, access key, readOnly,
 * resources) is mostly the same as the previous event's, and is then reused rather than stringified again.
 */
export function recordLinePrefix(e: AuditEventInput): string {
  return '[' + jsonString(e.account) + ',' + e.time.getTime() + ',' + jsonString(e.id) + ',' + lineTail(e);
}

let lastTail: AuditEventInput | undefined;
let lastTailText = '';

function lineTail(e: AuditEventInput): string {
  const last = lastTail;
  if (
    last !== undefined &&
    last.name === e.name &&
    last.source === e.source &&
    last.username === e.username &&
    last.accessKeyId === e.accessKeyId &&
    last.readOnly === e.readOnly &&
    sameResources(last.resources, e.resources)
  )
    return lastTailText;
  let tail =
    JSON.stringify(e.name) +
    ',' +
    JSON.stringify(e.source) +
    ',' +
    (e.username === undefined ? 'null' : JSON.stringify(e.username)) +
    ',' +
    (e.accessKeyId === undefined ? 'null' : JSON.stringify(e.accessKeyId)) +
    (e.readOnly ? ',1,[' : ',0,[');
  const resources = e.resources ?? [];
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    tail += (i ? ',[' : '[') + JSON.stringify(r.type) + ',' + JSON.stringify(r.name) + ']';
  }
  // Only the strings compared above are kept (not the event, whose JSON may be large).
  lastTail = {
    account: '',
    time: e.time,
    id: '',
    json: '',
    name: e.name,
    source: e.source,
    username: e.username,
    accessKeyId: e.accessKeyId,
    readOnly: e.readOnly,
    resources: resources.map((r) => ({ type: r.type, name: r.name })),
  };
  lastTailText = tail + '],';
  return lastTailText;
}

/** Whether two events' resources are the same, in the same order. */
export function sameResources(a: AuditEventInput['resources'], b: AuditEventInput['resources']): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i]!.type !== y[i]!.type || x[i]!.name !== y[i]!.name) return false;
  return true;
}

/** The records of a buffer (encodeRecords' form), in order; throws on a buffer that is not that form. */
export function parseRecords(records: Uint8Array): RecordRef[] {
  const buf = Buffer.from(records.buffer, records.byteOffset, records.length);
  const out: RecordRef[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) throw new Error('events: a record is cut short');
    const h = JSON.parse(buf.toString('utf8', pos, nl)) as unknown[];
    const jsonStart = nl + 1;
    const length = Array.isArray(h) && h.length === 10 ? h[9] : undefined;
    const end =
      jsonStart + (Number.isSafeInteger(length) && (length as number) >= 0 ? (length as number) : NaN) + 1;
    if (!(end <= buf.length) || buf[end - 1] !== 0x0a) throw new Error('events: a record is malformed');
    out.push({
      account: h[0] as string,
      timeMs: h[1] as number,
      id: h[2] as string,
      name: h[3] as string,
      source: h[4] as string,
      username: h[5] as string | null,
      accessKeyId: h[6] as string | null,
      readOnly: h[7] === 1,
      resources: h[8] as [string, string][],
      start: pos,
      end,
      jsonStart,
    });
    pos = end;
  }
  return out;
}

/** The event a record (of `records`, as parseRecords found it) holds. */
export function storedEvent(records: Buffer, r: RecordRef): StoredEvent {
  return makeStoredEvent({
    account: r.account,
    timeMs: r.timeMs,
    id: r.id,
    name: r.name,
    source: r.source,
    username: r.username,
    accessKeyId: r.accessKeyId,
    readOnly: r.readOnly,
    resources: r.resources.map(([type, name]) => ({ type, name })),
    json: records.toString('utf8', r.jsonStart, r.end - 1),
  });
}

/** The attributes a batch is keyed by; a slot's last value is remembered to skip repeats cheaply. */
const enum Slot {
  All,
  Name,
  Source,
  Username,
  AccessKeyId,
  ReadOnly,
  EventId,
  Count,
}
const SLOT_ATTRIBUTE = ['', 'EventName', 'EventSource', 'Username', 'AccessKeyId', 'ReadOnly', 'EventId'];

class BatchBuilder {
  minTime = Infinity;
  maxTime = -Infinity;
  /** The records' size in bytes so far. */
  bytes = 0;
  private ids = '';
  private readonly refs: RecordRef[] = [];
  private readonly keys: [string, string, string][] = [];
  private readonly seen = new Set<string>();
  private lastAccount = '';
  private readonly last: (string | undefined)[] = new Array<string | undefined>(Slot.Count);

  constructor(private readonly buf: Buffer) {}

  add(r: RecordRef): void {
    this.refs.push(r);
    this.bytes += r.end - r.start;
    this.ids += r.account + '\u0000' + r.id + '\u0000';
    if (r.timeMs < this.minTime) this.minTime = r.timeMs;
    if (r.timeMs > this.maxTime) this.maxTime = r.timeMs;
    if (r.account !== this.lastAccount) {
      this.lastAccount = r.account;
      this.last.fill(undefined);
    }
    this.key(r.account, Slot.All, ALL_KEY);
    this.key(r.account, Slot.Name, r.name);
    this.key(r.account, Slot.Source, r.source);
    if (r.username !== null) this.key(r.account, Slot.Username, r.username);
    if (r.accessKeyId !== null) this.key(r.account, Slot.AccessKeyId, r.accessKeyId);
    this.key(r.account, Slot.ReadOnly, r.readOnly ? 'true' : 'false');
    this.key(r.account, Slot.EventId, eventIdKey(r.id));
    for (const [type, name] of r.resources) {
      this.addKey(r.account, 'ResourceType', type);
      this.addKey(r.account, 'ResourceName', name);
    }
  }

  finish(): EventBatch {
    return {
      minTime: this.minTime,
      maxTime: this.maxTime,
      count: this.refs.length,
      ids: this.ids,
      records: this.joinRecords(),
      keys: this.keys,
    };
  }

  /** The records' bytes: the received buffer itself when they are all of it, in order (the usual case). */
  private joinRecords(): Buffer {
    const refs = this.refs;
    let contiguous = true;
    for (let i = 1; i < refs.length && contiguous; i++) contiguous = refs[i]!.start === refs[i - 1]!.end;
    if (contiguous) return this.buf.subarray(refs[0]!.start, refs[refs.length - 1]!.end);
    return Buffer.concat(refs.map((r) => this.buf.subarray(r.start, r.end)));
  }

  private key(account: string, slot: Slot, value: string): void {
    if (this.last[slot] === value) return;
    this.last[slot] = value;
    this.addKey(account, SLOT_ATTRIBUTE[slot]!, value);
  }

  private addKey(account: string, attribute: string, value: string): void {
    const k = account + '\u0000' + attribute + '\u0000' + value;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.keys.push([account, attribute, value]);
  }
}

/**
 * The records (duplicates already left out) as batches: one per aligned minute of their times, split
 * further at BATCH_RECORD_BYTES. Records keep their order within a batch.
 */
export function buildBatches(buf: Buffer, refs: readonly RecordRef[]): EventBatch[] {
  const done: EventBatch[] = [];
  const open = new Map<number, BatchBuilder>();
  let lastMinute = NaN;
  let last: BatchBuilder | undefined;
  for (const r of refs) {
    const minute = Math.floor(r.timeMs / BATCH_SPAN_MS);
    let b = minute === lastMinute ? last : open.get(minute);
    if (b === undefined) {
      b = new BatchBuilder(buf);
      open.set(minute, b);
    }
    b.add(r);
    if (b.bytes >= BATCH_RECORD_BYTES) {
      done.push(b.finish());
      open.delete(minute);
      b = undefined;
    }
    lastMinute = minute;
    last = b;
  }
  for (const b of open.values()) done.push(b.finish());
  return done;
}

/** A batch's `ids` text as "account NUL id" strings. */
export function batchIdKeys(ids: string): string[] {
  const parts = ids.split('\u0000');
  const out: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push(parts[i] + '\u0000' + parts[i + 1]);
  return out;
}

/** The key row a query is answered from: its lookup attribute's, or every event's. */
export function queryKey(q: EventQuery): { attribute: string; value: string } {
  if (q.attribute === undefined) return { attribute: ALL_KEY, value: ALL_KEY };
  const a = attributeColumn(q.attribute);
  switch (a.column) {
    case 'read_only':
      return { attribute: 'ReadOnly', value: a.value ? 'true' : 'false' };
    case 'id':
      return { attribute: 'EventId', value: eventIdKey(a.value) };
    default:
      return { attribute: q.attribute.key, value: a.value };
  }
}

/**
 * Whether a record is one the query asks for (its batch was found through the query's key), judged on its
 * line alone: only the records that match have their JSON decoded.
 */
export function makeRecordFilter(q: EventQuery): (r: RecordRef) => boolean {
  const lo = q.start?.getTime() ?? -Infinity;
  const hi = q.end?.getTime() ?? Infinity;
  const beforeTime = q.before?.time.getTime();
  const beforeId = q.before?.id;
  const a = q.attribute === undefined ? undefined : attributeColumn(q.attribute);
  const attr = (r: RecordRef): boolean => {
    if (a === undefined) return true;
    switch (a.column) {
      case 'id':
        return r.id === a.value;
      case 'name':
        return r.name === a.value;
      case 'source':
        return r.source === a.value;
      case 'username':
        return r.username === a.value;
      case 'access_key_id':
        return r.accessKeyId === a.value;
      case 'read_only':
        return r.readOnly === a.value;
      case 'resource_type':
        return r.resources.some(([type]) => type === a.value);
      case 'resource_name':
        return r.resources.some(([, name]) => name === a.value);
    }
  };
  return (r) => {
    if (r.account !== q.account) return false;
    const t = r.timeMs;
    if (t < lo || t > hi) return false;
    if (beforeTime !== undefined && (t > beforeTime || (t === beforeTime && r.id >= beforeId!))) return false;
    return attr(r);
  };
}
