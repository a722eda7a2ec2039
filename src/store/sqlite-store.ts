// The SQLite backend: `<dataDir>/rolechain.db` through better-sqlite3, whose synchronous API is fast enough to
// call inline (a point write is tens of microseconds plus the fsync). Every write validates against the mirror,
// runs in one SQLite transaction, and only then updates the mirror, all in the same tick: nothing interleaves.
//
// Durability: WAL with synchronous=FULL by default: each commit fsyncs the WAL, so a write whose promise
// resolved survives kill -9 and power loss. synchronous=NORMAL (an option) still survives kill -9 (the WAL
// frames are in the OS page cache once the commit returns) but can lose the last commits on power loss.
//
// One process per database: the file is opened with locking_mode=EXCLUSIVE, so a second rolechain on the same
// dataDir fails at open instead of silently serving a mirror that the first one's writes make stale.
//
// The audit event log lives in its own file, `<dataDir>/events.db`, owned by a worker thread
// (./sqlite-events-client.ts): storing every API call's record is SQLite work (~9 µs an event in batches,
// ~75 µs a row per event when this was written) that this thread should not pay. Events that older versions
// kept in rolechain.db are moved there at open.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AppendEventsOptions, AuditEventInput, BatchOp, EventQuery, StoredEvent } from './types.js';
import { MirroredStore } from './mirrored-store.js';
import { applyChanges, makeRecord, planWrites, type Change, type ChangeResult } from './plan.js';
import { ConflictError, StoreUnavailableError } from './errors.js';
import { lowerName } from './keys.js';
import { frozenFromJson } from './freeze.js';
import { LATEST_VERSION, MIGRATIONS, SCHEMA_VERSION_DDL, SQLITE } from './migrations/index.js';
import { attributeColumn, checkQuery, checkTime, MAX_EVENTS_PER_APPEND } from './events.js';
import { SqliteEventsClient } from './sqlite-events-client.js';
import type { EventRecords } from './event-records.js';
import { eventFromSchema1Row, type EventRow } from './sqlite-events-db.js';

import { EVENTS_FILE, SQLITE_FILE } from './sqlite-file.js';

interface EntityRow {
  kind: string;
  account: string;
  id: string;
  name: string | null;
  data: string;
  version: number;
}

/** An event row of migration 001's table in rolechain.db: the columns events.db has, plus the rowid. */
type LegacyEventRow = EventRow & { rowid: number };

/** Events moved from rolechain.db to events.db per request to the worker. */
const LEGACY_BATCH = 2000;

