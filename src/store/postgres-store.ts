// The PostgreSQL backend, through a pg Pool. The mirror is loaded at open; each write holds per-key locks
// (key-locks.ts) over validate → SQL → mirror update, so one node's writes to a key are serialised while writes
// to other keys run concurrently. The database stays the arbiter: its unique indexes and version checks catch
// what a stale mirror (another node's write not yet seen) would let through, and map to the same errors.
//
// Several nodes on one database: every write NOTIFYs (in its own transaction, so only on commit) the key it
// changed; the other nodes LISTEN and re-read that key into their mirrors. A node whose listening connection
// drops reconnects and reloads everything, since it may have missed notifications meanwhile.
//
// Data is stored as JSONB: a reload returns equal values, but JSONB does not keep object key order.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AuditEventInput, BatchOp, EventQuery, StoredEvent } from './types.js';
import { MirroredStore } from './mirrored-store.js';
import { applyChanges, makeRecord, planWrites, type Change, type ChangeResult } from './plan.js';
import { ConflictError, VersionConflictError } from './errors.js';
import { entityKey, lowerName, nameKey } from './keys.js';
import { deepFreeze } from './freeze.js';
import { KeyedLocks } from './key-locks.js';
import { migratePostgres } from './postgres-migrate.js';
import { inTransaction } from './postgres-tx.js';
import { appendEventsPg, deleteEventsBeforePg, queryEventsPg } from './postgres-events.js';

export const NOTIFY_CHANNEL = 'rolechain_store';
/** PostgreSQL's payload limit is 8000 bytes; above this a change is announced as "reload everything". */
const MAX_PAYLOAD_CHARS = 1900;

interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

interface EntityRow {
  kind: string;
  account: string;
  id: string;
  name: string | null;
  data: unknown;
  version: string;
}

type Notice = { n: string; e?: [string, string, string]; s?: string; all?: 1 };

export interface PostgresStoreOptions {
  poolSize?: number;
  listen?: boolean;
}

export class PostgresStore extends MirroredStore {
  readonly backend = 'postgres' as const;
  /** This node's identity in notifications, so that it ignores its own. */
  readonly nodeId = randomUUID();
  private pool: pg.Pool | undefined;
  private readonly locks = new KeyedLocks();
  private readonly bg = new Set<Promise<unknown>>();
  private listener: pg.Client | undefined;
  private listenRetry: NodeJS.Timeout | undefined;
  private closing = false;
  /** Notifications that arrive before the initial load completes wait here. */
  private pending: string[] | undefined = [];
  /** Keys changed locally while a loadAll() is reading: their mirror entries are newer than its snapshot. */
  private readonly loadWatchers = new Set<Set<string>>();
  /** The last error of a background refresh (they have no caller to reject). */
  lastBackgroundError: unknown;

  constructor(
    private readonly url: string,
    private readonly opts: PostgresStoreOptions = {},
  ) {
    super();
  }

  protected async doOpen(): Promise<void> {
    const pool = new pg.Pool({ connectionString: this.url, max: this.opts.poolSize ?? 10 });
    // An idle client's connection error must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    this.pool = pool;
    await migratePostgres(pool);
    // Listen before loading, so nothing committed after the load's snapshot goes unseen.
    if (this.opts.listen !== false) await this.listen();
    await this.loadAll();
    const queued = this.pending ?? [];
    this.pending = undefined;
    for (const p of queued) this.onNotice(p);
  }

  protected async doClose(): Promise<void> {
    this.closing = true;
    clearTimeout(this.listenRetry);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
    while (this.bg.size > 0) await Promise.allSettled([...this.bg]);
    await this.pool?.end();
    this.pool = undefined;
  }

  // --- writes -------------------------------------------------------------------------------------------------

