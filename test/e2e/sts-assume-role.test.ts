// AssumeRole with real clients: seed 001's two-hop chain across three accounts with aws-sdk v2's
// ChainableTemporaryCredentials (masterCredentials), the SDK v3 equivalent, boto3 and the AWS CLI;
// AWS's rules on chained durations, root callers, missing roles and trust policies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AWS from 'aws-sdk';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { startServer, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python, type Creds } from '../helpers/clients.js';

const A = '222222222222';
const B = '333333333333';
const OAAR = (acct: string) => `arn:aws:iam::${acct}:role/OrganizationAccountAccessRole`;
const NEXT = `arn:aws:iam::${B}:role/next-role-to-assume`;

let s: TestServer;
let alice: Creds;
const root = (): Creds => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });

before(async () => {
  s = await startServer();
  // Organization with two member accounts; alice in the management account may assume roles.
  const setup = python(
    `import boto3,os,json
o=boto3.client('organizations')
o.create_organization(FeatureSet='ALL')
for acct,name in (('${A}','A'),('${B}','B')):
  o.create_account(Email=name+'@example.com', AccountName=name, Tags=[{'Key':'rolechain:account-id','Value':acct}])
iam=boto3.client('iam')
iam.create_user(UserName='alice')
iam.put_user_policy(UserName='alice', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}]}))
k=iam.create_access_key(UserName='alice')['AccessKey']
print(json.dumps({'id':k['AccessKeyId'],'secret':k['SecretAccessKey']}))`,
    root(),
  );
  assert.equal(setup.status, 0, setup.stderr);
  const k = JSON.parse(setup.stdout.trim().split('\n').pop()!);
  alice = { url: s.url, accessKeyId: k.id, secretAccessKey: k.secret };
  // In account B (through its OrganizationAccountAccessRole), the role at the end of the chain trusts A's role.
  const roleB = python(
    `import boto3,json
c=boto3.client('sts').assume_role(RoleArn='${OAAR(B)}', RoleSessionName='setup')['Credentials']
iam=boto3.client('iam', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
iam.create_role(RoleName='next-role-to-assume', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'${OAAR(A)}'},'Action':'sts:AssumeRole'}]}))
print('ok')`,
    alice,
  );
  assert.equal(roleB.status, 0, roleB.stderr);
});

after(async () => {
  await s?.stop();
});

test('seed 001: aws-sdk v2 ChainableTemporaryCredentials with masterCredentials chains A → B', async () => {
  const credentials = new AWS.ChainableTemporaryCredentials({
    params: { RoleArn: NEXT, RoleSessionName: 'hop2' },
    masterCredentials: new AWS.ChainableTemporaryCredentials({
      params: { RoleArn: OAAR(A), RoleSessionName: 'hop1' },
      masterCredentials: new AWS.Credentials(alice.accessKeyId, alice.secretAccessKey),
      stsConfig: { endpoint: s.url, region: 'us-east-1' },
    }),
    stsConfig: { endpoint: s.url, region: 'us-east-1' },
  });
  const sts = new AWS.STS({ endpoint: s.url, region: 'us-east-1', credentials });
  const who = await sts.getCallerIdentity().promise();
  assert.equal(who.Account, B);
  assert.equal(who.Arn, `arn:aws:sts::${B}:assumed-role/next-role-to-assume/hop2`);
  assert.match(who.UserId!, /^AROA[A-Z2-7]{17}:hop2$/);
});

test('SDK v3: fromTemporaryCredentials two-hop chain', async () => {
  const hop1 = fromTemporaryCredentials({
    params: { RoleArn: OAAR(A), RoleSessionName: 'v3hop1' },
    masterCredentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey },
    clientConfig: { endpoint: s.url, region: 'us-east-1' },
  });
  const hop2 = fromTemporaryCredentials({
    params: { RoleArn: NEXT, RoleSessionName: 'v3hop2' },
    masterCredentials: hop1,
    clientConfig: { endpoint: s.url, region: 'us-east-1' },
  });
  const sts = new STSClient({ endpoint: s.url, region: 'us-east-1', credentials: hop2 });
  const who = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, `arn:aws:sts::${B}:assumed-role/next-role-to-assume/v3hop2`);
  const creds = await hop2();
  assert.match(creds.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.ok(creds.sessionToken && creds.sessionToken.length > 100);
});

test('role chaining caps DurationSeconds at one hour with AWS message; plain sessions allow up to MaxSessionDuration', async () => {
  const first = new STSClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey },
  });
  const hop1 = await first.send(
    new AssumeRoleCommand({ RoleArn: OAAR(A), RoleSessionName: 'dd', DurationSeconds: 3600 }),
  );
  const tooLong = first.send(
    new AssumeRoleCommand({ RoleArn: OAAR(A), RoleSessionName: 'dd', DurationSeconds: 7200 }),
  );
  await assert.rejects(tooLong, (e: any) => {
    assert.equal(e.name, 'ValidationError');
    assert.equal(
      e.message,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    return true;
  });
  const chained = new STSClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: hop1.Credentials!.AccessKeyId!,
      secretAccessKey: hop1.Credentials!.SecretAccessKey!,
      sessionToken: hop1.Credentials!.SessionToken!,
    },
  });
  await assert.rejects(
    chained.send(new AssumeRoleCommand({ RoleArn: NEXT, RoleSessionName: 'xx', DurationSeconds: 3601 })),
    (e: any) => {
      assert.equal(e.name, 'ValidationError');
      assert.equal(
        e.message,
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
      assert.equal(e.$metadata.httpStatusCode, 400);
      return true;
    },
  );
  const ok = await chained.send(
    new AssumeRoleCommand({ RoleArn: NEXT, RoleSessionName: 'xx', DurationSeconds: 3600 }),
  );
  const lifetime = ok.Credentials!.Expiration!.getTime() - Date.now();
  assert.ok(lifetime > 3500_000 && lifetime <= 3600_000, String(lifetime));
});

