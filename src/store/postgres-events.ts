// The audit event log in PostgreSQL: bulk appends through unnest(), LookupEvents through event-sql.ts.
import type pg from 'pg';
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import { checkEvents, checkQuery, checkTime, eventJsonText, makeStoredEvent } from './events.js';
import { buildEventQuery } from './event-sql.js';
import { inTransaction } from './postgres-tx.js';

interface EventRow {
  account: string;
  id: string;
  time_ms: string;
  name: string;
  source: string;
  username: string | null;
  access_key_id: string | null;
  read_only: boolean;
  resources: { type: string; name: string }[];
  json: string;
}

export async function appendEventsPg(pool: pg.Pool, events: AuditEventInput[]): Promise<void> {
  checkEvents(events);
  if (events.length === 0) return;
  const col = <K>(f: (e: AuditEventInput) => K): K[] => events.map(f);
  await inTransaction(pool, async (client) => {
    const inserted = await client.query<{ account: string; id: string }>(
      `INSERT INTO events (account, id, time_ms, name, source, username, access_key_id, read_only, resources, json)
       SELECT a, i, t, n, s, u, k, r, res::jsonb, j
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::boolean[], $9::text[], $10::text[]) AS x(a, i, t, n, s, u, k, r, res, j)
       ON CONFLICT (account, id) DO NOTHING
       RETURNING account, id`,
      [
        col((e) => e.account),
        col((e) => e.id),
        col((e) => e.time.getTime()),
        col((e) => e.name),
        col((e) => e.source),
        col((e) => e.username ?? null),
        col((e) => e.accessKeyId ?? null),
        col((e) => e.readOnly),
        col((e) => JSON.stringify((e.resources ?? []).map((r) => ({ type: r.type, name: r.name })))),
        col((e) => eventJsonText(e.json)),
      ],
    );
    // Resources only for the events actually inserted: a duplicate id keeps the first event, whole.
    const fresh = new Set(inserted.rows.map((r) => r.account + '\u0000' + r.id));
    const res = {
      a: [] as string[],
      i: [] as string[],
      t: [] as number[],
      ty: [] as string[],
      n: [] as string[],
    };
    for (const e of events) {
      if (!fresh.delete(e.account + '\u0000' + e.id)) continue;
      for (const r of e.resources ?? []) {
        res.a.push(e.account);
        res.i.push(e.id);
        res.t.push(e.time.getTime());
        res.ty.push(r.type);
        res.n.push(r.name);
      }
    }
    if (res.a.length === 0) return;
    await client.query(
      `INSERT INTO event_resources (account, event_id, time_ms, type, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[])`,
      [res.a, res.i, res.t, res.ty, res.n],
    );
  });
}

export async function queryEventsPg(pool: pg.Pool, q: EventQuery): Promise<StoredEvent[]> {
  checkQuery(q);
  const { sql, params } = buildEventQuery(
    q,
    (n) => `$${n}`,
    (b) => b,
  );
  const { rows } = await pool.query<EventRow>(sql, params);
  return rows.map((r) =>
    makeStoredEvent({
      account: r.account,
      timeMs: Number(r.time_ms),
      id: r.id,
      name: r.name,
      source: r.source,
      username: r.username,
      accessKeyId: r.access_key_id,
      readOnly: r.read_only,
      resources: r.resources,
      json: r.json,
    }),
  );
}

export async function deleteEventsBeforePg(pool: pg.Pool, time: Date): Promise<number> {
  checkTime('time', time);
  const t = time.getTime();
  return inTransaction(pool, async (client) => {
    await client.query('DELETE FROM event_resources WHERE time_ms < $1', [t]);
    const r = await client.query('DELETE FROM events WHERE time_ms < $1', [t]);
    return r.rowCount ?? 0;
  });
}
