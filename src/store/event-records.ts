// Events encoded as records (./event-batches.ts's format) one at a time, as they happen, into shared memory
// that the events worker reads in place: the audit recorder's path to the SQLite events store.
//
// Why: the recorder used to keep each event as an object (with its JSON as bytes in an arena) for the ~50 ms
// until it sent them, and until the worker committed them (for a retry); at thousands of events a second those
// objects outlived young-generation collections and were copied, then promoted and marked (~3 µs an event of
// the request-serving thread's GC). They were then encoded into a freshly allocated buffer (~2 µs an event,
// much of it writing memory the process had not touched). Here an event becomes its record bytes at once,
// in one of a few pooled SharedArrayBuffers that stay mapped and warm, and nothing per event is kept.
import type { AuditEventInput } from './types.js';
import { checkEvent } from './events.js';
import { recordLinePrefix, type RecordRef } from './event-batches.js';

/** An arena's size (also the largest batch of records the worker stores as one row, BATCH_RECORD_BYTES). */
const ARENA_BYTES = 1 << 20;
/** Free arenas kept for reuse; more are left to the garbage collector. */
const POOL_MAX = 8;
/**
 * A record's line ends with its JSON's byte length, written after the JSON (only then is it known) in a
 * field this wide, space-padded on the left (JSON.parse reads " 1234" as 1234). The JSON is at most
 * MAX_DATA_CHARS (4 Mi) UTF-16 units, so at most 12 MiB: 8 digits.
 */
const LENGTH_WIDTH = 8;
const LINE_END = ']\n';

const pool: SharedArrayBuffer[] = [];

/** UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2). */
function maxRecordBytes(prefix: string, json: string): number {
  return (prefix.length + json.length) * 3 + LENGTH_WIDTH + LINE_END.length + 1;
}

/**
 * An arena of encoded events, filled by add() and handed to the store; release() returns it to the pool.
 * Of kind 'calls', it holds lines of API calls (addLine) that the store's events worker makes into records
 * itself (see OpenStoreOptions.eventCallsModule), so that the request-serving thread does not.
 */
export class EventRecords {
  /** Encoded bytes so far (the records are bytes.subarray(0, used)). */
  used = 0;
  /** Events encoded so far. */
  count = 0;
  private readonly bytes: Buffer;
  private released = false;
  /** Where each record is and its indexed fields, if kept (see take). */
  readonly refs: RecordRef[] | undefined;

  private constructor(
    private readonly memory: SharedArrayBuffer,
    readonly kind: 'records' | 'calls',
    keepRefs: boolean,
  ) {
    this.bytes = Buffer.from(memory);
    this.refs = keepRefs ? [] : undefined;
  }

  /**
   * An empty arena with room for at least `bytes` (a pooled one unless it must be larger). `keepRefs`: it
   * also keeps each record's RecordRef as it is added, for a store in the same thread to take with the
   * bytes instead of reading them back (the events worker's records made of calls).
   */
  static take(bytes = 0, kind: 'records' | 'calls' = 'records', keepRefs = false): EventRecords {
    const memory =
      bytes > ARENA_BYTES ? new SharedArrayBuffer(bytes) : (pool.pop() ?? new SharedArrayBuffer(ARENA_BYTES));
    return new EventRecords(memory, kind, keepRefs);
  }

  /** The most bytes a line can take: an arena this large has room for it. */
  static lineBytes(line: string): number {
    return line.length * 3;
  }

  /**
   * Appends one call line (a 'calls' arena; the line ends with its only newline, and is checked by the
   * worker that reads it); false, with nothing written, when it might not fit in the space left.
   */
  addLine(line: string): boolean {
    if (this.released || this.kind !== 'calls') throw new Error('events: not an open arena of calls');
    if (this.used + EventRecords.lineBytes(line) > this.bytes.length) return false;
    this.used += this.bytes.write(line, this.used, 'utf8');
    this.count++;
    return true;
  }

  /** The most bytes an event's record can take: an arena this large has room for it. */
  static maxBytes(e: AuditEventInput & { json: string }): number {
    return maxRecordBytes(recordLinePrefix(e), e.json);
  }

  /**
   * Encodes the event (checked first: a TypeError or RangeError names what is wrong, and nothing is
   * written); false, with nothing written, when it might not fit in the space left.
   */
  add(e: AuditEventInput & { json: string }): boolean {
    if (this.released || this.kind !== 'records') throw new Error('events: not an open arena of records');
    checkEvent(e);
    const prefix = recordLinePrefix(e);
    const json = e.json;
    const buf = this.bytes;
    if (this.used + maxRecordBytes(prefix, json) > buf.length) return false;
    let at = this.used + buf.write(prefix, this.used, 'utf8');
    const lengthAt = at;
    at += LENGTH_WIDTH + LINE_END.length;
    const n = buf.write(json, at, 'utf8');
    buf.write(String(n).padStart(LENGTH_WIDTH, ' ') + LINE_END, lengthAt, 'latin1');
    const jsonStart = at;
    at += n;
    buf[at++] = 0x0a;
    this.refs?.push({
      account: e.account,
      timeMs: e.time.getTime(),
      id: e.id,
      name: e.name,
      source: e.source,
      username: e.username ?? null,
      accessKeyId: e.accessKeyId ?? null,
      readOnly: e.readOnly,
      resources: (e.resources ?? []).map((r) => [r.type, r.name]),
      start: this.used,
      end: at,
      jsonStart,
    });
    this.used = at;
    this.count++;
    return true;
  }

  /** The encoded records: a view of the shared memory (posted to a worker, it is shared, not copied). */
  records(): Uint8Array {
    return this.bytes.subarray(0, this.used);
  }

  /** Done with (stored): the memory goes back to the pool. The arena must not be used after. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.memory.byteLength === ARENA_BYTES && pool.length < POOL_MAX) pool.push(this.memory);
  }
}
