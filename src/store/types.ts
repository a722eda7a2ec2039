// The store's public types. Semantics are documented in ./index.ts.
import type { EventRecords } from './event-records.js';

/** One entity (a user, a role, an instance profile, an account, …) as the store keeps it. */
export interface EntityRecord<T = unknown> {
  readonly kind: string;
  readonly account: string;
  readonly id: string;
  /** Unique per (kind, account), compared case-insensitively; absent for unnamed entities. */
  readonly name?: string;
  /** A JSON value, deep-frozen; what a reload from the database would return (see index.ts on key order). */
  readonly data: T;
  /** 1 on creation, +1 on each put; the basis of optimistic concurrency (`expectVersion`). */
  readonly version: number;
}

/** What a caller hands to `put`: a record without its version. */
export interface EntityInput<T = unknown> {
  kind: string;
  account: string;
  id: string;
  name?: string;
  data: T;
}

export interface PutOptions {
  /** Fail with ConflictError('id') when an entity with this (kind, account, id) exists. */
  ifAbsent?: boolean;
  /** Fail with VersionConflictError unless the current version is this (0 = must not exist). */
  expectVersion?: number;
}

export interface DeleteOptions {
  /** Fail with VersionConflictError if the entity exists with another version. */
  expectVersion?: number;
}

export type BatchOp =
  | { op: 'put'; rec: EntityInput; opts?: PutOptions }
  | { op: 'delete'; kind: string; account: string; id: string; opts?: DeleteOptions };

/** A resource an event touched (CloudTrail's Resources: ResourceType + ResourceName). */
export interface EventResource {
  type: string;
  name: string;
}

export interface AuditEventInput {
  account: string;
  time: Date;
  /** Unique per account (CloudTrail's EventId); appending an id twice keeps the first. */
  id: string;
  /** EventName, e.g. "CreateRole". */
  name: string;
  /** EventSource, e.g. "iam.amazonaws.com". */
  source: string;
  username?: string;
  accessKeyId?: string;
  readOnly: boolean;
  resources?: EventResource[];
  /**
   * The full CloudTrail record as JSON text, or that text's UTF-8 bytes: the audit recorder hands over bytes,
   * so that thousands of records waiting to be stored are not strings the garbage collector must copy.
   */
  json: string | Uint8Array;
}

export interface AppendEventsOptions {
  /**
   * May be committed together with later appends (SQLite's events worker groups them: at 2,000 events, after
   * a second, or before any other event request), so a caller appending a few events at a time does not pay
   * a commit each time. Resolves once committed either way. Without it the append (even of no events) and
   * every grouped one before it are committed at once.
   */
  group?: boolean;
}

export interface StoredEvent {
  account: string;
  time: Date;
  id: string;
  name: string;
  source: string;
  username?: string;
  accessKeyId?: string;
  readOnly: boolean;
  resources: EventResource[];
  json: string;
}

/** CloudTrail LookupEvents' LookupAttributeKey values. */
export type EventAttributeKey =
  | 'EventId'
  | 'EventName'
  | 'ReadOnly'
  | 'Username'
  | 'ResourceType'
  | 'ResourceName'
  | 'EventSource'
  | 'AccessKeyId';

export interface EventQuery {
  account: string;
  /** Inclusive. */
  start?: Date;
  /** Inclusive. */
  end?: Date;
  /** At most one attribute, as in CloudTrail; exact, case-sensitive match ('ReadOnly' takes "true"/"false"). */
  attribute?: { key: EventAttributeKey | string; value: string };
  /** 1..MAX_EVENT_QUERY_LIMIT. */
  limit: number;
  /** Paging cursor: only events strictly older than this one in (time, id) order. */
  before?: { time: Date; id: string };
}

export type StoreBackend = 'sqlite' | 'postgres' | 'memory';

export interface Store {
  readonly backend: StoreBackend;
  /** Runs migrations, then loads the in-memory mirror. */
  open(): Promise<void>;
  /** Waits for writes in flight, then releases the database; after it nothing is pending. */
  close(): Promise<void>;

  get<T>(kind: string, account: string, id: string): EntityRecord<T> | undefined;
  /** Case-insensitive. */
  getByName<T>(kind: string, account: string, name: string): EntityRecord<T> | undefined;
  /** Ordered by name (case-insensitively, then exactly), then id; unnamed entities first. A fresh array. */
  list<T>(kind: string, account?: string): EntityRecord<T>[];

  put<T>(rec: EntityInput<T>, opts?: PutOptions): Promise<EntityRecord<T>>;
  /** Resolves false when there was nothing to delete. */
  delete(kind: string, account: string, id: string, opts?: DeleteOptions): Promise<boolean>;
  /** All or nothing; later ops see earlier ones (create then update in one batch works). */
  batch(ops: BatchOp[]): Promise<void>;

  getSetting<T>(key: string): T | undefined;
  putSetting<T>(key: string, value: T): Promise<void>;

  /** Resolves once the events are durable (committed); see AppendEventsOptions.group. */
  appendEvents(events: AuditEventInput[], opts?: AppendEventsOptions): Promise<void>;
  /**
   * appendEvents for events already encoded and checked (SQLite only): the worker reads the arena's shared
   * memory in place, so the caller leaves it unchanged, and does not release it, until this settles.
   * Resolves to how many of a 'calls' arena's calls could not be made into records (they are left out).
   */
  appendEventRecords?(records: EventRecords, opts?: AppendEventsOptions): Promise<number>;
  /** Whether appendEventRecords takes arenas of kind 'calls' (see OpenStoreOptions.eventCallsModule). */
  readonly acceptsEventCalls?: boolean;
  /** Newest first: by time, then id, descending. */
  queryEvents(q: EventQuery): Promise<StoredEvent[]>;
  /** Deletes events with time < `time` (all accounts); resolves to how many. */
  deleteEventsBefore(time: Date): Promise<number>;
}

export interface OpenStoreOptions {
  /** The mirror alone: nothing survives the process. */
  memory?: boolean;
  /** SQLite: the database is `<dataDir>/rolechain.db`, its audit events `<dataDir>/events.db`. */
  dataDir?: string;
  /** PostgreSQL: a postgres:// URL. Takes precedence over dataDir. */
  databaseUrl?: string;
  /**
   * SQLite's `synchronous` pragma. 'FULL' (default): an acknowledged write survives kill -9 and power loss.
   * 'NORMAL': survives kill -9 (the WAL is in the OS page cache), not power loss; fewer fsyncs.
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /**
   * SQLite: the URL of a module the events worker loads to make records of API calls it is sent as lines
   * (EventRecords of kind 'calls'): it exports recordsFromCallLines(lines) => { records, failed }. Without
   * it the store accepts records only (acceptsEventCalls false).
   */
  eventCallsModule?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** PostgreSQL: refresh the mirror when another node writes (LISTEN/NOTIFY). Default true. */
  listen?: boolean;
}
