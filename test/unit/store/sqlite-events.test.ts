// The SQLite backend's audit event log in its own file, <dataDir>/events.db, owned by a worker thread: the
// file, the move of events older versions kept in rolechain.db, the worker's failures, and kill -9.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import {
  EVENTS_FILE,
  openStore,
  SQLITE_FILE,
  StoreUnavailableError,
  type AuditEventInput,
  type Store,
} from '../../../src/store/index.js';

const root = mkdtempSync(join(tmpdir(), 'rolechain-sqlite-events-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = (): string => join(root, `d${n++}`);
const ACCOUNT = '123456789012';

function event(i: number, over: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    account: ACCOUNT,
    time: new Date(1_700_000_000_000 + i * 1000),
    id: `ev${i}`,
    name: i % 2 ? 'AssumeRole' : 'GetRole',
    source: i % 2 ? 'sts.amazonaws.com' : 'iam.amazonaws.com',
    username: `user${i % 3}`,
    readOnly: i % 2 === 0,
    resources: [{ type: 'AWS::IAM::Role', name: `role${i}` }],
    json: JSON.stringify({ eventID: `ev${i}` }),
    ...over,
  };
}

const ids = async (store: Store, q: Partial<Parameters<Store['queryEvents']>[0]> = {}) =>
  (await store.queryEvents({ account: ACCOUNT, limit: 100, ...q })).map((e) => e.id);

function eventsWorker(store: Store): Worker {
  const w = (store as unknown as { events: { workerForTests: Worker | undefined } }).events.workerForTests;
  assert.ok(w, 'the events worker is running');
  return w;
}

describe('sqlite events database (events.db, worker thread)', () => {
  it('keeps events in events.db (0600), not in rolechain.db', async () => {
    const dataDir = newDir();
    const store = await openStore({ dataDir });
    try {
      await store.appendEvents([event(1), event(2)]);
      assert.deepEqual(await ids(store), ['ev2', 'ev1']);
    } finally {
      await store.close();
    }
    assert.equal(statSync(join(dataDir, EVENTS_FILE)).mode & 0o777, 0o600);
    const main = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
    const events = new Database(join(dataDir, EVENTS_FILE), { readonly: true });
    try {
      assert.deepEqual(main.prepare('SELECT count(*) AS n FROM events').get(), { n: 0 });
      // Schema 2: both events in one batch row, found through its key rows.
      assert.deepEqual(
        events.prepare('SELECT count(*) AS n, sum(count) AS events FROM event_batches').get(),
        {
          n: 1,
          events: 2,
        },
      );
      assert.deepEqual(
        events
          .prepare("SELECT value FROM event_keys WHERE attribute = 'ResourceName' ORDER BY value")
          .all()
          .map((r) => (r as { value: string }).value),
        ['role1', 'role2'],
      );
      // A new events.db gets 16 KiB pages (audit rows are 1-3 KB).
      assert.equal(events.pragma('page_size', { simple: true }), 16384);
    } finally {
      main.close();
      events.close();
    }
  });

  it('runs the events worker at a lower priority than the request-serving thread (Linux)', async (t) => {
    if (process.platform !== 'linux') return t.skip('thread priorities are set on Linux only');
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value.
    const niceThreads = () =>
      readdirSync('/proc/self/task').filter((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === '10';
      }).length;
    const before = niceThreads();
    const store = await openStore({ dataDir: newDir() });
    try {
      assert.equal(niceThreads(), before + 1);
      assert.equal(getPriority(), 0, 'the process itself keeps its priority');
    } finally {
      await store.close();
    }
  });

  it('moves the events an older version kept in rolechain.db to events.db at open', async () => {
    const dataDir = newDir();
    await (await openStore({ dataDir })).close();
    // What an older rolechain left behind: 4500 events (more than one copy batch) and their resources
    // in rolechain.db, and no events.db.
    rmSync(join(dataDir, EVENTS_FILE));
    const old = new Database(join(dataDir, SQLITE_FILE));
    const insE = old.prepare(
      `INSERT INTO events (account, id, time_ms, name, source, username, access_key_id, read_only, resources, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insR = old.prepare(
      'INSERT INTO event_resources (account, event_id, time_ms, type, name) VALUES (?, ?, ?, ?, ?)',
    );
    const COUNT = 4500;
    old.transaction(() => {
      for (let i = 0; i < COUNT; i++) {
        const e = event(i, i === 7 ? { accessKeyId: 'AKIAOLD', username: undefined } : {});
        const res = e.resources!;
        insE.run(
          e.account,
          e.id,
          e.time.getTime(),
          e.name,
          e.source,
          e.username ?? null,
          e.accessKeyId ?? null,
          e.readOnly ? 1 : 0,
          JSON.stringify(res),
          e.json,
        );
        for (const r of res) insR.run(e.account, e.id, e.time.getTime(), r.type, r.name);
      }
    })();
    old.close();

    let store = await openStore({ dataDir });
    try {
      const all = await store.queryEvents({ account: ACCOUNT, limit: 10_000 });
      assert.equal(all.length, COUNT);
      assert.equal(all[0]!.id, `ev${COUNT - 1}`);
      const [seven] = await store.queryEvents({
        account: ACCOUNT,
        limit: 5,
        attribute: { key: 'AccessKeyId', value: 'AKIAOLD' },
      });
      assert.deepEqual(seven, {
        account: ACCOUNT,
        time: new Date(1_700_000_007_000),
        id: 'ev7',
        name: 'AssumeRole',
        source: 'sts.amazonaws.com',
        accessKeyId: 'AKIAOLD',
        readOnly: false,
        resources: [{ type: 'AWS::IAM::Role', name: 'role7' }],
        json: JSON.stringify({ eventID: 'ev7' }),
      });
      assert.deepEqual(await ids(store, { attribute: { key: 'ResourceName', value: 'role42' } }), ['ev42']);
      assert.deepEqual(await ids(store, { attribute: { key: 'Username', value: 'user1' }, limit: 2 }), [
        'ev4498',
        'ev4495',
      ]);
    } finally {
      await store.close();
    }
    const main = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
    try {
      assert.deepEqual(main.prepare('SELECT count(*) AS n FROM events').get(), { n: 0 });
      assert.deepEqual(main.prepare('SELECT count(*) AS n FROM event_resources').get(), { n: 0 });
    } finally {
      main.close();
    }
    // Nothing moves twice, and nothing is lost on the next open.
    store = await openStore({ dataDir });
    try {
      assert.equal((await store.queryEvents({ account: ACCOUNT, limit: 10_000 })).length, COUNT);
      assert.deepEqual(
        await ids(store, { attribute: { key: 'ResourceType', value: 'AWS::IAM::Role' }, limit: 1 }),
        [`ev${COUNT - 1}`],
      );
    } finally {
      await store.close();
    }
  });

  it('a crashed worker fails the requests in flight, and the next request starts a new one', async () => {
    const dataDir = newDir();
    const store = await openStore({ dataDir });
    try {
      await store.appendEvents([event(1)]);
      const first = eventsWorker(store);
      // A large batch keeps the worker busy while it is killed.
      const big = Array.from({ length: 5000 }, (_, i) => event(100 + i));
      const inFlight = store.appendEvents(big);
      await first.terminate();
      await assert.rejects(inFlight, (err: Error) => {
        assert.ok(err instanceof StoreUnavailableError, String(err));
        assert.match(err.message, /events worker stopped/);
        return true;
      });
      await store.appendEvents([event(2)]);
      assert.notEqual(eventsWorker(store), first);
      const got = await ids(store, { limit: 10_000 });
      assert.ok(got.includes('ev1') && got.includes('ev2'));
      // The killed transaction is all or nothing.
      assert.ok(got.length === 2 || got.length === 5002, `${got.length} events`);
    } finally {
      await store.close();
    }
  });

  it('an events.db held by someone else fails the open clearly and leaves rolechain.db free', async () => {
    const dataDir = newDir();
    await (await openStore({ dataDir })).close();
    const holder = new Database(join(dataDir, EVENTS_FILE));
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE; COMMIT');
    try {
      await assert.rejects(openStore({ dataDir }), (err: Error) => {
        assert.ok(err instanceof StoreUnavailableError, String(err));
        assert.match(err.message, /events\.db is in use by another process/);
        return true;
      });
    } finally {
      holder.close();
    }
    const store = await openStore({ dataDir });
    await store.close();
  });

  it('close() waits for appends in flight and ends the worker', async () => {
    const dataDir = newDir();
    const store = await openStore({ dataDir });
    const worker = eventsWorker(store);
    const exited = new Promise((res) => worker.once('exit', res));
    const appended = store.appendEvents(Array.from({ length: 3000 }, (_, i) => event(i)));
    await store.close();
    await appended;
    await exited;
    await assert.rejects(store.appendEvents([event(1)]), /not open/);
    const again = await openStore({ dataDir });
    try {
      assert.equal((await again.queryEvents({ account: ACCOUNT, limit: 10_000 })).length, 3000);
    } finally {
      await again.close();
    }
  });

  it('grouped appends are committed together: after a second, at once by an ungrouped append or a query', async () => {
    const dataDir = newDir();
    const store = await openStore({ dataDir });
    try {
      const settled: string[] = [];
      const a = store.appendEvents([event(1)], { group: true }).then(() => settled.push('a'));
      const b = store.appendEvents([event(2)], { group: true }).then(() => settled.push('b'));
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(settled.length, 0, 'grouped appends wait for their commit');
      // A query commits the group first, so it reads its own writes.
      assert.deepEqual(await ids(store), ['ev2', 'ev1']);
      await Promise.all([a, b]);
      assert.deepEqual(settled, ['a', 'b']);
      // An ungrouped append, even of nothing, commits the grouped ones before it.
      const c = store.appendEvents([event(3)], { group: true }).then(() => settled.push('c'));
      await store.appendEvents([]);
      await c;
      assert.deepEqual(settled, ['a', 'b', 'c']);
      // Left alone, a group is committed within about a second.
      const t0 = Date.now();
      await store.appendEvents([event(4)], { group: true });
      const waited = Date.now() - t0;
      assert.ok(waited >= 900 && waited < 3000, `committed after ${waited} ms`);
      // A bad append in a group fails alone; the group's others are kept.
      const good = store.appendEvents([event(5)], { group: true });
      const bad = store.appendEvents([event(6, { readOnly: 'yes' as unknown as boolean })], { group: true });
      await assert.rejects(bad, /readOnly/);
      await good;
      assert.deepEqual(await ids(store), ['ev5', 'ev4', 'ev3', 'ev2', 'ev1']);
      // A refused ungrouped append still commits the grouped ones before it at once.
      const t1 = Date.now();
      const before = store.appendEvents([event(7)], { group: true });
      await assert.rejects(
        store.appendEvents([event(8, { readOnly: 'no' as unknown as boolean })]),
        /readOnly/,
      );
      await before;
      assert.ok(Date.now() - t1 < 900, `committed after ${Date.now() - t1} ms`);
    } finally {
      await store.close();
    }
  });

  it('an acknowledged append survives kill -9', async () => {
    const dataDir = newDir();
    const acked = await runAndKill(dataDir, 200);
    assert.ok(acked >= 200, `child acknowledged ${acked} appends`);
    const store = await openStore({ dataDir });
    try {
      const got = new Set(await ids(store, { limit: 10_000 }));
      for (let i = 0; i <= acked; i++) assert.ok(got.has(`ev${i}`), `acknowledged event ${i} is lost`);
      assert.deepEqual(await ids(store, { attribute: { key: 'ResourceName', value: `role${acked}` } }), [
        `ev${acked}`,
      ]);
    } finally {
      await store.close();
    }
  });
});

/** Starts the child, waits for `count` acknowledgements, SIGKILLs it mid-stream; resolves to the last ack. */
function runAndKill(dataDir: string, count: number): Promise<number> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = join(here, `kill9-events-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`);
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--test'));
  const proc = spawn(process.execPath, [...execArgv, child, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let last = -1;
    let buf = '';
    let stderr = '';
    let killed = false;
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) if (/^\d+$/.test(line)) last = Number(line);
      if (!killed && last >= count) {
        killed = true;
        proc.kill('SIGKILL');
      }
    });
    proc.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`child exited (${code}) before it was killed: ${stderr}`));
    });
  });
}
