// The store: where every service (IAM, STS, Organizations, EC2, CloudTrail, S3 metadata) keeps its state.
//
// Model
// - Entities: (kind, account, id) → { name?, data, version }. `kind` is the service's entity type ("iam:role"),
//   `account` the 12-digit account (or any scope string), `id` the service's stable id. Unique keys, enforced by
//   the database's unique indexes AND by the mirror: (kind, account, id), and (kind, account, lower(name)) when a
//   name is set (names compare case-insensitively, as IAM's do; lowercasing is JavaScript's toLowerCase).
// - data is a JSON value: what JSON cannot carry (undefined members, Dates, Maps) does not survive, on every
//   backend alike, because the mirror keeps what a reload would return (JSON round trip). On PostgreSQL (JSONB)
//   object key order is not preserved across a reload: keep text that must come back verbatim (a policy
//   document) as a string. At most 4 Mi characters of JSON per record.
// - version: 1 on creation, +1 on every put. `expectVersion: n` makes a put/delete conditional on it (0 = "must
//   not exist"); a mismatch rejects with VersionConflictError. `ifAbsent` rejects an existing id with
//   ConflictError('id'); a taken name always rejects with ConflictError('name').
// - Settings: small JSON values by key (key ring, root credentials' metadata, id counters), also mirrored.
// - Events: the append-only audit log; queried in SQL (not mirrored), newest first, one CloudTrail lookup
//   attribute at a time, paged by a (time, id) cursor.
//
// Reads (get, getByName, list, getSetting) are synchronous, served from the in-memory mirror, never SQL. They
// return the mirror's own objects, deep-frozen: do not (cannot) mutate them. list() returns a fresh array sorted
// by name case-insensitively, then by exact name, then by id, in code-unit order; unnamed entities first.
//
// Writes (put, delete, batch, putSetting) resolve once durable, and the mirror changes only after the database
// accepted the write, so a read never sees a write that could be lost. A batch is all or nothing, and its ops
// see each other in order. Validation errors (TypeError/RangeError for malformed input) reject before any I/O.
//
// Backends
// - memory (`{ memory: true }`): the mirror alone.
// - sqlite (`{ dataDir }`): `<dataDir>/rolechain.db`, dataDir created 0700 and the file 0600, WAL with
//   synchronous=FULL (an acknowledged write survives kill -9 and power loss; `sqliteSynchronous: 'NORMAL'` keeps
//   kill -9 safety only). The file is locked exclusively: one process per dataDir (StoreUnavailableError).
//   The event log is `<dataDir>/events.db` (0600, same WAL/synchronous settings), owned by a worker thread so
//   its inserts, queries and retention deletes run off the main thread; an appendEvents that resolved is
//   committed there (grouped appends, { group: true }, are committed together, within a second). New
//   events.db files use 16 KiB pages. Events older versions kept in rolechain.db are moved to it at open.
// - postgres (`{ databaseUrl }`): a pg Pool; JSONB data. Writes hold per-key locks (a node's writes to one entity
//   or name are serialised), the database arbitrates between nodes, and LISTEN/NOTIFY keeps every node's mirror
//   current (eventually: a read on node B may briefly miss a write acknowledged on node A).
//
// Migrations: ./migrations, applied at open, each once, in a transaction, recorded in schema_version; a database
// newer than the build refuses to open.
import type { OpenStoreOptions, Store } from './types.js';
import { MemoryStore } from './memory-store.js';
import type { PostgresStore } from './postgres-store.js';

export type {
  AppendEventsOptions,
  AuditEventInput,
  BatchOp,
  DeleteOptions,
  EntityInput,
  EntityRecord,
  EventAttributeKey,
  EventQuery,
  EventResource,
  OpenStoreOptions,
  PutOptions,
  Store,
  StoreBackend,
  StoredEvent,
} from './types.js';
export { ConflictError, StoreUnavailableError, VersionConflictError } from './errors.js';
export { checkEvent, MAX_EVENT_QUERY_LIMIT } from './events.js';
export { sameResources } from './event-batches.js';
export { EventRecords } from './event-records.js';
export { jsonString, needsJsonEscape } from './json-text.js';
export { CALLS_MODULE_ERROR } from './sqlite-events-protocol.js';
export { MAX_BATCH_OPS, MAX_DATA_CHARS, MAX_KEY_PART } from './validate.js';
export { MemoryStore };
export type { PostgresStore };
export { EVENTS_FILE, SQLITE_FILE } from './sqlite-file.js';

/**
 * Creates and opens the store: PostgreSQL if databaseUrl, else SQLite if dataDir, else memory if memory.
 * The backends are imported on demand: loading pg or the native SQLite addon costs tens of milliseconds
 * of startup that a server on another backend should not pay.
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  let store: Store;
  if (opts.databaseUrl) {
    const { PostgresStore } = await import('./postgres-store.js');
    store = new PostgresStore(opts.databaseUrl, { poolSize: opts.poolSize, listen: opts.listen });
  } else if (opts.dataDir) {
    const { SqliteStore } = await import('./sqlite-store.js');
    store = new SqliteStore(opts.dataDir, opts.sqliteSynchronous, opts.eventCallsModule);
  } else if (opts.memory) {
    store = new MemoryStore();
  } else {
    throw new TypeError('openStore: give one of databaseUrl, dataDir, or memory: true');
  }
  await store.open();
  return store;
}
