// The audit trail end to end: a role chain across two accounts (alice in the management account →
// OrganizationAccountAccessRole in member account A → a second role in A) and the calls made with it,
// checked field by field against CloudTrail's format; denied calls and signature failures recorded;
// LookupEvents with boto3's paginator and the AWS CLI; the trail log files; nothing lost on SIGTERM;
// and no secret key or session token anywhere in the data dir or the trail dir.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import {
  BIN,
  startServer,
  tempDir,
  TEST_ACCOUNT,
  TEST_ROOT_SECRET,
  type TestServer,
} from '../helpers/server.js';
import { awsCli, hasAwsCli, python, type Creds } from '../helpers/clients.js';

const A = '444444444444';
const OAAR = `arn:aws:iam::${A}:role/OrganizationAccountAccessRole`;
const HOP2_ROLE = `arn:aws:iam::${A}:role/audit-hop2`;

type Rec = Record<string, any>;
interface Setup {
  alice: { id: string; secret: string; userId: string };
  hop1: { id: string; secret: string; token: string };
  hop2: { id: string; secret: string; token: string };
  denied: string;
  badSignature: string;
  unknownKey: string;
}

let s: TestServer;
let dataDir: string;
let trailDir: string;
let setup: Setup;
const root = (): Creds => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
const hop1 = (): Creds => ({
  url: s.url,
  accessKeyId: setup.hop1.id,
  secretAccessKey: setup.hop1.secret,
  sessionToken: setup.hop1.token,
});

