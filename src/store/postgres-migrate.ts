// Applies the PostgreSQL migrations this database lacks. Several nodes may start at once: each migration runs in
// its own transaction under an advisory lock, and re-reads schema_version once it holds the lock.
import type pg from 'pg';
import { LATEST_VERSION, MIGRATIONS, POSTGRES, SCHEMA_VERSION_DDL } from './migrations/index.js';
import { StoreUnavailableError } from './errors.js';

/** pg_advisory_xact_lock key: "rolechain" migrations. */
const MIGRATION_LOCK = 0x726f6c65;

export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(SCHEMA_VERSION_DDL);
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
        const applied = new Set(rows.map((r) => Number(r.version)));
        const newest = Math.max(0, ...applied);
        if (newest > LATEST_VERSION) {
          throw new StoreUnavailableError(
            `store: database schema version ${newest} is newer than this build's ${LATEST_VERSION}; upgrade rolechain`,
          );
        }
        const next = MIGRATIONS.find((m) => !applied.has(m.version));
        if (next === undefined) {
          await client.query('COMMIT');
          return;
        }
        await client.query(next.sql(POSTGRES));
        await client.query('INSERT INTO schema_version (version, name, applied_at_ms) VALUES ($1, $2, $3)', [
          next.version,
          next.name,
          Date.now(),
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
  } finally {
    client.release();
  }
}
