// The endpoint with real clients: SDK v3, boto3 and the AWS CLI against `rolechain serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startServer, tempDir, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python } from '../helpers/clients.js';
import { startPostgres } from '../helpers/postgres.js';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(async () => {
  await s.stop();
});

const creds = () => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });

test('health answers JSON with status, version and store', async () => {
  const r = await fetch(`${s.url}/_rolechain/health`);
  assert.equal(r.status, 200);
  const body = (await r.json()) as Record<string, string>;
  assert.equal(body.status, 'ok');
  assert.equal(body.store, 'memory');
  assert.match(body.version!, /^\d+\.\d+\.\d+/);
});

test('SDK v3: GetCallerIdentity as root', async () => {
  const sts = new STSClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  });
  const r = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(r.Account, TEST_ACCOUNT);
  assert.equal(r.Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  assert.equal(r.UserId, TEST_ACCOUNT);
  assert.match(r.$metadata.requestId!, /^[0-9a-f-]{36}$/);
});

test('boto3: GetCallerIdentity as root', () => {
  const r = python(
    `import boto3,json,os\nprint(json.dumps(boto3.client('sts', endpoint_url=os.environ['ROLECHAIN_URL']).get_caller_identity()))`,
    creds(),
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.Account, TEST_ACCOUNT);
  assert.equal(out.Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
});

test('AWS CLI: sts get-caller-identity', { skip: !hasAwsCli && 'no /usr/bin/aws' }, () => {
  const r = awsCli(['sts', 'get-caller-identity'], creds());
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    UserId: TEST_ACCOUNT,
    Account: TEST_ACCOUNT,
    Arn: `arn:aws:iam::${TEST_ACCOUNT}:root`,
  });
});

test('SigV4 errors reach real clients with AWS codes', async () => {
  const bad = python(
    `import boto3,os\nfrom botocore.exceptions import ClientError\ntry:\n  boto3.client('sts', endpoint_url=os.environ['ROLECHAIN_URL']).get_caller_identity()\nexcept ClientError as e:\n  print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])`,
    { ...creds(), secretAccessKey: 'wrong' + s.secretAccessKey.slice(5) },
  );
  assert.equal(bad.stdout.trim(), 'SignatureDoesNotMatch 403');
  const unknown = python(
    `import boto3,os\nfrom botocore.exceptions import ClientError\ntry:\n  boto3.client('sts', endpoint_url=os.environ['ROLECHAIN_URL']).get_caller_identity()\nexcept ClientError as e:\n  print(e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode'])`,
    { ...creds(), accessKeyId: 'AKIAUNKNOWNKEY000000' },
  );
  assert.equal(
    unknown.stdout.trim(),
    'InvalidClientTokenId The security token included in the request is invalid. 403',
  );
  const anon = await fetch(`${s.url}/?Action=GetCallerIdentity&Version=2011-06-15`);
  assert.equal(anon.status, 403);
  const text = await anon.text();
  assert.match(text, /<Code>MissingAuthenticationToken<\/Code>/);
  assert.match(text, /<Message>Request is missing Authentication Token<\/Message>/);
  // Any AWS region is served by the one endpoint; a scope that is no region name is refused as AWS does.
  const region = (r: string) =>
    python(
      `import boto3,os\nfrom botocore.exceptions import ClientError\ntry:\n  print(boto3.client('sts', endpoint_url=os.environ['ROLECHAIN_URL'], region_name='${r}').get_caller_identity()['Account'])\nexcept ClientError as e:\n  print(e.response['Error']['Code'], e.response['Error']['Message'])`,
      creds(),
    ).stdout.trim();
  assert.equal(region('ap-southeast-2'), TEST_ACCOUNT);
  assert.equal(
    region('nowhere'),
    "SignatureDoesNotMatch Credential should be scoped to a valid region, not 'nowhere'.",
  );
});

test('presigned GetCallerIdentity URL works once signed and fails when tampered', () => {
  const r = python(
    `import boto3,os,urllib.request\nc=boto3.client('sts', endpoint_url=os.environ['ROLECHAIN_URL'])\nu=c.generate_presigned_url('get_caller_identity', ExpiresIn=300, HttpMethod='GET')\nprint(urllib.request.urlopen(u).read().decode())\ntry:\n  urllib.request.urlopen(u.replace('X-Amz-Expires=300','X-Amz-Expires=301'))\nexcept Exception as e:\n  print('ERR', e.code, e.read().decode())`,
    creds(),
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /<Arn>arn:aws:iam::111111111111:root<\/Arn>/);
  assert.match(r.stdout, /ERR 403 .*SignatureDoesNotMatch/s);
});

