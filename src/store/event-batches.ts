// Audit events stored in batches (events.db schema 2): many events in one row, found through a few key rows
// per batch instead of index entries per event.
//
// Why: the audit trail records every API call, ~2 KB each, and on a 2-core machine the SQLite work of a row
// per event with six indexes (~21 µs an event in the events worker) took ~25-30% of a loaded server's
// throughput. A batch is written as one text value (one row, its overflow pages appended) plus one key row
// per distinct (account, lookup attribute, value) in it, which is a handful for a batch of the same calls.
//
// This module is the format alone (no SQLite): how events become a batch, how a batch is read back, and
// which key a LookupEvents query looks up.
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
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
  /** Per event: a line of its indexed fields as JSON, then its record (UTF-8), then a newline. */
  records: Buffer;
  /** Distinct [account, attribute, value]. */
  keys: [string, string, string][];
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
  count = 0;
  /** The records' size in bytes so far. */
  bytes = 0;
  private ids = '';
  /** Per event: its line of indexed fields (newline included), then its record's UTF-8 bytes. */
  private readonly parts: (string | Uint8Array)[] = [];
  private readonly keys: [string, string, string][] = [];
  private readonly seen = new Set<string>();
  private lastAccount = '';
  private readonly last: (string | undefined)[] = new Array<string | undefined>(Slot.Count);

  add(e: AuditEventInput, timeMs: number): void {
    // Kept as the bytes they came as (the audit recorder sends UTF-8): no decoding and encoding again.
    const json = typeof e.json === 'string' ? Buffer.from(e.json, 'utf8') : e.json;
    const resources = e.resources ?? [];
    // One line of the indexed fields (JSON escapes any newline in them), then the record itself, whose
    // length in bytes the line gives: the record may contain anything.
    const head =
      JSON.stringify([
        e.account,
        timeMs,
        e.id,
        e.name,
        e.source,
        e.username ?? null,
        e.accessKeyId ?? null,
        e.readOnly ? 1 : 0,
        resources.map((r) => [r.type, r.name]),
        json.length,
      ]) + '\n';
    this.parts.push(head, json);
    this.bytes += Buffer.byteLength(head) + json.length + 1;
    this.ids += e.account + '\u0000' + e.id + '\u0000';
    this.count++;
    if (timeMs < this.minTime) this.minTime = timeMs;
    if (timeMs > this.maxTime) this.maxTime = timeMs;
    if (e.account !== this.lastAccount) {
      this.lastAccount = e.account;
      this.last.fill(undefined);
    }
    this.key(e.account, Slot.All, ALL_KEY);
    this.key(e.account, Slot.Name, e.name);
    this.key(e.account, Slot.Source, e.source);
    if (e.username !== undefined) this.key(e.account, Slot.Username, e.username);
    if (e.accessKeyId !== undefined) this.key(e.account, Slot.AccessKeyId, e.accessKeyId);
    this.key(e.account, Slot.ReadOnly, e.readOnly ? 'true' : 'false');
    this.key(e.account, Slot.EventId, eventIdKey(e.id));
    for (const r of resources) {
      this.addKey(e.account, 'ResourceType', r.type);
      this.addKey(e.account, 'ResourceName', r.name);
    }
  }

  finish(): EventBatch {
    return {
      minTime: this.minTime,
      maxTime: this.maxTime,
      count: this.count,
      ids: this.ids,
      records: this.joinRecords(),
      keys: this.keys,
    };
  }

  /** The records as one buffer: each line, its record, a newline. */
  private joinRecords(): Buffer {
    const out = Buffer.allocUnsafe(this.bytes);
    let at = 0;
    for (let i = 0; i < this.parts.length; i += 2) {
      at += out.write(this.parts[i] as string, at, 'utf8');
      const json = this.parts[i + 1] as Uint8Array;
      out.set(json, at);
      at += json.length;
      out[at++] = 0x0a;
    }
    return out;
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
 * The events (already checked, duplicates already left out) as batches: one per aligned minute of their
 * times, split further at BATCH_RECORD_BYTES. Events keep their order within a batch.
 */
export function buildBatches(events: readonly AuditEventInput[]): EventBatch[] {
  const done: EventBatch[] = [];
  const open = new Map<number, BatchBuilder>();
  let lastMinute = NaN;
  let last: BatchBuilder | undefined;
  for (const e of events) {
    const t = e.time.getTime();
    const minute = Math.floor(t / BATCH_SPAN_MS);
    let b = minute === lastMinute ? last : open.get(minute);
    if (b === undefined) {
      b = new BatchBuilder();
      open.set(minute, b);
    }
    b.add(e, t);
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

/** The events of a batch's records, in the order they were added. */
export function readBatch(records: Uint8Array): StoredEvent[] {
  const buf = Buffer.from(records.buffer, records.byteOffset, records.length);
  const out: StoredEvent[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) throw new Error('events.db: a batch record is cut short');
    const h = JSON.parse(buf.toString('utf8', pos, nl)) as [
      string,
      number,
      string,
      string,
      string,
      string | null,
      string | null,
      number,
      [string, string][],
      number,
    ];
    const start = nl + 1;
    const end = start + h[9];
    if (end >= buf.length || buf[end] !== 0x0a) throw new Error('events.db: a batch record is cut short');
    out.push(
      makeStoredEvent({
        account: h[0],
        timeMs: h[1],
        id: h[2],
        name: h[3],
        source: h[4],
        username: h[5],
        accessKeyId: h[6],
        readOnly: h[7] === 1,
        resources: h[8].map(([type, name]) => ({ type, name })),
        json: buf.toString('utf8', start, end),
      }),
    );
    pos = end + 1;
  }
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

/** Whether a stored event is one the query asks for (its batch was found through the query's key). */
export function makeEventFilter(q: EventQuery): (e: StoredEvent) => boolean {
  const lo = q.start?.getTime() ?? -Infinity;
  const hi = q.end?.getTime() ?? Infinity;
  const beforeTime = q.before?.time.getTime();
  const beforeId = q.before?.id;
  const a = q.attribute === undefined ? undefined : attributeColumn(q.attribute);
  const attr = (e: StoredEvent): boolean => {
    if (a === undefined) return true;
    switch (a.column) {
      case 'id':
        return e.id === a.value;
      case 'name':
        return e.name === a.value;
      case 'source':
        return e.source === a.value;
      case 'username':
        return e.username === a.value;
      case 'access_key_id':
        return e.accessKeyId === a.value;
      case 'read_only':
        return e.readOnly === a.value;
      case 'resource_type':
        return e.resources.some((r) => r.type === a.value);
      case 'resource_name':
        return e.resources.some((r) => r.name === a.value);
    }
  };
  return (e) => {
    if (e.account !== q.account) return false;
    const t = e.time.getTime();
    if (t < lo || t > hi) return false;
    if (beforeTime !== undefined && (t > beforeTime || (t === beforeTime && e.id >= beforeId!))) return false;
    return attr(e);
  };
}