export class SqliteStore extends MirroredStore {
  readonly backend = 'sqlite' as const;
  readonly path: string;
  private db: Database.Database | undefined;
  private stmts: ReturnType<typeof prepare> | undefined;
  private events: SqliteEventsClient | undefined;
  private eventsOpening: Promise<SqliteEventsClient> | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly synchronous: 'FULL' | 'NORMAL' = 'FULL',
    private readonly eventCallsModule?: string,
  ) {
    super();
    this.path = join(dataDir, SQLITE_FILE);
    this.acceptsEventCalls = eventCallsModule !== undefined;
  }

  readonly acceptsEventCalls: boolean;

  protected async doOpen(): Promise<void> {
    // The database holds secrets (the key ring): owner-only directory and file.
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    closeSync(openSync(this.path, 'a', 0o600));
    // The worker starts (a thread, its modules, its file) while this thread opens and loads rolechain.db.
    const eventsOpening = SqliteEventsClient.open(
      join(this.dataDir, EVENTS_FILE),
      this.synchronous,
      this.eventCallsModule,
    );
    this.eventsOpening = eventsOpening;
    eventsOpening.catch(() => undefined); // awaited below, or by doClose if this open fails first
    const db = new Database(this.path, { timeout: 1000 });
    this.db = db;
    try {
      // Exclusive before WAL: then SQLite needs no shared-memory index, and holds the file lock until close.
      db.pragma('locking_mode = EXCLUSIVE');
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new StoreUnavailableError(`store: could not enable WAL on ${this.path} (${mode})`);
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new StoreUnavailableError(`store: ${this.path} is in use by another process`);
      }
      throw err;
    }
    db.pragma(`synchronous = ${this.synchronous}`);
    migrate(db);
    this.stmts = prepare(db);
    this.load();
    this.events = await eventsOpening;
    this.eventsOpening = undefined;
    await this.moveLegacyEvents();
  }

  protected async doClose(): Promise<void> {
    this.stmts = undefined;
    const events = this.events ?? (await this.eventsOpening?.catch(() => undefined));
    this.events = undefined;
    this.eventsOpening = undefined;
    const db = this.db;
    this.db = undefined;
    try {
      await events?.close();
    } finally {
      // Closing checkpoints the WAL into the main file and removes it.
      db?.close();
    }
  }

  /**
   * Events written before events.db existed are in rolechain.db's events tables: copy them over (a row's
   * resources column holds its event_resources rows), then delete them here. Appending is idempotent (an id
   * already there keeps its first record), so an open interrupted half way simply repeats the copy.
   */
  private async moveLegacyEvents(): Promise<void> {
    const db = this.db as Database.Database;
    if (db.prepare('SELECT 1 FROM events LIMIT 1').get() === undefined) return;
    const page = db.prepare(
      `SELECT rowid, account, id, time_ms, name, source, username, access_key_id, read_only, resources, json
       FROM events WHERE rowid > ? ORDER BY rowid LIMIT ${LEGACY_BATCH}`,
    );
    for (let after = 0; ;) {
      const rows = page.all(after) as LegacyEventRow[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.rowid;
      await this.eventsClient().append(rows.map(eventFromSchema1Row));
    }
    db.transaction(() => {
      db.exec('DELETE FROM event_resources');
      db.exec('DELETE FROM events');
    })();
  }

  private load(): void {
    const db = this.db as Database.Database;
    this.mirror.clear();
    for (const r of db.prepare('SELECT kind, account, id, name, data, version FROM entities').iterate()) {
      const row = r as EntityRow;
      const rec = makeRecord(
        row.kind,
        row.account,
        row.id,
        row.name ?? undefined,
        frozenFromJson(row.data),
        row.version,
      );
      this.mirror.set(rec);
    }
    for (const r of db.prepare('SELECT key, value FROM settings').iterate()) {
      const row = r as { key: string; value: string };
      this.mirror.settings.set(row.key, frozenFromJson(row.value));
    }
  }

  protected async write(ops: readonly BatchOp[]): Promise<ChangeResult[]> {
    const changes = planWrites(this.mirror, ops);
    this.persist(changes);
    return applyChanges(this.mirror, changes);
  }

  private persist(changes: readonly Change[]): void {
    const s = this.statements();
    const run = (): void => {
      for (const c of changes) {
        if (c.op === 'delete') {
          if (c.prev !== undefined) s.del.run(c.kind, c.account, c.id);
          continue;
        }
        const { kind, account, id, name, version } = c.rec;
        try {
          s.upsert.run(
            kind,
            account,
            id,
            name ?? null,
            name === undefined ? null : lowerName(name),
            c.json,
            version,
          );
        } catch (err) {
          // The mirror checked these already; reaching here means the database disagrees with it.
          if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
            const byName = String((err as Error).message).includes('name_lower');
            throw new ConflictError(byName ? 'name' : 'id', kind, account, byName ? (name as string) : id);
          }
          throw err;
        }
      }
    };
    if (changes.length === 1) run();
    else s.db.transaction(run)();
  }

  protected async writeSetting(key: string, json: string, value: unknown): Promise<void> {
    this.statements().putSetting.run(key, json);
    this.mirror.settings.set(key, value);
  }

  protected async doAppendEvents(events: AuditEventInput[], opts?: AppendEventsOptions): Promise<void> {
    // The batch as a whole is checked here; each event by the events client as it encodes them.
    if (!Array.isArray(events)) throw new TypeError('store: events must be an array');
    if (events.length > MAX_EVENTS_PER_APPEND)
      throw new RangeError(`store: at most ${MAX_EVENTS_PER_APPEND} events`);
    // An empty grouped append has nothing to do; an empty ungrouped one commits the grouped ones before it.
    if (events.length === 0 && opts?.group === true) return;
    await this.eventsClient().append(events, opts?.group === true);
  }

  appendEventRecords(records: EventRecords, opts?: AppendEventsOptions): Promise<number> {
    if (records.kind === 'calls' && !this.acceptsEventCalls)
      return Promise.reject(new TypeError('store: this store was opened without an eventCallsModule'));
    return this.track(() =>
      this.eventsClient().appendRecords(records.records(), opts?.group === true, records.kind === 'calls'),
    );
  }

  protected async doQueryEvents(q: EventQuery): Promise<StoredEvent[]> {
    checkQuery(q);
    if (q.attribute !== undefined) attributeColumn(q.attribute); // rejects a bad key here, as a TypeError
    return this.eventsClient().query(q);
  }

  protected async doDeleteEventsBefore(time: Date): Promise<number> {
    checkTime('time', time);
    return this.eventsClient().deleteBefore(time);
  }

  private eventsClient(): SqliteEventsClient {
    if (this.events === undefined) throw new Error('store: not open');
    return this.events;
  }

  private statements(): ReturnType<typeof prepare> {
    if (this.stmts === undefined) throw new Error('store: not open');
    return this.stmts;
  }
}

function prepare(db: Database.Database) {
  return {
    db,
    upsert: db.prepare(
      `INSERT INTO entities (kind, account, id, name, name_lower, data, version) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, account, id) DO UPDATE SET
         name = excluded.name, name_lower = excluded.name_lower, data = excluded.data, version = excluded.version`,
    ),
    del: db.prepare('DELETE FROM entities WHERE kind = ? AND account = ? AND id = ?'),
    putSetting: db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  };
}

/** Applies the migrations this database lacks, each in its own transaction. */
function migrate(db: Database.Database): void {
  db.exec(SCHEMA_VERSION_DDL);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_version').all() as { version: number }[]).map((r) => r.version),
  );
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_VERSION) {
    throw new StoreUnavailableError(
      `store: database schema version ${newest} is newer than this build's ${LATEST_VERSION}; upgrade rolechain`,
    );
  }
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql(SQLITE));
      db.prepare('INSERT INTO schema_version (version, name, applied_at_ms) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
    }).immediate();
  }
}
