// The audit event log held in memory (the memory backend): per account, kept sorted oldest → newest.
// Nothing in memory outlives the process, and a long test run or load test would otherwise grow it without
// bound (~2 KB a request): each account keeps its newest MEMORY_EVENTS_PER_ACCOUNT events.
import type { AuditEventInput, EventQuery, EventResource, StoredEvent } from './types.js';
import { attributeColumn, checkEvents, checkQuery, checkTime } from './events.js';

/** How many events the memory backend keeps per account (the oldest go first). */
export const MEMORY_EVENTS_PER_ACCOUNT = 10_000;

/**
 * Records' bytes are copied into slabs, each account its own (so an account's slabs are freed in the order
 * its events age out), growing from the first size to the largest as the account gets busier.
 */
const FIRST_SLAB_BYTES = 4 * 1024;
const MAX_SLAB_BYTES = 256 * 1024;
const NO_RESOURCES: readonly EventResource[] = Object.freeze([]);
const EMPTY_SLAB = Buffer.alloc(0);

/**
 * One account's events as parallel columns, not an object per event. A busy server appends thousands a
 * second and keeps each until 10,000 newer ones push it out, so every per-event object (the event, its
 * Date, its resources array, a Buffer view) outlives the young generation and is copied, promoted and swept
 * again: measured as ~7 µs per request, more than building the record. Here an event adds only numbers to
 * packed arrays, references to strings the caller made anyway, and its JSON bytes to a shared slab.
 */
class AccountLog {
  readonly times: number[] = [];
  readonly ids: string[] = [];
  readonly names: string[] = [];
  readonly sources: string[] = [];
  readonly usernames: (string | undefined)[] = [];
  readonly accessKeyIds: (string | undefined)[] = [];
  readonly readOnly: boolean[] = [];
  readonly resources: (readonly EventResource[])[] = [];
  /** The slab holding each event's JSON, and where in it. */
  readonly slabs: Buffer[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Every column, for inserting and compacting them alike. */
  private readonly columns: unknown[][] = [
    this.times,
    this.ids,
    this.names,
    this.sources,
    this.usernames,
    this.accessKeyIds,
    this.readOnly,
    this.resources,
    this.slabs,
    this.starts,
    this.ends,
  ];
  private slab: Buffer | undefined;
  private used = 0;

  /** Columns hold events [head, times.length): the oldest are dropped by moving head. */
  head = 0;
  /** Events removed from the front of the columns by compaction: event i's sequence number is dropped + i. */
  private dropped = 0;
  /** The id index (see has), and how many of its slots are taken (by kept or by dropped events). */
  private slots = new Float64Array(1024);
  private taken = 0;

  get length(): number {
    return this.times.length - this.head;
  }

  /** Inserts at index i (all columns alike). */
  insert(i: number, t: number, e: AuditEventInput): void {
    const [slab, start, end] = this.keep(e.json);
    const res = e.resources?.length ? e.resources.map((r) => ({ type: r.type, name: r.name })) : NO_RESOURCES;
    // In the order of `columns`; most events are the newest yet and are pushed.
    const values = [
      t,
      e.id,
      e.name,
      e.source,
      e.username ?? undefined,
      e.accessKeyId ?? undefined,
      e.readOnly,
      res,
      slab,
      start,
      end,
    ];
    const atEnd = i === this.times.length;
    this.columns.forEach((col, k) => (atEnd ? col.push(values[k]) : col.splice(i, 0, values[k])));
    // An insert among older events moves the ones after it, and so their sequence numbers: reindex (rare).
    if (atEnd) this.index(e.id, this.dropped + i);
    else this.reindex();
  }

  /**
   * Whether an event with this id is kept. The ids are indexed in an open-addressing table of sequence
   * numbers, not a Set: a Set's add, has and delete on 10,000 churning strings measured ~1.2 µs an event,
   * this ~0.1. A slot whose event was dropped is skipped (and reused by index), never deleted, so dropping
   * the oldest events costs nothing here; the table is rebuilt when it fills up.
   */
  has(id: string): boolean {
    const mask = this.slots.length - 1;
    for (let s = hashId(id) & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === 0) return false;
      const i = slot - 1 - this.dropped;
      if (i >= this.head && i < this.ids.length && this.ids[i] === id) return true;
    }
  }

