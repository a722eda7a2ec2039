// The SQLite audit event log, `<dataDir>/events.db`: its schema, inserts, LookupEvents queries and retention
// deletes. It runs inside the events worker (./sqlite-events-worker.ts), so its ~75 µs per inserted event
// (a 2-3 KB JSON row plus the index entries, fsynced) is not paid on the request-serving thread.
//
// The tables and indexes are those of migration 001 (which PostgreSQL and older rolechain.db files still
// use), made from the same text, so ./event-sql.ts's queries run unchanged. The file has its own schema
// version (user_version): it is created and versioned independently of rolechain.db.
import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import { buildEventQuery } from './event-sql.js';
import { checkEvents, eventJsonText, makeStoredEvent } from './events.js';
import { eventTablesV1 } from './migrations/001-initial.js';
import { SQLITE } from './migrations/index.js';

const EVENTS_SCHEMA_VERSION = 1;
export const EVENTS_PAGE_SIZE = 16384;

const SCHEMA = eventTablesV1(SQLITE);

/** A row of the events table, as SQLite returns it. */
export interface EventRow {
  account: string;
  id: string;
  time_ms: number;
  name: string;
  source: string;
  username: string | null;
  access_key_id: string | null;
  read_only: number;
  resources: string;
  json: string;
}

/** Thrown when the file is locked by another connection (mapped to StoreUnavailableError by the caller). */
export class EventsDbBusyError extends Error {
  override name = 'EventsDbBusyError';
}

export class SqliteEventsDb {
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<typeof prepare>;
  private readonly queryCache = new Map<string, Database.Statement>();

  constructor(path: string, synchronous: 'FULL' | 'NORMAL') {
    // Audit records are personal data: owner-only, like rolechain.db.
    closeSync(openSync(path, 'a', 0o600));
    const db = new Database(path, { timeout: 1000 });
    this.db = db;
    try {
      // As for rolechain.db: exclusive before WAL (no shared-memory index); this process alone owns the file
      // (rolechain.db's lock already keeps other processes out of the data dir).
      // 16 KiB pages for a new file (an existing one keeps its size): audit rows are 1-3 KB, and on 4 KiB
      // pages inserting them split pages constantly. Measured on AssumeRole's events: the worker's CPU per
      // event ~27 → ~21 µs. Only takes effect before the file's first table and before WAL.
      db.pragma(`page_size = ${EVENTS_PAGE_SIZE}`);
      db.pragma('locking_mode = EXCLUSIVE');
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not enable WAL on ${path} (${mode})`);
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      db.pragma(`synchronous = ${synchronous}`);
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > EVENTS_SCHEMA_VERSION) {
        throw new Error(
          `${path} schema version ${version} is newer than this build's ${EVENTS_SCHEMA_VERSION}; upgrade rolechain`,
        );
      }
      if (version < EVENTS_SCHEMA_VERSION) {
        db.transaction(() => {
          db.exec(SCHEMA);
          db.pragma(`user_version = ${EVENTS_SCHEMA_VERSION}`);
        }).immediate();
      }
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY')
        throw new EventsDbBusyError(`${path} is in use by another process`);
      throw err;
    }
    this.stmts = prepare(db);
  }

  /**
   * Checks and inserts the events, all or none; an id already stored keeps its first record. Inside an open
   * group (begin) they become part of it (a savepoint: a failed append leaves the group's others in place).
   */
  append(events: readonly AuditEventInput[]): void {
    checkEvents(events);
    const s = this.stmts;
    this.db.transaction(() => {
      for (const e of events) {
        const t = e.time.getTime();
        const res = e.resources ?? [];
        const resJson = JSON.stringify(res.map((r) => ({ type: r.type, name: r.name })));
        const ins = s.insertEvent.run(
          e.account,
          e.id,
          t,
          e.name,
          e.source,
          e.username ?? null,
          e.accessKeyId ?? null,
          e.readOnly ? 1 : 0,
          resJson,
          eventJsonText(e.json),
        );
        if (ins.changes === 0) continue; // a duplicate id: the first one stands
        for (const r of res) s.insertResource.run(e.account, e.id, t, r.type, r.name);
      }
    })();
  }

  /** Opens a group of appends committed together (commit), if none is open. */
  begin(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN');
  }

  /** Commits the open group, if any; if that fails the group is rolled back and the error thrown. */
  commit(): void {
    if (!this.db.inTransaction) return;
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /** The query must have been validated (checkQuery) by the caller. */
  query(q: EventQuery): StoredEvent[] {
    const { sql, params } = buildEventQuery(
      q,
      () => '?',
      (b) => (b ? 1 : 0),
    );
    let stmt = this.queryCache.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      this.queryCache.set(sql, stmt);
    }
    return (stmt.all(...params) as EventRow[]).map((r) =>
      makeStoredEvent({
        account: r.account,
        timeMs: r.time_ms,
        id: r.id,
        name: r.name,
        source: r.source,
        username: r.username,
        accessKeyId: r.access_key_id,
        readOnly: r.read_only === 1,
        resources: JSON.parse(r.resources) as { type: string; name: string }[],
        json: r.json,
      }),
    );
  }

  deleteBefore(timeMs: number): number {
    const s = this.stmts;
    return this.db.transaction(() => {
      s.deleteResourcesBefore.run(timeMs);
      return s.deleteEventsBefore.run(timeMs).changes;
    })();
  }

  /** Checkpoints the WAL into the file and releases the lock. */
  close(): void {
    this.queryCache.clear();
    this.db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    insertEvent: db.prepare(
      `INSERT INTO events (account, id, time_ms, name, source, username, access_key_id, read_only, resources, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, id) DO NOTHING`,
    ),
    insertResource: db.prepare(
      'INSERT INTO event_resources (account, event_id, time_ms, type, name) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteResourcesBefore: db.prepare('DELETE FROM event_resources WHERE time_ms < ?'),
    deleteEventsBefore: db.prepare('DELETE FROM events WHERE time_ms < ?'),
  };
}