  protected async write(ops: readonly BatchOp[]): Promise<ChangeResult[]> {
    const release = await this.locks.acquire(lockKeys(ops));
    try {
      const changes = planWrites(this.mirror, ops);
      const pool = this.db();
      const results =
        changes.length === 1
          ? [await this.runChange(pool, changes[0] as Change)]
          : await inTransaction(pool, async (client) => {
              const out: ChangeResult[] = [];
              for (const c of changes) out.push(await this.runChange(client, c));
              return out;
            });
      const applied = applyChanges(this.mirror, changes, results);
      for (const c of changes) this.touch('e:' + c.key);
      return applied;
    } finally {
      release();
    }
  }

  private async runChange(q: Queryable, c: Change): Promise<ChangeResult> {
    if (c.op === 'delete') return this.runDelete(q, c);
    const { kind, account, id, name } = c.rec;
    const params: unknown[] = [
      kind,
      account,
      id,
      name ?? null,
      name === undefined ? null : lowerName(name),
      c.json,
      NOTIFY_CHANNEL,
      this.notice({ e: [kind, account, id] }),
    ];
    const insert = `INSERT INTO entities (kind, account, id, name, name_lower, data, version)
      VALUES ($1, $2, $3, $4, $5, $6::jsonb, 1)`;
    let sql: string;
    if (c.ifAbsent || c.expectVersion === 0) {
      sql = insert;
    } else if (c.expectVersion !== undefined) {
      params.push(c.expectVersion);
      sql = `UPDATE entities SET name = $4, name_lower = $5, data = $6::jsonb, version = version + 1
        WHERE kind = $1 AND account = $2 AND id = $3 AND version = $9`;
    } else {
      sql = `${insert} ON CONFLICT (kind, account, id) DO UPDATE SET name = excluded.name,
        name_lower = excluded.name_lower, data = excluded.data, version = entities.version + 1`;
    }
    let rows: { version: string }[];
    try {
      ({ rows } = await q.query<{ version: string }>(
        `WITH w AS (${sql} RETURNING version) SELECT w.version, pg_notify($7, $8) FROM w`,
        params,
      ));
    } catch (err) {
      throw await this.mapUniqueViolation(err, c);
    }
    if (rows.length === 0) throw await this.versionConflict(kind, account, id, c.expectVersion as number);
    return makeRecord(kind, account, id, name, c.rec.data, Number((rows[0] as { version: string }).version));
  }

  private async runDelete(q: Queryable, c: Extract<Change, { op: 'delete' }>): Promise<boolean> {
    const { kind, account, id, expectVersion } = c;
    const { rows } = await q.query<{ deleted: string; current: string | null }>(
      `WITH d AS (
         DELETE FROM entities WHERE kind = $1 AND account = $2 AND id = $3 AND ($4::bigint IS NULL OR version = $4)
         RETURNING 1),
       n AS (SELECT pg_notify($5, $6) FROM d)
       SELECT (SELECT count(*) FROM d) AS deleted, (SELECT count(*) FROM n) AS notified,
         (SELECT version FROM entities WHERE kind = $1 AND account = $2 AND id = $3) AS current`,
      [kind, account, id, expectVersion ?? null, NOTIFY_CHANNEL, this.notice({ e: [kind, account, id] })],
    );
    const row = rows[0] as { deleted: string; current: string | null };
    if (Number(row.deleted) > 0) return true;
    if (row.current !== null) {
      // Only a version mismatch leaves an existing row undeleted: the mirror was stale.
      this.refreshLater(kind, account, id);
      throw new VersionConflictError(kind, account, id, expectVersion as number, Number(row.current));
    }
    if (c.prev !== undefined) this.refreshLater(kind, account, id);
    return false;
  }

  /** The database saw a conflict the mirror did not: report it as the mirror would have, and refresh. */
  private async mapUniqueViolation(err: unknown, c: Extract<Change, { op: 'put' }>): Promise<unknown> {
    const e = err as { code?: string; constraint?: string };
    if (e.code !== '23505') return err;
    const { kind, account, id, name } = c.rec;
    this.refreshLater(kind, account, id);
    if (e.constraint === 'entities_name_key' && name !== undefined) {
      this.refreshNameLater(kind, account, name);
      return new ConflictError('name', kind, account, name);
    }
    if (e.constraint === 'entities_pkey') {
      if (c.ifAbsent) return new ConflictError('id', kind, account, id);
      return this.versionConflict(kind, account, id, 0);
    }
    return err;
  }

