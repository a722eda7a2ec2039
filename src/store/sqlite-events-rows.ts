// How the SQLite store sends audit events to its events worker: one flat array per batch. Structured-cloning
// thousands of small objects (each with a Date and a nested resources array) cost the request-serving thread
// about twice as much as cloning the same values laid out flat. The values travel as they were given; the
// worker checks them (checkEvents), so validation is not paid on the request-serving thread either.
import type { AuditEventInput } from './types.js';

/** Per event: its nine fields in this order, its resource count (-1: not an array), then type/name pairs. */
export type EventRows = unknown[];

export function encodeEventRows(events: readonly AuditEventInput[]): EventRows {
  const out: EventRows = [];
  for (const e of events) {
    out.push(
      e.account,
      e.time instanceof Date ? e.time.getTime() : NaN,
      e.id,
      e.name,
      e.source,
      e.username,
      e.accessKeyId,
      e.readOnly,
      // Bytes stay bytes: a structured clone copies each underlying ArrayBuffer once per message, however many
      // views share it (the audit recorder's arenas, or a pooled Buffer's 8 KiB slab).
      e.json,
    );
    const res = e.resources ?? [];
    if (!Array.isArray(res)) {
      out.push(-1);
      continue;
    }
    out.push(res.length);
    for (const r of res) out.push(r?.type, r?.name);
  }
  return out;
}

/** The worker's side: the events again (still to be checked). */
export function decodeEventRows(rows: EventRows): AuditEventInput[] {
  const events: AuditEventInput[] = [];
  let i = 0;
  while (i < rows.length) {
    const n = rows[i + 9] as number;
    const e = {
      account: rows[i],
      time: new Date(rows[i + 1] as number),
      id: rows[i + 2],
      name: rows[i + 3],
      source: rows[i + 4],
      username: rows[i + 5],
      accessKeyId: rows[i + 6],
      readOnly: rows[i + 7],
      json: rows[i + 8],
      resources: n < 0 ? ('not an array' as unknown) : ([] as { type: unknown; name: unknown }[]),
    } as AuditEventInput;
    i += 10;
    for (let r = 0; r < n; r++, i += 2)
      e.resources!.push({ type: rows[i] as string, name: rows[i + 1] as string });
    events.push(e);
  }
  return events;
}
