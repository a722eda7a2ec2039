// Versioned schema migrations, shared by SQLite and PostgreSQL: each is SQL written once against a Dialect that
// supplies the few types that differ. A migration runs once, in a transaction, recorded in schema_version.
// Never edit a released migration: add the next one.
import { initial } from './001-initial.js';

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Column type for JSON values: TEXT (SQLite) or JSONB (PostgreSQL). */
  readonly json: string;
  readonly bool: string;
  /** Text compared byte-wise, so SQL orders ids as the other backends do (PostgreSQL's default is locale-aware). */
  readonly ctext: string;
  /** Trailing table option for clustered tables: WITHOUT ROWID on SQLite. */
  readonly clustered: string;
}

export const SQLITE: Dialect = {
  name: 'sqlite',
  json: 'TEXT',
  bool: 'INTEGER',
  ctext: 'TEXT',
  clustered: ' WITHOUT ROWID',
};
export const POSTGRES: Dialect = {
  name: 'postgres',
  json: 'JSONB',
  bool: 'BOOLEAN',
  ctext: 'TEXT COLLATE "C"',
  clustered: '',
};

export interface Migration {
  readonly version: number;
  readonly name: string;
  sql(d: Dialect): string;
}

export const MIGRATIONS: readonly Migration[] = [initial];

export const LATEST_VERSION = MIGRATIONS.length;

/** Both backends create this before anything else; it is not itself a migration. */
export const SCHEMA_VERSION_DDL = `CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at_ms BIGINT NOT NULL
)`;