  private async versionConflict(kind: string, account: string, id: string, expected: number): Promise<Error> {
    this.refreshLater(kind, account, id);
    const { rows } = await this.db().query<{ version: string }>(
      'SELECT version FROM entities WHERE kind = $1 AND account = $2 AND id = $3',
      [kind, account, id],
    );
    return new VersionConflictError(kind, account, id, expected, rows.length ? Number(rows[0]?.version) : 0);
  }

  protected async writeSetting(key: string, json: string, value: unknown): Promise<void> {
    const release = await this.locks.acquire(['s:' + key]);
    try {
      await this.db().query(
        `WITH w AS (INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING 1)
         SELECT pg_notify($3, $4) FROM w`,
        [key, json, NOTIFY_CHANNEL, this.notice({ s: key })],
      );
      this.mirror.settings.set(key, value);
      this.touch('s:' + key);
    } finally {
      release();
    }
  }

  // --- events -------------------------------------------------------------------------------------------------

  protected doAppendEvents(events: AuditEventInput[]): Promise<void> {
    return appendEventsPg(this.db(), events);
  }

  protected doQueryEvents(q: EventQuery): Promise<StoredEvent[]> {
    return queryEventsPg(this.db(), q);
  }

  protected doDeleteEventsBefore(time: Date): Promise<number> {
    return deleteEventsBeforePg(this.db(), time);
  }

  // --- the mirror: loading and refreshing ---------------------------------------------------------------------

  /**
   * Loads every entity and setting. At open nothing is locked; on a reload after a lost listening connection,
   * entities this node is writing right now are left to per-key refreshes, which wait for those writes.
   */
  private async loadAll(): Promise<void> {
    const pool = this.db();
    const touched = new Set<string>();
    this.loadWatchers.add(touched);
    try {
      const [ents, sets] = await Promise.all([
        pool.query<EntityRow>('SELECT kind, account, id, name, data, version FROM entities'),
        pool.query<{ key: string; value: unknown }>('SELECT key, value FROM settings'),
      ]);
      // Entries written since the snapshot are newer than it: leave them. Entries being written now: re-read them
      // once that write is done (refreshes wait for the lock).
      const verdict = (k: string): 'apply' | 'skip' | 'refresh' =>
        touched.has(k) ? 'skip' : this.locks.isFree(k) ? 'apply' : 'refresh';
      const seen = new Set<string>();
      for (const row of ents.rows) {
        const key = entityKey(row.kind, row.account, row.id);
        seen.add(key);
        const v = verdict('e:' + key);
        if (v === 'apply') this.mirror.set(recordFromRow(row));
        else if (v === 'refresh') this.refreshLater(row.kind, row.account, row.id);
      }
      for (const key of this.mirror.keys()) {
        const rec = this.mirror.getByKey(key);
        if (seen.has(key) || rec === undefined) continue;
        const v = verdict('e:' + key);
        if (v === 'apply') this.mirror.remove(rec.kind, rec.account, rec.id);
        else if (v === 'refresh') this.refreshLater(rec.kind, rec.account, rec.id);
      }
      for (const row of sets.rows) {
        const v = verdict('s:' + row.key);
        if (v === 'apply') this.mirror.settings.set(row.key, deepFreeze(row.value));
        else if (v === 'refresh') this.background(this.refreshSetting(row.key));
      }
    } finally {
      this.loadWatchers.delete(touched);
    }
  }

  private touch(lockKey: string): void {
    for (const w of this.loadWatchers) w.add(lockKey);
  }

  private refreshLater(kind: string, account: string, id: string): void {
    this.background(this.refreshEntity(kind, account, id));
  }