  private index(id: string, seq: number): void {
    if ((this.taken + 1) * 2 > this.slots.length) {
      this.reindex();
      // The event being indexed is already in the columns: reindex took it.
      return;
    }
    const mask = this.slots.length - 1;
    for (let s = hashId(id) & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === 0) this.taken++;
      else if (slot - 1 - this.dropped >= this.head) continue;
      this.slots[s] = seq + 1;
      return;
    }
  }

  /** Rebuilds the id index from the kept events, at most half full. */
  private reindex(): void {
    let size = 1024;
    while (size < this.length * 4) size *= 2;
    this.slots = new Float64Array(size);
    this.taken = 0;
    for (let i = this.head; i < this.ids.length; i++) this.index(this.ids[i] as string, this.dropped + i);
  }

  /** Copies a record's JSON into the current slab (a new one when it is full); the caller's may change. */
  private keep(json: string | Uint8Array): [Buffer, number, number] {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const most = typeof json === 'string' ? json.length * 3 : json.length;
    if (this.slab === undefined || most > this.slab.length - this.used) {
      if (most > MAX_SLAB_BYTES / 4) {
        const own = typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.from(json);
        return [own, 0, own.length];
      }
      const size =
        this.slab === undefined ? FIRST_SLAB_BYTES : Math.min(this.slab.length * 2, MAX_SLAB_BYTES);
      this.slab = Buffer.allocUnsafe(Math.max(size, most));
      this.used = 0;
    }
    const start = this.used;
    const n =
      typeof json === 'string'
        ? this.slab.write(json, start, 'utf8')
        : (this.slab.set(json, start), json.length);
    this.used = start + n;
    return [this.slab, start, this.used];
  }

  /** Drops the n oldest events: they are skipped at once, and the columns compacted now and then. */
  dropOldest(n: number): void {
    const end = this.head + n;
    // Let a slab go as soon as its last event does.
    for (let i = this.head; i < end; i++) this.slabs[i] = EMPTY_SLAB;
    this.head = end;
    // Splicing the front of eleven 10,000-long arrays per eviction measured ~2 µs an event; once per
    // half-array it is a few ns.
    if (this.head >= 1024 && this.head * 2 >= this.times.length) {
      for (const col of this.columns) col.splice(0, this.head);
      this.dropped += this.head;
      this.head = 0;
    }
  }

  /** Index after the last event that sorts at or before (t, id), oldest → newest (time, then id). */
  upperBound(t: number, id: string): number {
    let lo = this.head;
    let hi = this.times.length;
    // The common case: the event is the newest yet.
    if (hi === lo || !this.after(hi - 1, t, id)) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.after(mid, t, id)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Whether event i sorts after (t, id). */
  private after(i: number, t: number, id: string): boolean {
    const ti = this.times[i] as number;
    return ti > t || (ti === t && (this.ids[i] as string) > id);
  }

  /** The caller's own copy of event i: the log's must not change under it. */
  stored(account: string, i: number): StoredEvent {
    const out: StoredEvent = {
      account,
      time: new Date(this.times[i] as number),
      id: this.ids[i] as string,
      name: this.names[i] as string,
      source: this.sources[i] as string,
      readOnly: this.readOnly[i] as boolean,
      resources: (this.resources[i] as readonly EventResource[]).map((r) => ({ type: r.type, name: r.name })),
      json: (this.slabs[i] as Buffer).toString('utf8', this.starts[i], this.ends[i]),
    };
    const u = this.usernames[i];
    if (u !== undefined) out.username = u;
    const k = this.accessKeyIds[i];
    if (k !== undefined) out.accessKeyId = k;
    return out;
  }
}

/** FNV-1a over the UTF-16 units: spreads ids (UUIDs or anything a caller gives) over the index's slots. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class MemoryEventLog {
  private readonly byAccount = new Map<string, AccountLog>();
  constructor(private readonly perAccount = MEMORY_EVENTS_PER_ACCOUNT) {}

  append(events: AuditEventInput[]): void {
    checkEvents(events);
    for (const e of events) {
      let log = this.byAccount.get(e.account);
      if (log === undefined) this.byAccount.set(e.account, (log = new AccountLog()));
      if (log.has(e.id)) continue;
      // A copy either way: the caller's bytes may change after the call.
      const t = e.time.getTime();
      log.insert(log.upperBound(t, e.id), t, e);
      // Drop the oldest in one pass per 1% over the limit, not one shift per event.
      if (log.length > this.perAccount + Math.ceil(this.perAccount / 100))
        log.dropOldest(log.length - this.perAccount);
    }
  }

  query(q: EventQuery): StoredEvent[] {
    checkQuery(q);
    const log = this.byAccount.get(q.account);
    if (log === undefined) return [];
    const match = q.attribute === undefined ? () => true : matcher(log, q.attribute);
    const start = q.start?.getTime() ?? -Infinity;
    const end = q.end?.getTime() ?? Infinity;
    const before = q.before === undefined ? undefined : { t: q.before.time.getTime(), id: q.before.id };
    const out: StoredEvent[] = [];
    for (let i = log.times.length - 1; i >= log.head && out.length < q.limit; i--) {
      const t = log.times[i] as number;
      if (t > end) continue;
      if (t < start) break;
      // Paging: only events strictly older than the last one returned (newest first: time, then id).
      if (before !== undefined && (t > before.t || (t === before.t && (log.ids[i] as string) >= before.id)))
        continue;
      if (match(i)) out.push(log.stored(q.account, i));
    }
    return out;
  }

  deleteBefore(time: Date): number {
    checkTime('time', time);
    const t = time.getTime();
    let n = 0;
    for (const [account, log] of this.byAccount) {
      let cut = 0;
      while (cut < log.length && (log.times[log.head + cut] as number) < t) cut++;
      log.dropOldest(cut);
      n += cut;
      if (log.length === 0) this.byAccount.delete(account);
    }
    return n;
  }
}

function matcher(log: AccountLog, attr: { key: string; value: string }): (i: number) => boolean {
  const a = attributeColumn(attr);
  switch (a.column) {
    case 'id':
      return (i) => log.ids[i] === a.value;
    case 'name':
      return (i) => log.names[i] === a.value;
    case 'source':
      return (i) => log.sources[i] === a.value;
    case 'username':
      return (i) => log.usernames[i] === a.value;
    case 'access_key_id':
      return (i) => log.accessKeyIds[i] === a.value;
    case 'read_only':
      return (i) => log.readOnly[i] === a.value;
    case 'resource_type':
      return (i) => (log.resources[i] as readonly EventResource[]).some((r) => r.type === a.value);
    case 'resource_name':
      return (i) => (log.resources[i] as readonly EventResource[]).some((r) => r.name === a.value);
  }
}
