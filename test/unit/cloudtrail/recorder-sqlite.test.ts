// The recorder's SQLite path (each event encoded at once into a shared-memory arena, arenas sent as grouped
// appends to the events worker): every recorded event is stored exactly once across a crash of the worker
// (the appends it never committed are refused, kept and sent again) and a clean close; an event the store
// would refuse is said in the log and left out without holding back the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { AuditRecorder } from '../../../src/services/cloudtrail/recorder.js';
import { Clock } from '../../../src/server/clock.js';
import type { ServerConfig, ServerEnv } from '../../../src/services/env.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { tempDir } from '../../helpers/server.js';

const ACCOUNT = '123456789012';

function eventsWorker(store: Store): Worker {
  const w = (store as unknown as { events: { workerForTests: Worker | undefined } }).events.workerForTests;
  assert.ok(w, 'the events worker is running');
  return w;
}

test('recorded events survive a crash of the events worker and are stored once', async () => {
  const dataDir = tempDir('rolechain-recorder-');
  const store = await openStore({ dataDir });
  const errors: string[] = [];
  const log = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (msg: string, f?: unknown) => void errors.push(msg + ' ' + JSON.stringify(f)),
  };
  const env = {
    store,
    config: { defaultRegion: 'us-east-1' } as ServerConfig,
    clock: new Clock(0),
    log,
  } as unknown as ServerEnv;
  const recorder = new AuditRecorder(env, { retentionDays: 90 });
  const record = (i: number, account = ACCOUNT): void =>
    recorder.serviceAssumeRole({
      service: 'ec2.amazonaws.com',
      account,
      region: 'us-east-1',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
      roleSessionName: `i-${i}`,
      assumedRoleUser: {
        assumedRoleId: `AROAEXAMPLE:i-${i}`,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/i-${i}`,
      },
      accessKeyId: `ASIAEXAMPLE${i}`,
      expiration: new Date(Date.now() + 3_600_000),
    });
  try {
    // Fewer than the worker commits at once: they are sent, and wait there (a second) for their commit.
    for (let i = 0; i < 1500; i++) record(i);
    record(-1, '1234\u00005678'); // refused by the store: an account with a NUL
    await new Promise((r) => setTimeout(r, 200));
    await eventsWorker(store).terminate();
    for (let i = 1500; i < 2500; i++) record(i);
    await recorder.close();

    const stored = await store.queryEvents({ account: ACCOUNT, limit: 10_000 });
    const sessions = stored.map((e) => JSON.parse(e.json).requestParameters.roleSessionName as string);
    assert.equal(stored.length, 2500, errors.join('\n'));
    assert.equal(new Set(sessions).size, 2500);
    assert.ok(
      errors.some((e) => e.startsWith('audit events not stored; will retry ')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.startsWith('audit event not stored: invalid ')),
      errors.join('\n'),
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