  private refreshNameLater(kind: string, account: string, name: string): void {
    this.background(
      (async () => {
        const owner = this.mirror.getByName(kind, account, name);
        if (owner !== undefined) await this.refreshEntity(kind, account, owner.id);
        const { rows } = await this.db().query<{ id: string }>(
          'SELECT id FROM entities WHERE kind = $1 AND account = $2 AND name_lower = $3',
          [kind, account, lowerName(name)],
        );
        for (const r of rows) await this.refreshEntity(kind, account, r.id);
      })(),
    );
  }

  /** Re-reads one entity into the mirror, holding its lock so it never overwrites a newer local write. */
  private async refreshEntity(kind: string, account: string, id: string): Promise<void> {
    const release = await this.locks.acquire(['e:' + entityKey(kind, account, id)]);
    try {
      if (this.closing) return;
      const { rows } = await this.db().query<EntityRow>(
        'SELECT kind, account, id, name, data, version FROM entities WHERE kind = $1 AND account = $2 AND id = $3',
        [kind, account, id],
      );
      const row = rows[0];
      if (row === undefined) this.mirror.remove(kind, account, id);
      else this.mirror.set(recordFromRow(row));
      this.touch('e:' + entityKey(kind, account, id));
    } finally {
      release();
    }
  }

  private async refreshSetting(key: string): Promise<void> {
    const release = await this.locks.acquire(['s:' + key]);
    try {
      if (this.closing) return;
      const { rows } = await this.db().query<{ value: unknown }>(
        'SELECT value FROM settings WHERE key = $1',
        [key],
      );
      if (rows[0] === undefined) this.mirror.settings.delete(key);
      else this.mirror.settings.set(key, deepFreeze(rows[0].value));
      this.touch('s:' + key);
    } finally {
      release();
    }
  }

  // --- LISTEN/NOTIFY ------------------------------------------------------------------------------------------

  private notice(body: Omit<Notice, 'n'>): string {
    const payload = JSON.stringify({ n: this.nodeId, ...body });
    return payload.length <= MAX_PAYLOAD_CHARS ? payload : JSON.stringify({ n: this.nodeId, all: 1 });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const lost = (): void => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.scheduleRelisten(250);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL && msg.payload !== undefined) this.onNotice(msg.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.listener = client;
  }

  private scheduleRelisten(delayMs: number): void {
    if (this.closing) return;
    this.listenRetry = setTimeout(() => {
      this.background(
        this.listen().then(
          () => this.loadAll(),
          () => this.scheduleRelisten(Math.min(delayMs * 2, 10_000)),
        ),
      );
    }, delayMs);
    this.listenRetry.unref();
  }

  private onNotice(payload: string): void {
    if (this.pending !== undefined) {
      this.pending.push(payload);
      return;
    }
    let n: Notice;
    try {
      n = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (n.n === this.nodeId || this.closing) return;
    if (n.e !== undefined) this.refreshLater(...n.e);
    else if (n.s !== undefined) this.background(this.refreshSetting(n.s));
    else if (n.all === 1) this.background(this.loadAll());
  }

  private background(p: Promise<unknown>): void {
    const tracked = p.catch((err: unknown) => void (this.lastBackgroundError = err));
    this.bg.add(tracked);
    void tracked.finally(() => this.bg.delete(tracked));
  }

  private db(): pg.Pool {
    if (this.pool === undefined) throw new Error('store: not open');
    return this.pool;
  }
}

function recordFromRow(row: EntityRow) {
  return makeRecord(
    row.kind,
    row.account,
    row.id,
    row.name ?? undefined,
    deepFreeze(row.data),
    Number(row.version),
  );
}

/** The locks a batch needs: each entity it writes, and each name it claims. */
function lockKeys(ops: readonly BatchOp[]): string[] {
  const keys: string[] = [];
  for (const o of ops) {
    if (o.op === 'put') {
      const r = o.rec;
      keys.push('e:' + entityKey(r?.kind, r?.account, r?.id));
      if (typeof r?.name === 'string') keys.push('n:' + nameKey(r.kind, r.account, r.name));
    } else {
      keys.push('e:' + entityKey(o.kind, o.account, o.id));
    }
  }
  return keys;
}
