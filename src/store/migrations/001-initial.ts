// The first schema: entities (with their unique keys), settings, and the audit event log.
import type { Dialect, Migration } from './index.js';

/**
 * The audit event log's tables as this migration made them. The events database of the SQLite backend
 * (events.db, schema version 1) is created from the same text, so the same queries serve both.
 */
export function eventTablesV1(d: Dialect): string {
  return `CREATE TABLE events (
  account TEXT NOT NULL,
  id ${d.ctext} NOT NULL,
  time_ms BIGINT NOT NULL,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  username TEXT,
  access_key_id TEXT,
  read_only ${d.bool} NOT NULL,
  resources ${d.json} NOT NULL,
  json TEXT NOT NULL,
  CONSTRAINT events_pkey PRIMARY KEY (account, id)
);
-- LookupEvents: newest first within an account, optionally by one attribute.
CREATE INDEX events_by_time ON events (account, time_ms DESC, id DESC);
CREATE INDEX events_by_name ON events (account, name, time_ms DESC, id DESC);
CREATE INDEX events_by_username ON events (account, username, time_ms DESC, id DESC);
CREATE INDEX events_by_access_key ON events (account, access_key_id, time_ms DESC, id DESC);
-- Retention deletes across accounts.
CREATE INDEX events_retention ON events (time_ms);

-- One row per resource an event names, for the ResourceType/ResourceName lookups.
CREATE TABLE event_resources (
  account TEXT NOT NULL,
  event_id ${d.ctext} NOT NULL,
  time_ms BIGINT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX event_resources_by_type ON event_resources (account, type, time_ms DESC, event_id DESC);
CREATE INDEX event_resources_by_name ON event_resources (account, name, time_ms DESC, event_id DESC);
CREATE INDEX event_resources_retention ON event_resources (time_ms);
`;
}

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: (d: Dialect) => `
CREATE TABLE entities (
  kind TEXT NOT NULL,
  account TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  -- lower(name) as computed by the application, so every backend and the mirror agree on case folding.
  name_lower TEXT,
  data ${d.json} NOT NULL,
  version BIGINT NOT NULL,
  CONSTRAINT entities_pkey PRIMARY KEY (kind, account, id)
)${d.clustered};
-- NULL names never collide, in both databases.
CREATE UNIQUE INDEX entities_name_key ON entities (kind, account, name_lower);

CREATE TABLE settings (
  key TEXT NOT NULL,
  value ${d.json} NOT NULL,
  CONSTRAINT settings_pkey PRIMARY KEY (key)
)${d.clustered};

${eventTablesV1(d)}`,
};
