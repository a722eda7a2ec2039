// The SQLite audit event log, `<dataDir>/events.db`: its schema, inserts, LookupEvents queries and retention
// deletes. It runs inside the events worker (./sqlite-events-worker.ts), so its SQLite work is not paid on
// the request-serving thread, but it still competes with that thread for the machine's cores: it is kept
// small by storing events in batches (./event-batches.ts), a row per batch plus a few key rows.
//
// Schema 2 (the file's own user_version, independent of rolechain.db's migrations). A schema-1 file (a row
// per event, migration 001's tables) is converted at open, in one transaction.
import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import { checkEvents, compareNewestFirst } from './events.js';
import {
  BATCH_SPAN_MS,
  eventIdKey,
  batchIdKeys,
  buildBatches,
  encodeRecords,
  makeRecordFilter,
  parseRecords,
  queryKey,
  storedEvent,
  type EventBatch,
  type RecordRef,
} from './event-batches.js';

const EVENTS_SCHEMA_VERSION = 2;
export const EVENTS_PAGE_SIZE = 16384;

const SCHEMA = `
-- A batch of events: ids (account NUL id NUL per event) before records, so reading them for dedupe does not
-- read the records' overflow pages.
CREATE TABLE event_batches (
  id INTEGER PRIMARY KEY,
  min_time INTEGER NOT NULL,
  max_time INTEGER NOT NULL,
  count INTEGER NOT NULL,
  ids TEXT NOT NULL,
  records BLOB NOT NULL
);
-- Retention: the batches holding events older than a time.
CREATE INDEX event_batches_by_min_time ON event_batches (min_time);
-- One row per distinct (account, lookup attribute, value) of a batch; attribute '' = every event.
CREATE TABLE event_keys (
  account TEXT NOT NULL,
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  max_time INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  min_time INTEGER NOT NULL,
  PRIMARY KEY (account, attribute, value, max_time, batch)
) WITHOUT ROWID;
CREATE INDEX event_keys_by_batch ON event_keys (batch);
`;

/** A row of schema 1's events table (and of rolechain.db's, which older versions wrote), as SQLite returns it. */
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

/** A schema-1 row (of events.db, or of rolechain.db's events table) as the event it recorded. */
export function eventFromSchema1Row(r: EventRow): AuditEventInput {
  const e: AuditEventInput = {
    account: r.account,
    time: new Date(r.time_ms),
    id: r.id,
    name: r.name,
    source: r.source,
    readOnly: r.read_only === 1,
    resources: JSON.parse(r.resources) as { type: string; name: string }[],
    json: r.json,
  };
  if (r.username !== null) e.username = r.username;
  if (r.access_key_id !== null) e.accessKeyId = r.access_key_id;
  return e;
}

/** Records with their RecordRefs, as EventRecords kept them (so they are not read back). */
export interface KnownRecords {
  bytes: Uint8Array;
  refs: readonly RecordRef[];
}

/** Thrown when the file is locked by another connection (mapped to StoreUnavailableError by the caller). */
export class EventsDbBusyError extends Error {
  override name = 'EventsDbBusyError';
}

/** Key rows read per step of a query (a query usually needs the first one or two). */
const KEY_PAGE = 64;
const MIN_TIME = Number.MIN_SAFE_INTEGER;
const MAX_TIME = Number.MAX_SAFE_INTEGER;

type KeyRow = { batch: number; max_time: number; min_time: number };

export class SqliteEventsDb {
  private readonly db: Database.Database;
  private stmts!: ReturnType<typeof prepare>;

