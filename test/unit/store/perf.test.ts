// Measures the store's hot paths and reports them as test diagnostics (`node --test` prints them). The bounds
// asserted are loose (a slow CI machine must pass); the numbers printed are the point.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenStoreOptions, type Store } from '../../../src/store/index.js';
import { skipUnless, startPostgres, type TestPostgres } from '../../helpers/postgres.js';

const server: TestPostgres | undefined = await startPostgres();
after(() => server?.stop());
const root = mkdtempSync(join(tmpdir(), 'rolechain-perf-'));
after(() => rmSync(root, { recursive: true, force: true }));

const ENTITIES = 10_000;
const doc = {
  arn: 'arn:aws:iam::111111111111:role/x',
  path: '/',
  trust: '{"Version":"2012-10-17"}',
  tags: [],
};

async function measure(
  store: Store,
  puts: number,
): Promise<{ readUs: number; nameUs: number; putUs: number }> {
  // Bulk-load the mirror (batches: fast on every backend), then time point reads on it.
  for (let i = 0; i < ENTITIES; i += 1000) {
    await store.batch(
      Array.from({ length: 1000 }, (_, j) => ({
        op: 'put' as const,
        rec: {
          kind: 'iam:role',
          account: '111111111111',
          id: `AROA${i + j}`,
          name: `Role${i + j}`,
          data: doc,
        },
      })),
    );
  }
  const reads = 1_000_000;
  let t = process.hrtime.bigint();
  let found = 0;
  for (let i = 0; i < reads; i++) if (store.get('iam:role', '111111111111', `AROA${i % ENTITIES}`)) found++;
  const readUs = Number(process.hrtime.bigint() - t) / 1000 / reads;
  assert.equal(found, reads);
  t = process.hrtime.bigint();
  for (let i = 0; i < reads; i++)
    if (store.getByName('iam:role', '111111111111', `ROLE${i % ENTITIES}`)) found++;
  const nameUs = Number(process.hrtime.bigint() - t) / 1000 / reads;
  t = process.hrtime.bigint();
  for (let i = 0; i < puts; i++) {
    await store.put({
      kind: 'iam:role',
      account: '111111111111',
      id: `AROA${i}`,
      name: `Role${i}`,
      data: doc,
    });
  }
  const putUs = Number(process.hrtime.bigint() - t) / 1000 / puts;
  return { readUs, nameUs, putUs };
}

const backends: Array<{
  name: string;
  opts: () => Promise<OpenStoreOptions>;
  puts: number;
  skip?: string | false;
}> = [
  { name: 'memory', opts: async () => ({ memory: true }), puts: 20_000 },
  { name: 'sqlite (synchronous=FULL)', opts: async () => ({ dataDir: join(root, 'full') }), puts: 1000 },
  {
    name: 'sqlite (synchronous=NORMAL)',
    opts: async () => ({ dataDir: join(root, 'normal'), sqliteSynchronous: 'NORMAL' }),
    puts: 5000,
  },
  {
    name: 'postgres',
    opts: async () => ({ databaseUrl: await (server as TestPostgres).freshDatabase() }),
    puts: 1000,
    skip: skipUnless(server),
  },
];

describe('store performance', () => {
  for (const b of backends) {
    it(b.name, { skip: b.skip ?? false }, async (t) => {
      const store = await openStore(await b.opts());
      try {
        const m = await measure(store, b.puts);
        t.diagnostic(
          `${b.name}: get ${m.readUs.toFixed(3)} µs, getByName ${m.nameUs.toFixed(3)} µs, ` +
            `sequential put ${m.putUs.toFixed(1)} µs (${ENTITIES} entities)`,
        );
        assert.ok(m.readUs < 20, `point read ${m.readUs} µs`);
        assert.ok(m.nameUs < 40, `read by name ${m.nameUs} µs`);
      } finally {
        await store.close();
      }
    });
  }
});