/** All events of the account visible to `c`, through boto3's paginator (2 per page: NextToken is used). */
function lookup(
  c: Creds,
  attr?: { key: string; value: string },
): { events: Rec[]; records: Rec[]; pages: number } {
  const la = attr
    ? `LookupAttributes=[{'AttributeKey':'${attr.key}','AttributeValue':'${attr.value}'}],`
    : '';
  const r = python(
    `import boto3,json
p=boto3.client('cloudtrail').get_paginator('lookup_events')
ev=[];pages=0
for page in p.paginate(${la}PaginationConfig={'PageSize':2}):
  pages+=1
  for e in page['Events']:
    e['EventTime']=e['EventTime'].isoformat()
    ev.append(e)
print(json.dumps({'events':ev,'pages':pages}))`,
    c,
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { events: Rec[]; pages: number };
  return { ...out, records: out.events.map((e) => JSON.parse(e.CloudTrailEvent as string) as Rec) };
}

before(async () => {
  dataDir = tempDir('rolechain-ct-data-');
  trailDir = tempDir('rolechain-ct-trail-');
  s = await startServer({ dataDir, args: ['--trail-dir', trailDir] });
  const r = python(
    `import boto3,json,botocore
out={}
o=boto3.client('organizations')
o.create_organization(FeatureSet='ALL')
o.create_account(Email='a@example.com', AccountName='A', Tags=[{'Key':'rolechain:account-id','Value':'${A}'}])
iam=boto3.client('iam')
u=iam.create_user(UserName='alice')['User']
iam.put_user_policy(UserName='alice', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}]}))
k=iam.create_access_key(UserName='alice')['AccessKey']
out['alice']={'id':k['AccessKeyId'],'secret':k['SecretAccessKey'],'userId':u['UserId']}
def sess(c): return dict(aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
sts=boto3.client('sts', aws_access_key_id=k['AccessKeyId'], aws_secret_access_key=k['SecretAccessKey'])
c1=sts.assume_role(RoleArn='${OAAR}', RoleSessionName='audit-hop1')['Credentials']
out['hop1']={'id':c1['AccessKeyId'],'secret':c1['SecretAccessKey'],'token':c1['SessionToken']}
iamA=boto3.client('iam', **sess(c1))
iamA.list_roles()
iamA.create_user(UserName='carol')
iamA.create_role(RoleName='audit-hop2', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'${OAAR}'},'Action':'sts:AssumeRole'}]}))
c2=boto3.client('sts', **sess(c1)).assume_role(RoleArn='${HOP2_ROLE}', RoleSessionName='audit-hop2')['Credentials']
out['hop2']={'id':c2['AccessKeyId'],'secret':c2['SecretAccessKey'],'token':c2['SessionToken']}
boto3.client('sts', **sess(c2)).get_caller_identity()
def code(f):
  try:
    f(); return 'none'
  except botocore.exceptions.ClientError as e:
    return e.response['Error']['Code']
out['denied']=code(lambda: boto3.client('iam', aws_access_key_id=k['AccessKeyId'], aws_secret_access_key=k['SecretAccessKey']).list_users())
out['badSignature']=code(lambda: boto3.client('iam', aws_access_key_id=k['AccessKeyId'], aws_secret_access_key='x'*40).list_groups())
out['unknownKey']=code(lambda: boto3.client('sts', aws_access_key_id='AKIAUNKNOWNKEY000000', aws_secret_access_key='y'*40).get_caller_identity())
print(json.dumps(out))`,
    root(),
  );
  assert.equal(r.status, 0, r.stderr);
  setup = JSON.parse(r.stdout.trim().split('\n').pop()!) as Setup;
});

after(async () => {
  await s?.stop();
});

test('setup: the denied and unauthenticated calls failed as AWS fails them', () => {
  assert.equal(setup.denied, 'AccessDenied');
  assert.equal(setup.badSignature, 'SignatureDoesNotMatch');
  assert.equal(setup.unknownKey, 'InvalidClientTokenId');
});

test('cross-account AssumeRole: the caller account record, field by field', () => {
  const { records, pages } = lookup(root(), { key: 'EventName', value: 'AssumeRole' });
  assert.ok(pages >= 1);
  const r = records.find((x) => x.requestParameters?.roleSessionName === 'audit-hop1');
  assert.ok(r, 'AssumeRole record in the management account');
  assert.deepEqual(Object.keys(r), [
    'eventVersion',
    'userIdentity',
    'eventTime',
    'eventSource',
    'eventName',
    'awsRegion',
    'sourceIPAddress',
    'userAgent',
    'requestParameters',
    'responseElements',
    'requestID',
    'eventID',
    'readOnly',
    'resources',
    'eventType',
    'managementEvent',
    'recipientAccountId',
    'sharedEventID',
    'eventCategory',
  ]);
  assert.equal(r.eventVersion, '1.11');
  assert.deepEqual(r.userIdentity, {
    type: 'IAMUser',
    principalId: setup.alice.userId,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:user/alice`,
    accountId: TEST_ACCOUNT,
    accessKeyId: setup.alice.id,
    userName: 'alice',
  });
  assert.match(r.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(r.eventSource, 'sts.amazonaws.com');
  assert.equal(r.eventName, 'AssumeRole');
  assert.equal(r.awsRegion, 'us-east-1');
  assert.equal(r.sourceIPAddress, '127.0.0.1');
  assert.match(r.userAgent, /Boto3/);
  assert.deepEqual(r.requestParameters, { roleArn: OAAR, roleSessionName: 'audit-hop1' });
  assert.deepEqual(Object.keys(r.responseElements).sort(), ['assumedRoleUser', 'credentials']);
  assert.deepEqual(Object.keys(r.responseElements.credentials), ['accessKeyId', 'expiration']);
  assert.equal(r.responseElements.credentials.accessKeyId, setup.hop1.id);
  assert.match(
    r.responseElements.credentials.expiration,
    /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d [AP]M$/,
  );
  assert.equal(
    r.responseElements.assumedRoleUser.arn,
    `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/audit-hop1`,
  );
  assert.match(r.responseElements.assumedRoleUser.assumedRoleId, /^AROA[A-Z2-7]{17}:audit-hop1$/);
  assert.match(r.requestID, /^[0-9a-f-]{36}$/);
  assert.match(r.eventID, /^[0-9a-f-]{36}$/);
  assert.equal(r.readOnly, false);
  assert.deepEqual(r.resources, [{ accountId: A, type: 'AWS::IAM::Role', ARN: OAAR }]);
  assert.equal(r.eventType, 'AwsApiCall');
  assert.equal(r.managementEvent, true);
  assert.equal(r.recipientAccountId, TEST_ACCOUNT);
  assert.match(r.sharedEventID, /^[0-9a-f-]{36}$/);
  assert.equal(r.eventCategory, 'Management');
  assert.equal(r.tlsDetails, undefined);
});

test("cross-account AssumeRole: the role account's record shares the sharedEventID", () => {
  const mine = lookup(root(), { key: 'EventName', value: 'AssumeRole' }).records.find(
    (x) => x.requestParameters?.roleSessionName === 'audit-hop1',
  )!;
  const { records } = lookup(hop1(), { key: 'EventName', value: 'AssumeRole' });
  const theirs = records.find((x) => x.requestParameters?.roleSessionName === 'audit-hop1');
  assert.ok(theirs, 'AssumeRole record in the role account');
  assert.equal(theirs.sharedEventID, mine.sharedEventID);
  assert.notEqual(theirs.eventID, mine.eventID);
  assert.equal(theirs.recipientAccountId, A);
  assert.equal(theirs.requestID, mine.requestID);
  assert.deepEqual(theirs.userIdentity, {
    type: 'AWSAccount',
    principalId: setup.alice.userId,
    accountId: TEST_ACCOUNT,
    accessKeyId: setup.alice.id,
  });
  assert.deepEqual(theirs.responseElements, mine.responseElements);
  // The second hop, within A: made by the first session, which the record links by access key id.
  const hop2 = records.find((x) => x.requestParameters?.roleSessionName === 'audit-hop2');
  assert.ok(hop2);
  assert.equal(hop2.sharedEventID, undefined);
  assert.equal(hop2.recipientAccountId, A);
  assert.equal(hop2.responseElements.credentials.accessKeyId, setup.hop2.id);
  const ui = hop2.userIdentity;
  assert.equal(ui.type, 'AssumedRole');
  assert.match(ui.principalId, /^AROA[A-Z2-7]{17}:audit-hop1$/);
  assert.equal(ui.arn, `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/audit-hop1`);
  assert.equal(ui.accountId, A);
  assert.equal(ui.accessKeyId, setup.hop1.id);
  assert.deepEqual(Object.keys(ui.sessionContext), ['sessionIssuer', 'webIdFederationData', 'attributes']);
  assert.deepEqual(ui.sessionContext.sessionIssuer, {
    type: 'Role',
    principalId: ui.principalId.split(':')[0],
    arn: OAAR,
    accountId: A,
    userName: 'OrganizationAccountAccessRole',
  });
  assert.deepEqual(ui.sessionContext.webIdFederationData, {});
  assert.match(ui.sessionContext.attributes.creationDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(ui.sessionContext.attributes.mfaAuthenticated, 'false');
});

test('calls made with the sessions: write and read-only records', () => {
  const { events, records } = lookup(hop1(), { key: 'AccessKeyId', value: setup.hop1.id });
  const names = events.map((e) => e.EventName);
  for (const n of ['ListRoles', 'CreateUser', 'CreateRole', 'AssumeRole']) assert.ok(names.includes(n), n);
  const create = records.find((x) => x.eventName === 'CreateUser')!;
  assert.equal(create.eventSource, 'iam.amazonaws.com');
  assert.deepEqual(create.requestParameters, { userName: 'carol' });
  assert.equal(create.responseElements.user.userName, 'carol');
  assert.match(create.responseElements.user.createDate, / [AP]M$/);
  assert.equal(create.readOnly, false);
  const list = records.find((x) => x.eventName === 'ListRoles')!;
  assert.equal(list.readOnly, true);
  assert.equal(list.responseElements, null);
  const e = events.find((x) => x.EventName === 'CreateUser')!;
  assert.equal(e.ReadOnly, 'false');
  assert.equal(e.Username, 'audit-hop1');
  assert.equal(e.AccessKeyId, setup.hop1.id);
  assert.deepEqual(e.Resources, [{ ResourceType: 'AWS::IAM::User', ResourceName: 'carol' }]);
  // Newest first.
  const times = events.map((x) => Date.parse(x.EventTime));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );
  // The last hop's own calls carry its key.
  const hop2Calls = lookup(hop1(), { key: 'AccessKeyId', value: setup.hop2.id }).records;
  assert.deepEqual(
    hop2Calls.map((x) => x.eventName),
    ['GetCallerIdentity'],
  );
  assert.equal(hop2Calls[0]!.userIdentity.sessionContext.sessionIssuer.arn, HOP2_ROLE);
});

test('denied calls and authentication failures are recorded', () => {
  const { records } = lookup(root());
  const denied = records.find((x) => x.eventName === 'ListUsers' && x.userIdentity.userName === 'alice');
  assert.ok(denied, 'denied ListUsers');
  assert.equal(denied.errorCode, 'AccessDenied');
  assert.match(
    denied.errorMessage,
    /^User: arn:aws:iam::\d{12}:user\/alice is not authorized to perform: iam:ListUsers/,
  );
  assert.equal(denied.responseElements, null);
  assert.deepEqual(Object.keys(denied).slice(7, 11), [
    'userAgent',
    'errorCode',
    'errorMessage',
    'requestParameters',
  ]);

  const bad = records.find((x) => x.eventName === 'ListGroups');
  assert.ok(bad, 'signature failure');
  assert.equal(bad.errorCode, 'SignatureDoesNotMatch');
  assert.deepEqual(bad.userIdentity, {
    type: 'Unknown',
    principalId: '',
    accountId: TEST_ACCOUNT,
    accessKeyId: setup.alice.id,
  });
  assert.equal(bad.requestParameters, null);
  assert.equal(bad.recipientAccountId, TEST_ACCOUNT);

  const unknown = records.find((x) => x.userIdentity.accessKeyId === 'AKIAUNKNOWNKEY000000');
  assert.ok(unknown, 'unknown key');
  assert.equal(unknown.eventName, 'GetCallerIdentity');
  assert.equal(unknown.errorCode, 'InvalidClientTokenId');
  assert.equal(unknown.userIdentity.type, 'Unknown');
});

test('LookupEvents is scoped to the caller account and authorized by the engine', () => {
  const inA = lookup(hop1()).records;
  assert.ok(inA.every((x) => x.recipientAccountId === A));
  assert.ok(!inA.some((x) => x.eventName === 'ListUsers'));
  const r = python(
    `import boto3,botocore
try:
  boto3.client('cloudtrail').lookup_events()
  print('allowed')
except botocore.exceptions.ClientError as e:
  print(e.response['Error']['Code'])`,
    { url: s.url, accessKeyId: setup.alice.id, secretAccessKey: setup.alice.secret },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'AccessDeniedException');
});

test('LookupEvents attributes and validation errors', () => {
  const byUser = lookup(root(), { key: 'Username', value: 'alice' }).events;
  assert.ok(byUser.length >= 2 && byUser.every((e) => e.Username === 'alice'));
  const ro = lookup(root(), { key: 'ReadOnly', value: 'true' }).events;
  assert.ok(ro.length > 0 && ro.every((e) => e.ReadOnly === 'true'));
  const byRole = lookup(root(), { key: 'ResourceName', value: OAAR }).events;
  assert.ok(byRole.some((e) => e.EventName === 'AssumeRole'));
  const src = lookup(root(), { key: 'EventSource', value: 'organizations.amazonaws.com' }).events;
  assert.deepEqual(new Set(src.map((e) => e.EventName)), new Set(['CreateOrganization', 'CreateAccount']));
  const one = lookup(root(), { key: 'EventId', value: byUser[0]!.EventId }).events;
  assert.equal(one.length, 1);
  const r = python(
    `import boto3,botocore,datetime
ct=boto3.client('cloudtrail')
def code(**kw):
  try:
    ct.lookup_events(**kw); return 'ok'
  except botocore.exceptions.ClientError as e:
    return e.response['Error']['Code']
now=datetime.datetime.now(datetime.timezone.utc)
print(code(LookupAttributes=[{'AttributeKey':'EventName','AttributeValue':'a'},{'AttributeKey':'Username','AttributeValue':'b'}]))
print(code(StartTime=now, EndTime=now-datetime.timedelta(hours=1)))
print(code(NextToken='bm90LWEtdG9rZW4'))
t=ct.lookup_events(MaxResults=1)['NextToken']
print(code(NextToken=t, LookupAttributes=[{'AttributeKey':'Username','AttributeValue':'alice'}]))
print(code(NextToken=t, MaxResults=1))
print(len(ct.lookup_events(StartTime=now+datetime.timedelta(hours=1))['Events']))`,
    root(),
  );
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'InvalidLookupAttributesException',
    'InvalidTimeRangeException',
    'InvalidNextTokenException',
    'InvalidNextTokenException',
    'ok',
    '0',
  ]);
});

test('aws cloudtrail lookup-events (AWS CLI, paginating itself)', { skip: !hasAwsCli }, () => {
  const r = awsCli(
    [
      'cloudtrail',
      'lookup-events',
      '--lookup-attributes',
      'AttributeKey=EventName,AttributeValue=AssumeRole',
      '--page-size',
      '1',
    ],
    root(),
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { Events: Rec[] };
  assert.ok(out.Events.length >= 1);
  assert.ok(out.Events.every((e) => e.EventName === 'AssumeRole' && e.EventSource === 'sts.amazonaws.com'));
  const rec = JSON.parse(out.Events[0]!.CloudTrailEvent as string) as Rec;
  assert.equal(rec.userIdentity.userName, 'alice');
});

/** Runs `rolechain trail …` with the credentials in its environment (stdout is a pipe: JSON lines). */
function trailCli(args: string[], c: Creds) {
  const r = spawnSync(process.execPath, [BIN, 'trail', '--endpoint', s.url, ...args], {
    env: {
      PATH: process.env.PATH,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}),
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Rec);
}

test('rolechain trail: JSON lines when piped, --role and --principal filters', () => {
  const all = trailCli(['--since', '1h'], hop1());
  assert.ok(all.length > 3 && all.every((r) => r.recipientAccountId === A));
  // Oldest first, like a log.
  const t = all.map((r) => Date.parse(r.eventTime));
  assert.deepEqual(
    t,
    [...t].sort((a, b) => a - b),
  );
  const viaRole = trailCli(['--role', 'audit-hop2'], hop1());
  assert.deepEqual(
    viaRole.map((r) => r.eventName),
    ['AssumeRole', 'GetCallerIdentity'],
  );
  const byPrincipal = trailCli(
    ['--principal', `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/audit-hop1`],
    hop1(),
  );
  assert.ok(byPrincipal.length >= 4);
  assert.ok(byPrincipal.every((r) => r.userIdentity.accessKeyId === setup.hop1.id));
});

test('rolechain trail chain: from the last session back to the IAM user, hop by hop', () => {
  const hops = trailCli(['chain', setup.hop2.id], hop1());
  assert.equal(hops.length, 2);
  assert.equal(hops[0]!.session, `arn:aws:sts::${A}:assumed-role/audit-hop2/audit-hop2`);
  assert.equal(hops[0]!.accessKeyId, setup.hop2.id);
  assert.equal(hops[0]!.by.accessKeyId, setup.hop1.id);
  assert.equal(hops[0]!.sourceIPAddress, '127.0.0.1');
  assert.match(hops[0]!.time, /Z$/);
  assert.equal(hops[1]!.session, `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/audit-hop1`);
  assert.equal(hops[1]!.accessKeyId, setup.hop1.id);
  assert.deepEqual(hops[1]!.by, {
    type: 'AWSAccount',
    principalId: setup.alice.userId,
    accountId: TEST_ACCOUNT,
    accessKeyId: setup.alice.id,
  });
  // By session ARN, seen from the management account: the hop alice made there.
  const fromMgmt = trailCli(
    ['chain', `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/audit-hop1`],
    root(),
  );
  assert.equal(fromMgmt.length, 1);
  assert.equal(fromMgmt[0]!.by.type, 'IAMUser');
  assert.equal(fromMgmt[0]!.by.userName, 'alice');
});

test("GetAccessKeyLastUsed answers from the recorder's data", () => {
  const r = python(
    `import boto3,json
print(json.dumps(boto3.client('iam').get_access_key_last_used(AccessKeyId='${setup.alice.id}')['AccessKeyLastUsed'], default=str))`,
    root(),
  );
  assert.equal(r.status, 0, r.stderr);
  const u = JSON.parse(r.stdout.trim()) as Rec;
  // alice's last authenticated call was the denied cloudtrail:LookupEvents (tests run in order).
  assert.equal(u.ServiceName, 'cloudtrail');
  assert.equal(u.Region, 'us-east-1');
  assert.ok(Math.abs(Date.parse(u.LastUsedDate) - Date.now()) < 120_000);
});

test('clean shutdown loses nothing; log files as CloudTrail writes them; no secret in the data or trail dir', async () => {
  // The last call before SIGTERM must survive the restart.
  const last = python(
    `import boto3
print(boto3.client('sts').get_caller_identity()['ResponseMetadata']['RequestId'])`,
    root(),
  );
  assert.equal(last.status, 0, last.stderr);
  const lastRequestId = last.stdout.trim();
  assert.equal(await s.stop('SIGTERM'), 0);

  // Log files: AWS's key layout, gzipped {"Records":[…]}.
  const files = walk(trailDir).filter((f) => f.endsWith('.json.gz'));
  assert.ok(files.length >= 2, 'a file per account');
  const records: Rec[] = [];
  for (const f of files) {
    const rel = relative(trailDir, f);
    const m =
      /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d\d)\/(\d\d)\/(\d{12})_CloudTrail_([a-z0-9-]+)_(\d{4})(\d\d)(\d\d)T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/.exec(
        rel,
      );
    assert.ok(m, rel);
    assert.equal(m[1], m[6]);
    assert.equal(m[2], m[7]);
    assert.deepEqual([m[3], m[4], m[5]], [m[8], m[9], m[10]]);
    const doc = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: Rec[] };
    assert.ok(Array.isArray(doc.Records) && doc.Records.length > 0);
    for (const rec of doc.Records) assert.equal(rec.recipientAccountId, m[1]);
    records.push(...doc.Records);
  }
  assert.ok(
    records.some((x) => x.requestID === lastRequestId),
    'the last call is in a log file',
  );
  assert.ok(records.some((x) => x.recipientAccountId === A && x.eventName === 'CreateUser'));

  // No secret: the secret keys and session tokens used in this test, anywhere on disk.
  const secrets = [
    TEST_ROOT_SECRET,
    setup.alice.secret,
    setup.hop1.secret,
    setup.hop1.token,
    setup.hop2.secret,
    setup.hop2.token,
  ];
  const blobs: [string, Buffer][] = [
    ...walk(dataDir).map((f): [string, Buffer] => [f, readFileSync(f)]),
    ...files.map((f): [string, Buffer] => [f + ' (gunzipped)', gunzipSync(readFileSync(f))]),
  ];
  assert.ok(blobs.length > 2);
  for (const [name, buf] of blobs) {
    for (const secret of secrets) {
      assert.ok(!buf.includes(Buffer.from(secret)), `a secret is in ${name}`);
      // Also not JSON-escaped (a '/' in base64 written as '\\/').
      assert.ok(!buf.includes(Buffer.from(JSON.stringify(secret).slice(1, -1))), `a secret is in ${name}`);
    }
  }

  // Durable: after a restart on the same data dir, the last call's record is there.
  s = await startServer({ dataDir });
  const after = lookup(root(), { key: 'EventName', value: 'GetCallerIdentity' }).records;
  assert.ok(after.some((x) => x.requestID === lastRequestId));

  // Without --trail-dir the events thread assembles the records: a call is found by LookupEvents at once,
  // with the same fields the request thread would have written.
  const again = python(
    `import boto3
print(boto3.client('sts').get_caller_identity()['ResponseMetadata']['RequestId'])`,
    root(),
  );
  assert.equal(again.status, 0, again.stderr);
  const made = lookup(root(), { key: 'EventName', value: 'GetCallerIdentity' }).records.find(
    (x) => x.requestID === again.stdout.trim(),
  );
  assert.ok(made, 'the call is found at once');
  const previous = after.find((x) => x.requestID === lastRequestId)!;
  const shape = (r: Rec) => ({
    ...r,
    eventID: typeof r.eventID,
    requestID: typeof r.requestID,
    eventTime: typeof r.eventTime,
    userAgent: typeof r.userAgent,
  });
  assert.deepEqual(shape(made), shape(previous));
});

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}