  constructor(path: string, synchronous: 'FULL' | 'NORMAL') {
    // Audit records are personal data: owner-only, like rolechain.db.
    closeSync(openSync(path, 'a', 0o600));
    const db = new Database(path, { timeout: 1000 });
    this.db = db;
    let version = 0;
    try {
      // As for rolechain.db: exclusive before WAL (no shared-memory index); this process alone owns the file
      // (rolechain.db's lock already keeps other processes out of the data dir).
      // 16 KiB pages for a new file (an existing one keeps its size): fewer pages per batch. Only takes
      // effect before the file's first table and before WAL.
      db.pragma(`page_size = ${EVENTS_PAGE_SIZE}`);
      db.pragma('locking_mode = EXCLUSIVE');
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not enable WAL on ${path} (${mode})`);
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      db.pragma(`synchronous = ${synchronous}`);
      version = db.pragma('user_version', { simple: true }) as number;
      if (version > EVENTS_SCHEMA_VERSION) {
        throw new Error(
          `${path} schema version ${version} is newer than this build's ${EVENTS_SCHEMA_VERSION}; upgrade rolechain`,
        );
      }
      if (version < EVENTS_SCHEMA_VERSION) {
        db.transaction(() => {
          db.exec(SCHEMA);
          this.stmts = prepare(db);
          if (version === 1) this.convertSchema1();
          db.pragma(`user_version = ${EVENTS_SCHEMA_VERSION}`);
        }).immediate();
      }
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY')
        throw new EventsDbBusyError(`${path} is in use by another process`);
      throw err;
    }
    if (version === EVENTS_SCHEMA_VERSION) this.stmts = prepare(db);
  }

  /** Checks and inserts the events (as appendRecords does). */
  append(events: readonly AuditEventInput[]): void {
    checkEvents(events);
    this.appendRecords(encodeRecords(events));
  }

  /**
   * Inserts the events of checked, encoded records (encodeRecords; or of several such buffers, each possibly
   * with the RecordRefs that describe it, KnownRecords), all or none; an id already stored keeps its first
   * record. Inside an open group (begin) they become part of it (a savepoint: a failed append
   * leaves the group's others in place). Returns how many events the records held.
   */
  appendRecords(records: Uint8Array | readonly (Uint8Array | KnownRecords)[]): number {
    const list = records instanceof Uint8Array ? [records] : records;
    let n = 0;
    this.db.transaction(() => {
      for (const item of list) {
        const r = item instanceof Uint8Array ? item : item.bytes;
        const buf = Buffer.from(r.buffer, r.byteOffset, r.length);
        const refs = item instanceof Uint8Array ? parseRecords(buf) : item.refs;
        for (const b of buildBatches(buf, this.withoutStored(refs))) this.insertBatch(b);
        n += refs.length;
      }
    })();
    return n;
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

  /**
   * The query must have been validated (checkQuery) by the caller. Batches come newest first (by their
   * newest event) from the query's key; reading stops once no later batch can hold an event newer than the
   * limit-th found.
   */
  query(q: EventQuery): StoredEvent[] {
    const { attribute, value } = queryKey(q);
    const matches = makeRecordFilter(q);
    const lo = q.start?.getTime() ?? MIN_TIME;
    let hi = q.end?.getTime() ?? MAX_TIME;
    if (q.before !== undefined) hi = Math.min(hi, q.before.time.getTime());
    // A batch's events are within BATCH_SPAN_MS of its newest.
    let cursor: [number, number] = [Math.min(MAX_TIME, hi + BATCH_SPAN_MS - 1), MAX_TIME];
    const found: StoredEvent[] = [];
    let floor = -Infinity; // once `limit` are found: the time of the oldest of them
    for (;;) {
      const keys = this.stmts.keysPage.all(q.account, attribute, value, lo, ...cursor) as KeyRow[];
      for (const k of keys) {
        if (k.max_time < floor) return found;
        if (k.min_time > hi) continue;
        const { records } = this.stmts.records.get(k.batch) as { records: Buffer };
        for (const r of parseRecords(records)) if (matches(r)) found.push(storedEvent(records, r));
        if (found.length >= q.limit) {
          found.sort(compareNewestFirst);
          found.length = q.limit;
          floor = found[q.limit - 1]!.time.getTime();
        }
      }
      if (keys.length < KEY_PAGE) break;
      const last = keys[keys.length - 1]!;
      cursor = [last.max_time, last.batch];
    }
    return found.sort(compareNewestFirst);
  }

  /** Deletes events with time < timeMs; a batch holding older and newer ones is rewritten with the newer. */
  deleteBefore(timeMs: number): number {
    const s = this.stmts;
    return this.db.transaction(() => {
      let deleted = 0;
      const rewrite: EventBatch[] = [];
      for (const b of s.batchesBefore.all(timeMs) as { id: number; max_time: number; count: number }[]) {
        if (b.max_time >= timeMs) {
          const { records } = s.records.get(b.id) as { records: Buffer };
          const refs = parseRecords(records);
          const keep = refs.filter((r) => r.timeMs >= timeMs);
          deleted += refs.length - keep.length;
          rewrite.push(...buildBatches(records, keep));
        } else deleted += b.count;
        s.deleteKeys.run(b.id);
        s.deleteBatch.run(b.id);
      }
      for (const b of rewrite) this.insertBatch(b);
      return deleted;
    })();
  }

  /** Checkpoints the WAL into the file and releases the lock. */
  close(): void {
    this.db.close();
  }

  private insertBatch(b: EventBatch): void {
    const s = this.stmts;
    const id = s.insertBatch.run(b.minTime, b.maxTime, b.count, b.ids, b.records).lastInsertRowid;
    for (const [account, attribute, value] of b.keys)
      s.insertKey.run(account, attribute, value, b.maxTime, id, b.minTime);
  }

  /**
   * The events whose (account, id) is not stored yet nor earlier in the list. Stored ids are found through
   * the batches sharing an event-id key with them: for rolechain's time-ordered ids, usually the batch just
   * before (whose last 16 ms the new events share), or none.
   */
  private withoutStored(events: readonly RecordRef[]): readonly RecordRef[] {
    const seen = new Set<string>();
    const batches = new Set<number>();
    let lastKey = '';
    for (const e of events) {
      const idKey = eventIdKey(e.id);
      const key = e.account + '\u0000' + idKey;
      if (key === lastKey) continue;
      lastKey = key;
      for (const r of this.stmts.idKeyBatches.all(e.account, idKey) as {
        batch: number;
      }[])
        batches.add(r.batch);
    }
    for (const b of batches) {
      const { ids } = this.stmts.ids.get(b) as { ids: string };
      for (const k of batchIdKeys(ids)) seen.add(k);
    }
    // Ids that only grow (rolechain's) cannot repeat within the list: no need to remember each.
    let increasing = true;
    let prevId = '';
    let out: RecordRef[] | undefined;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (increasing && !(e.id > prevId)) {
        increasing = false;
        for (let j = 0; j < i; j++) seen.add(events[j]!.account + '\u0000' + events[j]!.id);
      }
      prevId = e.id;
      if (!increasing || seen.size > 0) {
        const k = e.account + '\u0000' + e.id;
        if (seen.has(k)) {
          out ??= events.slice(0, i);
          continue;
        }
        if (!increasing) seen.add(k);
      }
      out?.push(e);
    }
    return out ?? events;
  }

  /** Schema 1 → 2: every event row into batches, then the old tables dropped. */
  private convertSchema1(): void {
    const db = this.db;
    const page = db.prepare(
      `SELECT rowid, account, id, time_ms, name, source, username, access_key_id, read_only, resources, json
       FROM events WHERE rowid > ? ORDER BY rowid LIMIT 2000`,
    );
    for (let after = 0; ;) {
      const rows = page.all(after) as (EventRow & { rowid: number })[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.rowid;
      const events = rows.map(eventFromSchema1Row);
      // Schema 1's key was (account, id): nothing to leave out.
      const records = encodeRecords(events);
      for (const b of buildBatches(records, parseRecords(records))) this.insertBatch(b);
    }
    db.exec('DROP TABLE event_resources; DROP TABLE events;');
  }
}