test('root may not assume roles; a missing role and an untrusted caller are AccessDenied', () => {
  const r = python(
    `import boto3
from botocore.exceptions import ClientError
def err(f):
  try:
    f(); return 'no error'
  except ClientError as e:
    return e.response['Error']['Code']+'|'+e.response['Error']['Message']+'|'+str(e.response['ResponseMetadata']['HTTPStatusCode'])
sts=boto3.client('sts')
print(err(lambda: sts.assume_role(RoleArn='${OAAR(A)}', RoleSessionName='rr')))`,
    root(),
  );
  assert.equal(r.stdout.trim(), 'AccessDenied|Roles may not be assumed by root accounts.|403', r.stderr);
  const a = python(
    `import boto3
from botocore.exceptions import ClientError
sts=boto3.client('sts')
for arn in ('arn:aws:iam::${A}:role/NoSuchRole', '${NEXT}'):
  try:
    sts.assume_role(RoleArn=arn, RoleSessionName='rr'); print('no error')
  except ClientError as e:
    print(e.response['Error']['Code']+'|'+e.response['Error']['Message'])`,
    alice,
  );
  const [missing, untrusted] = a.stdout.trim().split('\n');
  const aliceArn = `arn:aws:iam::${TEST_ACCOUNT}:user/alice`;
  assert.equal(
    missing,
    `AccessDenied|User: ${aliceArn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/NoSuchRole`,
  );
  assert.equal(
    untrusted,
    `AccessDenied|User: ${aliceArn} is not authorized to perform: sts:AssumeRole on resource: ${NEXT}`,
  );
});

test(
  'seed 003: aws sts assume-role and get-caller-identity with the AWS CLI',
  { skip: !hasAwsCli && 'no /usr/bin/aws' },
  () => {
    const r = awsCli(
      ['sts', 'assume-role', '--role-arn', OAAR(A), '--role-session-name', 'MySession'],
      alice,
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.Credentials.AccessKeyId, /^ASIA/);
    assert.equal(out.Credentials.SecretAccessKey.length, 40);
    assert.equal(
      out.AssumedRoleUser.Arn,
      `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/MySession`,
    );
    const who = awsCli(['sts', 'get-caller-identity'], {
      url: s.url,
      accessKeyId: out.Credentials.AccessKeyId,
      secretAccessKey: out.Credentials.SecretAccessKey,
      sessionToken: out.Credentials.SessionToken,
    });
    assert.equal(who.status, 0, who.stderr);
    const id = JSON.parse(who.stdout);
    assert.equal(id.Account, A);
    assert.equal(id.Arn, `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/MySession`);
    assert.equal(id.UserId, out.AssumedRoleUser.AssumedRoleId);
  },
);

test('tampered and expired session tokens are refused with AWS codes', async () => {
  const sts = new STSClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey },
  });
  const c = (
    await sts.send(new AssumeRoleCommand({ RoleArn: OAAR(A), RoleSessionName: 'tt', DurationSeconds: 900 }))
  ).Credentials!;
  const token = c.SessionToken!;
  const tampered = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
  const use = (sessionToken: string) =>
    new STSClient({
      endpoint: s.url,
      region: 'us-east-1',
      credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken },
    }).send(new GetCallerIdentityCommand({}));
  await assert.rejects(
    use(tampered),
    (e: any) => e.name === 'InvalidClientTokenId' && e.$metadata.httpStatusCode === 403,
  );
  await assert.rejects(use(token.slice(0, 60)), (e: any) => e.name === 'InvalidClientTokenId');
  // Move the server clock past the session's end: ExpiredToken, as AWS says it.
  const clock = await fetch(`${s.url}/_rolechain/clock`, {
    method: 'POST',
    headers: { 'x-rolechain-root-key': `${s.accessKeyId}:${s.secretAccessKey}` },
    body: JSON.stringify({ offsetSeconds: 901 }),
  });
  assert.equal(clock.status, 200);
  try {
    await assert.rejects(use(token), (e: any) => {
      assert.equal(e.name, 'ExpiredToken');
      assert.equal(e.message, 'The security token included in the request is expired');
      return true;
    });
  } finally {
    await fetch(`${s.url}/_rolechain/clock`, {
      method: 'POST',
      headers: { 'x-rolechain-root-key': `${s.accessKeyId}:${s.secretAccessKey}` },
      body: JSON.stringify({ offsetSeconds: 0 }),
    });
  }
});
