// Credential providers refresh chained role credentials across expiry. "Time passes" on both sides:
// the server's clock moves 901 s (past the end of the 900 s sessions, via the admin clock endpoint) and
// the client's 610 s (into the SDK's refresh window, and inside SigV4's 15-minute clock-skew allowance).
// The first credentials are then refused by the server, and the client keeps working because it
// assumed both roles of the chain again.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import AWS from 'aws-sdk';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { startServer, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { python, type Creds } from '../helpers/clients.js';

const R1 = `arn:aws:iam::${TEST_ACCOUNT}:role/hop1`;
const R2 = `arn:aws:iam::${TEST_ACCOUNT}:role/hop2`;
const CLIENT_SHIFT_MS = 610_000;
const SERVER_SHIFT_S = 901;

let s: TestServer;
let alice: Creds;

async function setServerClock(offsetSeconds: number): Promise<void> {
  const r = await fetch(`${s.url}/_rolechain/clock`, {
    method: 'POST',
    headers: { 'x-rolechain-root-key': `${s.accessKeyId}:${s.secretAccessKey}` },
    body: JSON.stringify({ offsetSeconds }),
  });
  assert.equal(r.status, 200);
}

before(async () => {
  s = await startServer();
  const r = python(
    `import boto3,json
iam=boto3.client('iam')
iam.create_user(UserName='alice')
iam.put_user_policy(UserName='alice', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}]}))
iam.create_role(RoleName='hop1', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${TEST_ACCOUNT}:user/alice'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='hop1', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'${R2}'}]}))
iam.create_role(RoleName='hop2', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'${R1}'},'Action':'sts:AssumeRole'}]}))
k=iam.create_access_key(UserName='alice')['AccessKey']
print(json.dumps({'id':k['AccessKeyId'],'secret':k['SecretAccessKey']}))`,
    { url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  );
  assert.equal(r.status, 0, r.stderr);
  const k = JSON.parse(r.stdout.trim().split('\n').pop()!);
  alice = { url: s.url, accessKeyId: k.id, secretAccessKey: k.secret };
});

after(async () => {
  await s?.stop();
});

const realNow = Date.now;
afterEach(async () => {
  Date.now = realNow;
  AWS.config.systemClockOffset = 0;
  await setServerClock(0);
});

/** Counts AssumeRole calls made by the providers' own STS clients. */
function counter() {
  const calls: string[] = [];
  // fromTemporaryCredentials applies clientPlugins to its STS client on every refresh: count once per stack.
  const counted = new WeakSet<object>();
  const plugin = {
    applyToStack(stack: any) {
      if (counted.has(stack)) return;
      counted.add(stack);
      stack.add(
        (next: any, context: any) => async (args: any) => {
          const out = await next(args);
          // Recorded once answered, so a chain's inner hop comes first.
          if (context.commandName === 'AssumeRoleCommand') calls.push(args.input.RoleSessionName);
          return out;
        },
        { step: 'initialize' },
      );
    },
  };
  return { calls, plugin };
}

test('SDK v3: fromTemporaryCredentials (chained) refreshes both hops across expiry', async () => {
  const { calls, plugin } = counter();
  const clientConfig = { endpoint: s.url, region: 'us-east-1' };
  const hop1 = fromTemporaryCredentials({
    params: { RoleArn: R1, RoleSessionName: 'v3hop1', DurationSeconds: 900 },
    masterCredentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey },
    clientConfig,
    clientPlugins: [plugin],
  });
  const hop2 = fromTemporaryCredentials({
    params: { RoleArn: R2, RoleSessionName: 'v3hop2', DurationSeconds: 900 },
    masterCredentials: hop1,
    clientConfig,
    clientPlugins: [plugin],
  });
  const issued: AwsCredentialIdentity[] = [];
  const sts = new STSClient({
    ...clientConfig,
    credentials: async (o) => {
      const c = await hop2(o);
      issued.push(c);
      return c;
    },
  });
  const who = () => sts.send(new GetCallerIdentityCommand({}));

  assert.equal((await who()).Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/hop2/v3hop2`);
  await who(); // cached: no new AssumeRole
  assert.deepEqual(calls, ['v3hop1', 'v3hop2']);
  assert.equal(issued.length, 1);

  // Time passes: the first sessions are over on the server, and the client sees them about to expire.
  await setServerClock(SERVER_SHIFT_S);
  Date.now = () => realNow() + CLIENT_SHIFT_MS;
  assert.equal((await who()).Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/hop2/v3hop2`);
  assert.deepEqual(calls, ['v3hop1', 'v3hop2', 'v3hop1', 'v3hop2']);
  assert.equal(issued.length, 2);
  assert.notEqual(issued[1]!.accessKeyId, issued[0]!.accessKeyId);
  assert.ok(issued[1]!.expiration!.getTime() > issued[0]!.expiration!.getTime());
  await who(); // the new credentials are fresh: no further AssumeRole
  assert.equal(calls.length, 4);

  // The first credentials really are expired for the server.
  const stale = new STSClient({ ...clientConfig, credentials: issued[0]! });
  await assert.rejects(stale.send(new GetCallerIdentityCommand({})), (e: any) => {
    assert.equal(e.name, 'ExpiredToken');
    assert.equal(e.message, 'The security token included in the request is expired');
    return true;
  });
});

test('aws-sdk v2: ChainableTemporaryCredentials refreshes both hops across expiry', async () => {
  const stsConfig = { endpoint: s.url, region: 'us-east-1' };
  const hop1 = new AWS.ChainableTemporaryCredentials({
    params: { RoleArn: R1, RoleSessionName: 'v2hop1', DurationSeconds: 900 },
    masterCredentials: new AWS.Credentials(alice.accessKeyId, alice.secretAccessKey),
    stsConfig,
  });
  const hop2 = new AWS.ChainableTemporaryCredentials({
    params: { RoleArn: R2, RoleSessionName: 'v2hop2', DurationSeconds: 900 },
    masterCredentials: hop1,
    stsConfig,
  });
  // aws-sdk v2 refreshes 15 s before expiry by default; widen it to the v3 SDK's 5 minutes.
  for (const c of [hop1, hop2]) (c as unknown as { expiryWindow: number }).expiryWindow = 300;
  const sts = new AWS.STS({ ...stsConfig, credentials: hop2 });

  const first = await sts.getCallerIdentity().promise();
  assert.equal(first.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/hop2/v2hop2`);
  const key1 = hop2.accessKeyId;
  const hop1Key1 = hop1.accessKeyId;
  const exp1 = hop2.expireTime.getTime();

  await setServerClock(SERVER_SHIFT_S);
  AWS.config.systemClockOffset = CLIENT_SHIFT_MS; // aws-sdk v2's clock (AWS.util.date.getDate)
  const again = await sts.getCallerIdentity().promise();
  assert.equal(again.Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/hop2/v2hop2`);
  assert.notEqual(hop2.accessKeyId, key1);
  assert.notEqual(hop1.accessKeyId, hop1Key1);
  assert.ok(hop2.expireTime.getTime() > exp1);
});
