// The audit event log's shared rules: validation, CloudTrail lookup attributes, ordering and paging.
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import { checkKeyPart, MAX_DATA_CHARS } from './validate.js';

/** CloudTrail's LookupEvents returns at most 50 per page; the store allows more for exports, within reason. */
export const MAX_EVENT_QUERY_LIMIT = 10_000;
export const MAX_EVENTS_PER_APPEND = 10_000;
export const MAX_RESOURCES_PER_EVENT = 100;

/** The column each simple lookup attribute compares, or 'resource' for ResourceType/ResourceName. */
export type AttributeColumn =
  | { column: 'id' | 'name' | 'source' | 'username' | 'access_key_id'; value: string }
  | { column: 'read_only'; value: boolean }
  | { column: 'resource_type' | 'resource_name'; value: string };

export function attributeColumn(attr: { key: string; value: string }): AttributeColumn {
  const { key, value } = attr;
  if (typeof value !== 'string') throw new TypeError('store: attribute value must be a string');
  switch (key) {
    case 'EventId':
      return { column: 'id', value };
    case 'EventName':
      return { column: 'name', value };
    case 'EventSource':
      return { column: 'source', value };
    case 'Username':
      return { column: 'username', value };
    case 'AccessKeyId':
      return { column: 'access_key_id', value };
    case 'ReadOnly':
      // CloudTrail accepts "true"/"false"; anything else matches nothing.
      return { column: 'read_only', value: value === 'true' };
    case 'ResourceType':
      return { column: 'resource_type', value };
    case 'ResourceName':
      return { column: 'resource_name', value };
    default:
      throw new TypeError(`store: unknown event attribute ${JSON.stringify(key)}`);
  }
}

export function checkEvents(events: readonly AuditEventInput[]): void {
  if (!Array.isArray(events)) throw new TypeError('store: events must be an array');
  if (events.length > MAX_EVENTS_PER_APPEND)
    throw new RangeError(`store: at most ${MAX_EVENTS_PER_APPEND} events`);
  for (const e of events) checkEvent(e);
}

export function checkEvent(e: AuditEventInput): void {
  checkKeyPart('event account', e.account);
  checkKeyPart('event id', e.id);
  checkKeyPart('event name', e.name);
  checkKeyPart('event source', e.source);
  if (e.username !== undefined) checkKeyPart('event username', e.username);
  if (e.accessKeyId !== undefined) checkKeyPart('event accessKeyId', e.accessKeyId);
  checkTime('event time', e.time);
  if (typeof e.readOnly !== 'boolean') throw new TypeError('store: event readOnly must be a boolean');
  if (!(typeof e.json === 'string' || e.json instanceof Uint8Array) || e.json.length > MAX_DATA_CHARS) {
    throw new TypeError(`store: event json must be a string of at most ${MAX_DATA_CHARS} characters`);
  }
  const res = e.resources ?? [];
  if (!Array.isArray(res) || res.length > MAX_RESOURCES_PER_EVENT) {
    throw new TypeError(`store: event resources must be an array of at most ${MAX_RESOURCES_PER_EVENT}`);
  }
  for (const r of res) {
    checkKeyPart('resource type', r.type);
    checkKeyPart('resource name', r.name);
  }
}

export function checkTime(what: string, t: unknown): asserts t is Date {
  if (!(t instanceof Date) || Number.isNaN(t.getTime()))
    throw new TypeError(`store: ${what} must be a valid Date`);
}

export function checkQuery(q: EventQuery): void {
  checkKeyPart('query account', q.account);
  if (q.start !== undefined) checkTime('query start', q.start);
  if (q.end !== undefined) checkTime('query end', q.end);
  if (q.before !== undefined) {
    checkTime('query before.time', q.before.time);
    checkKeyPart('query before.id', q.before.id);
  }
  if (!Number.isSafeInteger(q.limit) || q.limit < 1 || q.limit > MAX_EVENT_QUERY_LIMIT) {
    throw new RangeError(`store: query limit must be an integer in 1..${MAX_EVENT_QUERY_LIMIT}`);
  }
}

/** Newest first: time descending, then id descending (ids break ties deterministically, for paging). */
export function compareNewestFirst(a: { time: Date; id: string }, b: { time: Date; id: string }): number {
  const dt = b.time.getTime() - a.time.getTime();
  if (dt !== 0) return dt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** A stored event object with absent optionals omitted. */
export function makeStoredEvent(e: {
  account: string;
  timeMs: number;
  id: string;
  name: string;
  source: string;
  username: string | null | undefined;
  accessKeyId: string | null | undefined;
  readOnly: boolean;
  resources: { type: string; name: string }[];
  json: string;
}): StoredEvent {
  const out: StoredEvent = {
    account: e.account,
    time: new Date(e.timeMs),
    id: e.id,
    name: e.name,
    source: e.source,
    readOnly: e.readOnly,
    resources: e.resources,
    json: e.json,
  };
  if (e.username != null) out.username = e.username;
  if (e.accessKeyId != null) out.accessKeyId = e.accessKeyId;
  return out;
}

/** An event's JSON as text, whether it was handed over as text or as UTF-8 bytes. */
export function eventJsonText(json: string | Uint8Array): string {
  return typeof json === 'string'
    ? json
    : Buffer.from(json.buffer, json.byteOffset, json.length).toString('utf8');
}
