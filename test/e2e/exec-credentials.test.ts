// `rolechain exec` with a two-role chain: the child (boto3, then an SDK v3 program) gets credentials
// only from the container credentials endpoint, and when the server's clock moves past the session's
// expiry the endpoint re-assumes the chain, so the child's next credential fetch works. Also `assume`
// and `credential-process`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { startServer, REPO, BIN, type TestServer } from '../helpers/server.js';
import { python, type Creds } from '../helpers/clients.js';

let s: TestServer;
let alice: Creds;
const root = (): Creds => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
const role = (n: string) => `arn:aws:iam::${s.accountId}:role/${n}`;

async function setClock(offsetSeconds: number): Promise<void> {
  const r = await fetch(`${s.url}/_rolechain/clock`, {
    method: 'POST',
    headers: { 'x-rolechain-root-key': `${s.accessKeyId}:${s.secretAccessKey}` },
    body: JSON.stringify({ offsetSeconds }),
  });
  assert.equal(r.status, 200);
}

before(async () => {
  s = await startServer();
  const setup = python(
    `import boto3,json
iam=boto3.client('iam')
acct='${'${ACCT}'}'
iam.create_user(UserName='alice')
iam.put_user_policy(UserName='alice', PolicyName='a', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'arn:aws:iam::'+acct+':role/First'}]}))
iam.create_role(RoleName='First', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::'+acct+':user/alice'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='First', PolicyName='a', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'arn:aws:iam::'+acct+':role/Second'}]}))
iam.create_role(RoleName='Second', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::'+acct+':role/First'},'Action':'sts:AssumeRole'}]}))
k=iam.create_access_key(UserName='alice')['AccessKey']
print(json.dumps([k['AccessKeyId'],k['SecretAccessKey']]))`.replaceAll('${ACCT}', s.accountId),
    root(),
  );
  assert.equal(setup.status, 0, setup.stderr);
  const [id, secret] = JSON.parse(setup.stdout.trim().split('\n').pop()!);
  alice = { url: s.url, accessKeyId: id, secretAccessKey: secret };
});

after(async () => {
  await setClock(0).catch(() => undefined);
  await s?.stop();
});

const baseEnv = () => ({
  PATH: process.env.PATH!,
  HOME: process.env.HOME!,
  AWS_ACCESS_KEY_ID: alice.accessKeyId,
  AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
});

/**
 * Runs `rolechain exec` with a child that, for each line it reads on stdin, resolves credentials anew
 * and prints "<access key id> <arn>"; between lines the test moves the server's clock.
 */
async function execWithClockJumps(child: string[], jumps: number[]): Promise<string[]> {
  const p = spawn(
    process.execPath,
    [
      BIN,
      'exec',
      '--endpoint',
      s.url,
      '--role',
      role('First'),
      '--role',
      role('Second'),
      '--duration',
      '1h',
      '--',
      ...child,
    ],
    { cwd: REPO, env: baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  const lines = async (n: number) => {
    const t0 = Date.now();
    while (out.trim().split('\n').filter(Boolean).length < n) {
      if (Date.now() - t0 > 30_000) throw new Error(`timeout; stdout=${out} stderr=${err}`);
      if (p.exitCode !== null) throw new Error(`child exited ${p.exitCode}; stdout=${out} stderr=${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  for (let i = 0; i < jumps.length; i++) {
    await setClock(jumps[i]!);
    p.stdin.write('next\n');
    await lines(i + 1);
  }
  p.stdin.end();
  const code = await new Promise<number | null>((r) => p.on('exit', r));
  assert.equal(code, 0, err);
  return out.trim().split('\n');
}

function checkRotation(lines: string[]): void {
  const arn = `arn:aws:sts::${s.accountId}:assumed-role/Second/`;
  for (const l of lines) assert.ok(l.split(' ')[1]!.startsWith(arn), l);
  const keys = lines.map((l) => l.split(' ')[0]);
  // Same session while it is fresh; a new one after the server clock passed its expiry margin.
  assert.equal(keys[0], keys[1]);
  assert.notEqual(keys[1], keys[2]);
  assert.notEqual(keys[2], keys[3]);
}

test('exec: a boto3 child through a two-role chain, across session expiry (clock offset)', async () => {
  const lines = await execWithClockJumps(
    [
      'python3',
      '-c',
      `import sys,boto3,os
assert 'AWS_ACCESS_KEY_ID' not in os.environ and 'AWS_SECRET_ACCESS_KEY' not in os.environ
for _ in sys.stdin:
    s=boto3.Session()
    c=s.get_credentials().get_frozen_credentials()
    print(c.access_key, s.client('sts').get_caller_identity()['Arn'], flush=True)`,
    ],
    [0, 60, 50 * 60, 3 * 3600],
  );
  checkRotation(lines);
});

test('exec: an SDK v3 child through a two-role chain, across session expiry (clock offset)', async () => {
  const lines = await execWithClockJumps(
    [
      process.execPath,
      '--input-type=module',
      '-e',
      `import { createInterface } from 'node:readline';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
if (process.env.AWS_ACCESS_KEY_ID) throw new Error('static keys leaked');
for await (const _ of createInterface({ input: process.stdin })) {
  const sts = new STSClient({});
  const c = await sts.config.credentials();
  console.log(c.accessKeyId, (await sts.send(new GetCallerIdentityCommand({}))).Arn);
}`,
    ],
    [0, 60, 50 * 60, 3 * 3600],
  );
  checkRotation(lines);
});

test('assume prints export lines; credential-process prints Version 1 JSON', async () => {
  await setClock(0);
  const args = ['--endpoint', s.url, '--role', role('First'), '--role', role('Second')];
  const a = spawnSync(process.execPath, [BIN, 'assume', ...args], { env: baseEnv(), encoding: 'utf8' });
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /^export AWS_ACCESS_KEY_ID='ASIA[A-Z2-7]{16}'$/m);
  assert.match(a.stdout, /^export AWS_SESSION_TOKEN='.+'$/m);
  const c = spawnSync(process.execPath, [BIN, 'credential-process', ...args], {
    env: baseEnv(),
    encoding: 'utf8',
  });
  assert.equal(c.status, 0, c.stderr);
  const j = JSON.parse(c.stdout);
  assert.equal(j.Version, 1);
  assert.match(j.AccessKeyId, /^ASIA/);
  assert.ok(j.SecretAccessKey && j.SessionToken && Date.parse(j.Expiration) > Date.now());
  const bad = spawnSync(process.execPath, [BIN, 'assume', '--endpoint', s.url, '--role', role('Nope')], {
    env: baseEnv(),
    encoding: 'utf8',
  });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /AccessDenied/);
});