test('Organizations: create organization and an account with a fixed id; OrganizationAccountAccessRole exists', () => {
  const r = python(
    `import boto3,os,json
o=boto3.client('organizations', endpoint_url=os.environ['ROLECHAIN_URL'])
org=o.create_organization(FeatureSet='ALL')['Organization']
st=o.create_account(Email='dev@example.com', AccountName='dev', Tags=[{'Key':'rolechain:account-id','Value':'222222222222'}])['CreateAccountStatus']
d=o.describe_create_account_status(CreateAccountRequestId=st['Id'])['CreateAccountStatus']
accts=[a['Id'] for p in o.get_paginator('list_accounts').paginate() for a in p['Accounts']]
print(json.dumps({'org': org['MasterAccountId'], 'first': st['State'], 'state': d['State'], 'id': d.get('AccountId'), 'accts': sorted(accts)}))
try:
  o.create_organization()
except o.exceptions.AlreadyInOrganizationException as e:
  print('ALREADY')`,
    creds(),
  );
  assert.equal(r.status, 0, r.stderr);
  const [line, already] = r.stdout.trim().split('\n');
  assert.deepEqual(JSON.parse(line!), {
    org: TEST_ACCOUNT,
    first: 'IN_PROGRESS',
    state: 'SUCCEEDED',
    id: '222222222222',
    accts: [TEST_ACCOUNT, '222222222222'],
  });
  assert.equal(already, 'ALREADY');
  if (hasAwsCli) {
    const d = awsCli(['organizations', 'describe-account', '--account-id', '222222222222'], creds());
    assert.equal(d.status, 0, d.stderr);
    assert.equal(JSON.parse(d.stdout).Account.Name, 'dev');
  }
});

test('first start with a data dir: root key kept 0600, state survives a restart, SIGTERM exits 0', async () => {
  const dir = tempDir();
  const env = {
    ROLECHAIN_ROOT_ACCESS_KEY_ID: '',
    ROLECHAIN_ROOT_SECRET_ACCESS_KEY: '',
    ROLECHAIN_ACCOUNT_ID: '',
  };
  const first = await startServer({ dataDir: dir, env });
  const exportLine =
    /export AWS_ENDPOINT_URL=(\S+) AWS_ACCESS_KEY_ID=(AKIA\w+) AWS_SECRET_ACCESS_KEY=(\S+) AWS_REGION=us-east-1/.exec(
      first.output(),
    );
  assert.ok(exportLine, first.output());
  const file = join(dir, 'root-credentials.json');
  assert.ok(existsSync(file));
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(saved.accessKeyId, exportLine[2]);
  const c = { url: first.url, accessKeyId: exportLine[2]!, secretAccessKey: exportLine[3]! };
  const who = python(`import boto3;print(boto3.client('sts').get_caller_identity()['Account'])`, c);
  assert.equal(who.status, 0, who.stderr);
  const account = who.stdout.trim();
  assert.match(account, /^\d{12}$/);
  assert.equal(await first.stop('SIGTERM'), 0);

  const second = await startServer({ dataDir: dir, env });
  try {
    assert.equal(second.accountId, account);
    const again = python(`import boto3;print(boto3.client('sts').get_caller_identity()['Account'])`, {
      ...c,
      url: second.url,
    });
    assert.equal(again.stdout.trim(), account, again.stderr);
  } finally {
    assert.equal(await second.stop('SIGINT'), 0);
  }
});

test('serve --database-url: state and secrets survive a restart on PostgreSQL', async (t) => {
  const pgs = await startPostgres();
  if (!pgs) return t.skip('no PostgreSQL available (set DATABASE_URL or install postgresql)');
  try {
    const url = await pgs.freshDatabase();
    const keyDir = tempDir();
    const start = () => startServer({ memory: false, args: ['--database-url', url, '--data-dir', keyDir] });
    const first = await start();
    const c = { url: first.url, accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey };
    const made = python(
      `import boto3,json
iam=boto3.client('iam')
iam.create_user(UserName='pg-alice')
k=iam.create_access_key(UserName='pg-alice')['AccessKey']
print(json.dumps([k['AccessKeyId'],k['SecretAccessKey']]))`,
      c,
    );
    assert.equal(made.status, 0, made.stderr);
    const [akid, secret] = JSON.parse(made.stdout) as [string, string];
    assert.equal(await first.stop('SIGTERM'), 0);

    const second = await start();
    try {
      assert.match(second.output(), /store: postgres/);
      // The user's key was sealed by the first process: the restarted one must open it.
      const who = python(`import boto3;print(boto3.client('sts').get_caller_identity()['Arn'])`, {
        url: second.url,
        accessKeyId: akid,
        secretAccessKey: secret,
      });
      assert.equal(who.status, 0, who.stderr);
      assert.equal(who.stdout.trim(), `arn:aws:iam::${TEST_ACCOUNT}:user/pg-alice`);
    } finally {
      assert.equal(await second.stop('SIGTERM'), 0);
    }
  } finally {
    await pgs.stop();
  }
});
