// Records made in SQLite's events worker from call lines (./call-lines.ts) are the records the request thread
// makes (buildCallEvents on the decoded input and output): for real calls made with the AWS SDK against a
// server in this process — writes with nested and list members, a call whose output holds a secret key,
// same- and cross-account AssumeRole, a read-only call, a denied call, a signature failure — compared whole,
// but for the random event ids. And no secret of those outputs is in a line or a worker-made record.
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import {
  IAMClient,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AuditRecorder } from '../../../src/services/cloudtrail/recorder.js';
import { callFacts, type ApiCallCapture } from '../../../src/services/cloudtrail/record.js';
import { buildCallEvents, type BuiltEvent } from '../../../src/services/cloudtrail/call-events.js';
import { callLine, recordsFromCallLines } from '../../../src/services/cloudtrail/call-lines.js';
import { parseRecords, storedEvent } from '../../../src/store/event-batches.js';
import { SqliteEventsDb } from '../../../src/store/sqlite-events-db.js';
import type { RunningServer } from '../../../src/server/server.js';
import { startServerInProcess, TEST_ACCOUNT, TEST_ROOT_KEY, TEST_ROOT_SECRET } from '../../helpers/server.js';
import { openStore } from '../../../src/store/index.js';
import { Clock } from '../../../src/server/clock.js';
import type { ServerConfig, ServerEnv } from '../../../src/services/env.js';

const calls: { cap: ApiCallCapture; err: unknown }[] = [];
let srv: RunningServer;

before(async () => {
  const original = AuditRecorder.prototype.apiCall;
  AuditRecorder.prototype.apiCall = function (this: AuditRecorder, cap: ApiCallCapture, err?: unknown) {
    calls.push({ cap, err });
    original.call(this, cap, err);
  };
  srv = await startServerInProcess();
});
after(() => srv?.close());

/** A record as the store returns it, its JSON parsed, without what is random per build. */
function comparable(e: { account: string; id: string; json: string } & Record<string, unknown>) {
  const record = JSON.parse(e.json) as Record<string, unknown>;
  assert.equal(record.eventID, e.id);
  delete record.eventID;
  if (record.sharedEventID !== undefined) record.sharedEventID = 'shared';
  const { id: _id, json: _json, ...columns } = e;
  return {
    columns: { ...columns, username: e.username ?? undefined, accessKeyId: e.accessKeyId ?? undefined },
    record,
  };
}

function viaMain(built: BuiltEvent[]) {
  // The store keeps no region column (it is in the record).
  return built.map(({ region: _region, ...e }) => comparable(e));
}

function viaWorker(line: string) {
  const { records, failed } = recordsFromCallLines(Buffer.from(line, 'utf8'));
  assert.equal(failed, 0);
  const out = records.flatMap((r) => {
    const buf = Buffer.from(r.records());
    return parseRecords(buf).map((ref) => comparable(storedEvent(buf, ref) as never));
  });
  for (const r of records) r.release();
  return out;
}

