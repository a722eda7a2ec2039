// The events worker runs as background work (./background-priority.ts): nice 10 and, where chrt is
// installed, SCHED_IDLE; work that waited a second or more to start puts it back under the normal policy,
// and it returns to SCHED_IDLE once it keeps up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventsClient } from '../../../src/store/sqlite-events-client.js';

const linux = existsSync('/proc/self/task');
const chrt = ['/usr/bin/chrt', '/bin/chrt'].some((p) => existsSync(p));

/** A thread's scheduling policy (0: normal, 5: SCHED_IDLE) and nice value. */
function sched(tid: number): { policy: number; nice: number } {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { policy: Number(f[38]), nice: Number(f[16]) };
}

async function until(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (check()) return true;
    await sleep(20);
  }
  return check();
}

test(
  'the events worker runs at SCHED_IDLE, back to normal when it falls behind',
  { skip: !(linux && chrt) && 'needs Linux and chrt' },
  async () => {
    const before = new Set(readdirSync('/proc/self/task'));
    const dir = mkdtempSync(join(tmpdir(), 'rolechain-priority-'));
    const client = await SqliteEventsClient.open(join(dir, 'events.db'), 'NORMAL');
    try {
      const started = readdirSync('/proc/self/task')
        .filter((t) => !before.has(t))
        .map(Number);
      // Of the threads the client started, the worker is the one whose policy becomes SCHED_IDLE.
      assert.ok(await until(() => started.some((t) => sched(t).policy === 5)), 'no thread at SCHED_IDLE');
      const tid = started.find((t) => sched(t).policy === 5)!;
      assert.equal(sched(tid).nice, 10);
      const post = (sentAt: number, id: number) =>
        client.workerForTests!.postMessage({
          id,
          op: 'append',
          records: new Uint8Array(0),
          group: false,
          sentAt,
        });
      // An append that waited 5 s to be started: the normal policy (nice 10 kept).
      post(Date.now() - 5000, 1_000_000);
      assert.ok(await until(() => sched(tid).policy === 0), 'not back to the normal policy');
      assert.equal(sched(tid).nice, 10);
      // Then keeping up: SCHED_IDLE again.
      for (let i = 0; i < 25; i++) post(Date.now(), 1_000_001 + i);
      assert.ok(await until(() => sched(tid).policy === 5), 'not back to SCHED_IDLE');
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
