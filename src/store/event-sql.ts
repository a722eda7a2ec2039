// SQL for LookupEvents-style queries, shared by SQLite and PostgreSQL (only placeholders and booleans differ).
import type { EventQuery } from './types.js';
import { attributeColumn } from './events.js';

export const EVENT_COLUMNS =
  'e.account, e.id, e.time_ms, e.name, e.source, e.username, e.access_key_id, e.read_only, e.resources, e.json';

export function buildEventQuery(
  q: EventQuery,
  placeholder: (n: number) => string,
  bool: (b: boolean) => unknown,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return placeholder(params.length);
  };
  const where = [`e.account = ${p(q.account)}`];
  const timeBounds = (col: string, idCol: string): string[] => {
    const w: string[] = [];
    if (q.start !== undefined) w.push(`${col} >= ${p(q.start.getTime())}`);
    if (q.end !== undefined) w.push(`${col} <= ${p(q.end.getTime())}`);
    if (q.before !== undefined)
      w.push(`(${col}, ${idCol}) < (${p(q.before.time.getTime())}, ${p(q.before.id)})`);
    return w;
  };
  where.push(...timeBounds('e.time_ms', 'e.id'));
  if (q.attribute !== undefined) {
    const a = attributeColumn(q.attribute);
    if (a.column === 'resource_type' || a.column === 'resource_name') {
      // Driven by the resource index; the same time bounds narrow the subquery.
      const col = a.column === 'resource_type' ? 'r.type' : 'r.name';
      const sub = [
        `r.account = ${p(q.account)}`,
        `${col} = ${p(a.value)}`,
        ...timeBounds('r.time_ms', 'r.event_id'),
      ];
      where.push(`e.id IN (SELECT r.event_id FROM event_resources r WHERE ${sub.join(' AND ')})`);
    } else if (a.column === 'read_only') {
      where.push(`e.read_only = ${p(bool(a.value))}`);
    } else {
      where.push(`e.${a.column} = ${p(a.value)}`);
    }
  }
  const sql =
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE ${where.join(' AND ')} ` +
    `ORDER BY e.time_ms DESC, e.id DESC LIMIT ${p(q.limit)}`;
  return { sql, params };
}
