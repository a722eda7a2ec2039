import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { ConflictError, openStore, type PostgresStore, type Store } from '../../../src/store/index.js';
import { skipUnless, startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { runContract } from './contract.js';

const server: TestPostgres | undefined = await startPostgres();
after(() => server?.stop());
const skip = skipUnless(server);

runContract({
  name: 'postgres',
  skip,
  propertyRuns: 15,
  fresh: async () => {
    const databaseUrl = await (server as TestPostgres).freshDatabase();
    const h = {
      store: await openStore({ databaseUrl }),
      reopen: async () => {
        await h.store.close();
        h.store = await openStore({ databaseUrl });
        return h.store;
      },
    };
    return h;
  },
});

const ROLE = 'iam:role';
const A = '111111111111';

/** Polls until cond holds (a notification has been processed), or fails after ~5 s. */
async function eventually(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for: ${what}`);
}

describe('postgres backend: several nodes on one database', { skip }, () => {
  let url: string;
  const open: Store[] = [];
  const node = async (opts: { listen?: boolean } = {}): Promise<Store> => {
    const s = await openStore({ databaseUrl: url, ...opts });
    open.push(s);
    return s;
  };
  before(async () => {
    url = await (server as TestPostgres).freshDatabase();
  });
  after(() => Promise.all(open.map((s) => s.close())));

  it('migrates once when nodes start at the same time', async () => {
    const fresh = await (server as TestPostgres).freshDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ databaseUrl: fresh })));
    await Promise.all(stores.map((s) => s.close()));
    const c = new pg.Client({ connectionString: fresh });
    await c.connect();
    const { rows } = await c.query('SELECT version, name FROM schema_version');
    await c.end();
    assert.deepEqual(rows, [{ version: 1, name: 'initial' }]);
  });

  it('a write on one node reaches the other’s mirror (LISTEN/NOTIFY)', async () => {
    const a = await node();
    const b = await node();
    await a.put({ kind: ROLE, account: A, id: 'r1', name: 'Shared', data: { v: 1 } });
    await eventually(() => b.getByName(ROLE, A, 'shared')?.version === 1, 'create on b');
    await a.put({ kind: ROLE, account: A, id: 'r1', name: 'Renamed', data: { v: 2 } });
    await eventually(() => b.get(ROLE, A, 'r1')?.name === 'Renamed', 'rename on b');
    assert.equal(b.getByName(ROLE, A, 'Shared'), undefined);
    assert.deepEqual(b.get(ROLE, A, 'r1')?.data, { v: 2 });
    await b.putSetting('keyring', { k: 1 });
    await eventually(() => (a.getSetting<{ k: number }>('keyring')?.k ?? 0) === 1, 'setting on a');
    await b.delete(ROLE, A, 'r1');
    await eventually(() => a.get(ROLE, A, 'r1') === undefined, 'delete on a');
    // b's version continues from a's.
    await a.put({ kind: ROLE, account: A, id: 'r2', data: {} });
    await eventually(() => b.get(ROLE, A, 'r2') !== undefined, 'r2 on b');
    assert.equal(
      (await b.put({ kind: ROLE, account: A, id: 'r2', data: { x: 1 } }, { expectVersion: 1 })).version,
      2,
    );
  });

  it('the database arbitrates what a stale mirror lets through, and a failed batch rolls back', async () => {
    const a = await node({ listen: false }); // never hears of b's writes
    const b = await node();
    await b.put({ kind: ROLE, account: A, id: 'b1', name: 'Contested', data: {} });
    await assert.rejects(
      a.put({ kind: ROLE, account: A, id: 'a1', name: 'CONTESTED', data: {} }),
      (e: unknown) => e instanceof ConflictError && e.field === 'name',
    );
    await assert.rejects(
      a.put({ kind: ROLE, account: A, id: 'b1', data: {} }, { ifAbsent: true }),
      (e: unknown) => e instanceof ConflictError && e.field === 'id',
    );
    await assert.rejects(
      a.batch([
        { op: 'put', rec: { kind: ROLE, account: A, id: 'a2', name: 'Fine', data: {} } },
        { op: 'put', rec: { kind: ROLE, account: A, id: 'a3', name: 'contested', data: {} } },
      ]),
      ConflictError,
    );
    assert.equal(a.get(ROLE, A, 'a2'), undefined);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query("SELECT id FROM entities WHERE id IN ('a1', 'a2', 'a3')");
    await c.end();
    assert.deepEqual(rows, []);
    // Having hit the conflict, a refreshed its mirror for the key it collided with.
    await eventually(() => a.get(ROLE, A, 'b1') !== undefined, 'a refreshes b1');
    // Stale version: the database rejects the conditional write.
    await b.put({ kind: ROLE, account: A, id: 'b1', name: 'Contested', data: { v: 2 } });
    await assert.rejects(
      a.put(
        { kind: ROLE, account: A, id: 'b1', name: 'Contested', data: { v: 'stale' } },
        { expectVersion: 1 },
      ),
      (e: unknown) =>
        e instanceof Error && e.name === 'VersionConflictError' && (e as { actual?: number }).actual === 2,
    );
  });

  it('32 concurrent creations of one name across two nodes: exactly one wins', async () => {
    const a = await node();
    const b = await node();
    const results = await Promise.allSettled(
      Array.from({ length: 32 }, (_, i) =>
        (i % 2 ? a : b).put(
          { kind: 'race', account: A, id: `x${i}`, name: 'One', data: {} },
          { ifAbsent: true },
        ),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.ok(r.reason instanceof ConflictError, String(r.reason));
    }
    await eventually(() => a.list('race').length === 1 && b.list('race').length === 1, 'both mirrors agree');
  });

  it('a node ignores its own notifications and reports no background errors', async () => {
    const a = (await node()) as PostgresStore;
    await a.put({ kind: 'own', account: A, id: 'o', data: {} });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(a.lastBackgroundError, undefined);
  });
});
