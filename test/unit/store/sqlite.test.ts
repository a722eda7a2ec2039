import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore, SQLITE_FILE, StoreUnavailableError } from '../../../src/store/index.js';
import { runContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'rolechain-sqlite-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = (): string => join(root, `d${n++}`, 'nested');

runContract({
  name: 'sqlite',
  propertyRuns: 60,
  fresh: async () => {
    const dataDir = newDir();
    const h = {
      store: await openStore({ dataDir }),
      reopen: async () => {
        await h.store.close();
        h.store = await openStore({ dataDir });
        return h.store;
      },
    };
    return h;
  },
});

describe('sqlite backend', () => {
  it('creates the data directory 0700 and the database 0600', async () => {
    const dataDir = newDir();
    const store = await openStore({ dataDir });
    try {
      assert.equal(store.backend, 'sqlite');
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dataDir, SQLITE_FILE)).mode & 0o777, 0o600);
    } finally {
      await store.close();
    }
  });

  it('refuses a second process on the same data directory, and frees it on close', async () => {
    const dataDir = newDir();
    const first = await openStore({ dataDir });
    await assert.rejects(openStore({ dataDir }), StoreUnavailableError);
    await first.close();
    const second = await openStore({ dataDir });
    await second.close();
  });

  it('applies each migration once and refuses a newer schema', async () => {
    const dataDir = newDir();
    await (await openStore({ dataDir })).close();
    await (await openStore({ dataDir })).close();
    const db = new Database(join(dataDir, SQLITE_FILE));
    assert.deepEqual(db.prepare('SELECT version, name FROM schema_version').all(), [
      { version: 1, name: 'initial' },
    ]);
    db.prepare('INSERT INTO schema_version VALUES (999, ?, 0)').run('future');
    db.close();
    await assert.rejects(openStore({ dataDir }), /newer than this build/);
  });

  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    it(`an acknowledged write survives kill -9 (synchronous=${synchronous})`, async () => {
      const dataDir = newDir();
      const acked = await runAndKill(dataDir, synchronous, 300);
      assert.ok(acked >= 300, `child acknowledged ${acked} writes`);
      const store = await openStore({ dataDir });
      try {
        for (let i = 0; i <= acked; i++) {
          assert.equal(
            store.get<{ i: number }>('k', 'a', `id${i}`)?.data.i,
            i,
            `acknowledged write ${i} is lost`,
          );
        }
        assert.equal(store.getByName('k', 'a', `NAME${acked}`)?.id, `id${acked}`);
        assert.ok((store.getSetting<number>('last') ?? -1) >= acked - 10);
      } finally {
        await store.close();
      }
    });
  }
});

/** Starts the child, waits for `count` acknowledgements, SIGKILLs it mid-stream; resolves to the last ack. */
function runAndKill(dataDir: string, synchronous: string, count: number): Promise<number> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = join(here, `kill9-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`);
  // Under tsx the loader flags are in execArgv; node:test's own flags are not for the child.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--test'));
  const proc = spawn(process.execPath, [...execArgv, child, dataDir, synchronous], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
      for (const line of lines) {
        if (/^\d+$/.test(line)) last = Number(line);
      }
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
