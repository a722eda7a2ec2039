// One transaction on a pooled client: COMMIT on success, ROLLBACK on failure; a client whose connection broke
// is destroyed rather than returned to the pool.
import type pg from 'pg';

export async function inTransaction<R>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<R>): Promise<R> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN').catch((e: Error) => {
      throw (broken = e);
    });
    try {
      const r = await fn(client);
      await client.query('COMMIT');
      return r;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    }
  } finally {
    client.release(broken);
  }
}
