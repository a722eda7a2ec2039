// The audit event log held in memory (the memory backend): per account, kept sorted oldest → newest.
// Nothing in memory outlives the process, and a long test run or load test would otherwise grow it without
// bound (~2 KB a request): each account keeps its newest MEMORY_EVENTS_PER_ACCOUNT events, as a ring.
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import { attributeColumn, checkEvents, checkQuery, checkTime, compareNewestFirst } from './events.js';

/**
 * An event as the log holds it: the record's JSON as bytes outside the JS heap. Thousands of 1-3 KB strings
 * that each outlive a young-generation collection are copied and promoted, then swept again by every
 * full collection; a Buffer's bytes are not, so a busy server spends far less time in the collector.
 */
type HeldEvent = Omit<StoredEvent, 'json'> & { json: Buffer };

/** How many events the memory backend keeps per account (the oldest go first). */
export const MEMORY_EVENTS_PER_ACCOUNT = 10_000;

export class MemoryEventLog {
  private readonly byAccount = new Map<string, HeldEvent[]>();
  private readonly ids = new Set<string>();

  constructor(private readonly perAccount = MEMORY_EVENTS_PER_ACCOUNT) {}

  append(events: AuditEventInput[]): void {
    checkEvents(events);
    for (const e of events) {
      const idKey = e.account + '\u0000' + e.id;
      if (this.ids.has(idKey)) continue;
      this.ids.add(idKey);
      const stored: HeldEvent = {
        account: e.account,
        time: new Date(e.time.getTime()),
        id: e.id,
        name: e.name,
        source: e.source,
        readOnly: e.readOnly,
        resources: (e.resources ?? []).map((r) => ({ type: r.type, name: r.name })),
        // A copy either way: the caller's bytes may change after the call.
        json: typeof e.json === 'string' ? Buffer.from(e.json, 'utf8') : Buffer.from(e.json),
      };
      if (e.username != null) stored.username = e.username;
      if (e.accessKeyId != null) stored.accessKeyId = e.accessKeyId;
      let list = this.byAccount.get(e.account);
      if (list === undefined) this.byAccount.set(e.account, (list = []));
      // Events mostly arrive in time order: the insertion point is usually the end.
      list.splice(upperBound(list, stored), 0, stored);
      // Drop the oldest in one splice per 1% over the limit, not one shift per event.
      if (list.length > this.perAccount + Math.ceil(this.perAccount / 100)) {
        for (const old of list.splice(0, list.length - this.perAccount))
          this.ids.delete(e.account + '\u0000' + old.id);
      }
    }
  }

  query(q: EventQuery): StoredEvent[] {
    checkQuery(q);
    const list = this.byAccount.get(q.account) ?? [];
    const match = q.attribute === undefined ? () => true : matcher(q.attribute);
    const start = q.start?.getTime() ?? -Infinity;
    const end = q.end?.getTime() ?? Infinity;
    const out: StoredEvent[] = [];
    for (let i = list.length - 1; i >= 0 && out.length < q.limit; i--) {
      const e = list[i] as HeldEvent;
      const t = e.time.getTime();
      if (t > end) continue;
      if (t < start) break;
      if (q.before !== undefined && compareNewestFirst(e, q.before) <= 0) continue;
      if (match(e)) out.push(copy(e));
    }
    return out;
  }

  deleteBefore(time: Date): number {
    checkTime('time', time);
    const t = time.getTime();
    let n = 0;
    for (const [account, list] of this.byAccount) {
      let cut = 0;
      while (cut < list.length && (list[cut] as HeldEvent).time.getTime() < t) cut++;
      for (const e of list.splice(0, cut)) this.ids.delete(account + '\u0000' + e.id);
      n += cut;
      if (list.length === 0) this.byAccount.delete(account);
    }
    return n;
  }
}

function matcher(attr: { key: string; value: string }): (e: HeldEvent) => boolean {
  const a = attributeColumn(attr);
  switch (a.column) {
    case 'id':
      return (e) => e.id === a.value;
    case 'name':
      return (e) => e.name === a.value;
    case 'source':
      return (e) => e.source === a.value;
    case 'username':
      return (e) => e.username === a.value;
    case 'access_key_id':
      return (e) => e.accessKeyId === a.value;
    case 'read_only':
      return (e) => e.readOnly === a.value;
    case 'resource_type':
      return (e) => e.resources.some((r) => r.type === a.value);
    case 'resource_name':
      return (e) => e.resources.some((r) => r.name === a.value);
  }
}

/** Index after the last event that sorts at or before `e` (oldest → newest). */
function upperBound(list: HeldEvent[], e: HeldEvent): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNewestFirst(list[mid] as HeldEvent, e) >= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Callers get their own objects: the log's must not change under it. */
function copy(e: HeldEvent): StoredEvent {
  return {
    ...e,
    time: new Date(e.time.getTime()),
    resources: e.resources.map((r) => ({ ...r })),
    json: e.json.toString('utf8'),
  };
}