function prepare(db: Database.Database) {
  return {
    insertBatch: db.prepare(
      'INSERT INTO event_batches (min_time, max_time, count, ids, records) VALUES (?, ?, ?, ?, ?)',
    ),
    insertKey: db.prepare(
      'INSERT INTO event_keys (account, attribute, value, max_time, batch, min_time) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    keysPage: db.prepare(
      `SELECT batch, max_time, min_time FROM event_keys
       WHERE account = ? AND attribute = ? AND value = ? AND max_time >= ? AND (max_time, batch) < (?, ?)
       ORDER BY max_time DESC, batch DESC LIMIT ${KEY_PAGE}`,
    ),
    records: db.prepare('SELECT records FROM event_batches WHERE id = ?'),
    ids: db.prepare('SELECT ids FROM event_batches WHERE id = ?'),
    idKeyBatches: db.prepare(
      "SELECT batch FROM event_keys WHERE account = ? AND attribute = 'EventId' AND value = ?",
    ),
    batchesBefore: db.prepare('SELECT id, max_time, count FROM event_batches WHERE min_time < ?'),
    deleteKeys: db.prepare('DELETE FROM event_keys WHERE batch = ?'),
    deleteBatch: db.prepare('DELETE FROM event_batches WHERE id = ?'),
  };
}