test('records from call lines equal the records made on the request thread', async () => {
  const creds = { accessKeyId: TEST_ROOT_KEY, secretAccessKey: TEST_ROOT_SECRET };
  const iam = new IAMClient({ endpoint: srv.url, region: 'us-east-1', credentials: creds });
  const sts = new STSClient({ endpoint: srv.url, region: 'us-east-1', credentials: creds });
  await iam.send(
    new CreateUserCommand({ UserName: 'ann', Path: '/team/', Tags: [{ Key: 'k', Value: 'v é' }] }),
  );
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'ann',
      PolicyName: 'p',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }],
      }),
    }),
  );
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'ann' }));
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'r',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  const ann = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  const annSts = new STSClient({ endpoint: srv.url, region: 'us-east-1', credentials: ann });
  const session = await annSts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/r`,
      RoleSessionName: 'sess',
      DurationSeconds: 900,
    }),
  );
  // The same operation again with another input (the elements of the last input must not be reused).
  await annSts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/r`,
      RoleSessionName: 'ssss',
      DurationSeconds: 900,
    }),
  );
  await sts.send(new GetCallerIdentityCommand({}));
  await iam.send(new ListUsersCommand({}));
  const annIam = new IAMClient({ endpoint: srv.url, region: 'us-east-1', credentials: ann });
  await assert.rejects(annIam.send(new ListUsersCommand({})), /AccessDenied/);
  const forged = new STSClient({
    endpoint: srv.url,
    region: 'us-east-1',
    credentials: { ...ann, secretAccessKey: 'x' },
  });
  await assert.rejects(forged.send(new GetCallerIdentityCommand({})), /SignatureDoesNotMatch/);

  const env = {
    store: srv.env.store,
    now: new Date(),
    managementAccount: TEST_ACCOUNT,
    defaultRegion: 'us-east-1',
  };
  const secrets = [
    ann.secretAccessKey,
    session.Credentials!.SecretAccessKey!,
    session.Credentials!.SessionToken!,
  ];
  const seen = new Set<string>();
  let compared = 0;
  for (const { cap, err } of calls) {
    const facts = callFacts(cap, err, env);
    if (!facts) continue;
    const variants = [facts];
    // Cross-account: the role's account gets a record of its own (the identity it shows comes from the facts).
    if (facts.name === 'AssumeRole' && !facts.errorCode)
      variants.push({
        ...facts,
        otherIdentity: JSON.stringify({ type: 'AWSAccount', principalId: 'AIDAX', accountId: facts.account }),
      });
    for (const f of variants) {
      const input =
        f.otherIdentity !== undefined
          ? { ...(cap.input as object), RoleArn: 'arn:aws:iam::222222222222:role/r' }
          : cap.input;
      const line = callLine(f, input, cap.output);
      // The line itself (what crosses to the worker) holds no credential.
      for (const s of secrets) assert.ok(!line.includes(s), `${f.name}: a secret in the line`);
      const worker = viaWorker(line);
      assert.deepEqual(worker, viaMain(buildCallEvents(f, input, cap.output)), f.name);
      for (const w of worker)
        for (const s of secrets) assert.ok(!JSON.stringify(w).includes(s), `${f.name}: a secret`);
      seen.add(f.name + (f.errorCode ? ':' + f.errorCode : '') + (worker.length === 2 ? ':cross' : ''));
      compared++;
    }
  }
  for (const name of [
    'CreateUser',
    'PutUserPolicy',
    'CreateAccessKey',
    'AssumeRole',
    'AssumeRole:cross',
    'GetCallerIdentity',
    'ListUsers',
    'ListUsers:AccessDenied',
    'GetCallerIdentity:SignatureDoesNotMatch',
  ])
    assert.ok(seen.has(name), `${name} compared (${[...seen].join(', ')})`);
  assert.ok(compared >= 10);

  // Lines one after another in an arena, as the recorder writes them: an identity or head the same as the
  // line before's is written as '=', and an input decoded from the same request as the last one's elements
  // are reused. Each call twice in a row (a client repeating a call), then all of them again.
  const before = { identity: '', head: '' };
  const lines: string[] = [];
  const expected: ReturnType<typeof viaMain> = [];
  const repeated = [...calls, ...calls].flatMap((c) => [c, c]);
  for (const { cap, err } of repeated) {
    const f = callFacts(cap, err, env);
    if (!f) continue;
    const wire = cap.wire!;
    const request = { body: wire.body, rawQuery: wire.rawQuery, contentType: wire.headers['content-type'] };
    lines.push(callLine(f, cap.input, cap.output, request, before));
    expected.push(...viaMain(buildCallEvents(f, cap.input, cap.output)));
  }
  assert.ok(lines.filter((l) => l.startsWith('=,')).length > lines.length / 2, 'identities referred to');
  assert.deepEqual(viaWorker(lines.join('')), expected);
  // A line that cannot be read leaves none after it that refers to it misread (as the line before it's
  // identity): they fail instead.
  const i = lines.findIndex((l, k) => k > 0 && !l.startsWith('=,') && lines[k + 1]?.startsWith('=,'));
  assert.ok(i > 0);
  const broken = [...lines.slice(0, i), lines[i]!.replace(/^\d+,/, 'x,'), lines[i + 1]!].join('');
  const { records: partly, failed } = recordsFromCallLines(Buffer.from(broken, 'utf8'));
  for (const r of partly) r.release();
  assert.equal(failed, 2);

  // A line sent twice (its append refused, or its commit's answer lost) is stored once: its ids are its own.
  const assume = calls.find((c) => c.cap.operation === 'AssumeRole' && c.err === undefined)!;
  const facts = callFacts(assume.cap, undefined, env)!;
  const line = callLine(facts, assume.cap.input, assume.cap.output);
  const dir = mkdtempSync(join(tmpdir(), 'rolechain-call-lines-'));
  const db = new SqliteEventsDb(join(dir, 'e.db'), 'NORMAL');
  try {
    for (let i = 0; i < 2; i++) {
      const { records } = recordsFromCallLines(Buffer.from(line, 'utf8'));
      assert.equal(db.appendRecords(records.map((r) => r.records())), 1);
      for (const r of records) r.release();
    }
    const stored = db.query({ account: facts.account, limit: 10_000 }).filter((e) => e.id === facts.eventId);
    assert.equal(stored.length, 1);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('if the events thread cannot load the call-lines module, the records are made here and none is lost', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rolechain-call-lines-store-'));
  const store = await openStore({ dataDir, eventCallsModule: 'file:///nonexistent/call-lines.js' });
  assert.equal(store.acceptsEventCalls, true);
  const errors: string[] = [];
  const env = {
    store,
    config: { defaultRegion: 'us-east-1' } as ServerConfig,
    clock: new Clock(0),
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (m: string) => void errors.push(m),
    },
  } as unknown as ServerEnv;
  const recorder = new AuditRecorder(env, { retentionDays: 90 });
  try {
    const made = [...calls];
    for (const { cap, err } of made) recorder.apiCall(cap, err);
    await recorder.flush(); // the first calls are refused by the worker, then made into records here
    for (const { cap, err } of made) recorder.apiCall(cap, err); // made here from the start
    await recorder.close();
    const expected = made.filter((c) => c.cap.service && c.cap.caller?.accountId === TEST_ACCOUNT).length;
    const stored = await store.queryEvents({ account: TEST_ACCOUNT, limit: 10_000 });
    assert.equal(stored.length, 2 * expected, errors.join('\n'));
    assert.ok(
      errors.includes('audit: the events thread cannot make records of calls; made here from now on'),
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
