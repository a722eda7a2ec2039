// The audit event log held in memory (the memory backend): per account, kept sorted oldest → newest.
// Nothing in memory outlives the process, and a long test run or load test would otherwise grow it without
// bound (~2 KB a request): each account keeps its newest MEMORY_EVENTS_PER_ACCOUNT events, as a ring.
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import {
  attributeColumn,
  checkEvents,
  checkQuery,
  checkTime,
  compareNewestFirst,
  makeStoredEvent,
} from './events.js';

/** How many events the memory backend keeps per account (the oldest go first). */
export const MEMORY_EVENTS_PER_ACCOUNT = 10_000;

export class MemoryEventLog {
  private readonly byAccount = new Map<string, StoredEvent[]>();
  private readonly ids = new Set<string>();

  constructor(private readonly perAccount = MEMORY_EVENTS_PER_ACCOUNT) {}

  append(events: AuditEventInput[]): void {
    checkEvents(events);
    for (const e of events) {
      const idKey = e.account + '\u0000' + e.id;
      if (this.ids.has(idKey)) continue;
      this.ids.add(idKey);
      const stored = makeStoredEvent({
        account: e.account,
        timeMs: e.time.getTime(),
        id: e.id,
        name: e.name,
        source: e.source,
        username: e.username,
        accessKeyId: e.accessKeyId,
        readOnly: e.readOnly,
        resources: (e.resources ?? []).map((r) => ({ type: r.type, name: r.name })),
        json: e.json,
      });
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
      const e = list[i] as StoredEvent;
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
      while (cut < list.length && (list[cut] as StoredEvent).time.getTime() < t) cut++;
      for (const e of list.splice(0, cut)) this.ids.delete(account + '\u0000' + e.id);
      n += cut;
      if (list.length === 0) this.byAccount.delete(account);
    }
    return n;
  }
}

function matcher(attr: { key: string; value: string }): (e: StoredEvent) => boolean {
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
function upperBound(list: StoredEvent[], e: StoredEvent): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNewestFirst(list[mid] as StoredEvent, e) >= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Callers get their own objects: the log's must not change under it. */
function copy(e: StoredEvent): StoredEvent {
  return { ...e, time: new Date(e.time.getTime()), resources: e.resources.map((r) => ({ ...r })) };
}
