// Users, groups, inline and attached policies, access keys, permissions boundaries, virtual MFA,
// account alias and summary with real clients (boto3, the AWS CLI, SDK v3) against `rolechain serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  IAMClient,
  CreateUserCommand,
  GetUserCommand,
  CreateAccessKeyCommand,
  ListAccessKeysCommand,
  AddUserToGroupCommand,
  CreateGroupCommand,
  GetGroupCommand,
  DeleteUserCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { startServer, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python } from '../helpers/clients.js';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(async () => {
  await s.stop();
});

const creds = () => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });

/** Runs boto3 code with `iam`, `err(fn)` → [code, message, status] and `totp(seed, t)`; prints JSON last. */
function py(body: string, c = creds()): any {
  const script = `import boto3, json, botocore, datetime, time, hmac, hashlib, struct, base64
iam = boto3.client('iam')
def err(fn):
    try:
        fn()
    except botocore.exceptions.ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
    return None
def totp(seed, t):
    key = base64.b32decode(seed)
    mac = hmac.new(key, struct.pack('>Q', int(t // 30)), hashlib.sha1).digest()
    o = mac[-1] & 15
    return '%06d' % ((struct.unpack('>I', mac[o:o+4])[0] & 0x7fffffff) % 1000000)
def dump(x):
    print(json.dumps(x, default=str))
${body}`;
  const r = python(script, c);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('boto3: users — create, get, list with paging, rename, tags, conflicts, delete', () => {
  const out = py(`
u = iam.create_user(UserName='E2EUser', Path='/e2e/', Tags=[{'Key':'team','Value':'a'}])['User']
dup = err(lambda: iam.create_user(UserName='e2euser'))
for i in range(5): iam.create_user(UserName='pu%d' % i)
pages = [len(p['Users']) for p in iam.get_paginator('list_users').paginate(PaginationConfig={'PageSize': 2})]
prefix = [x['UserName'] for x in iam.list_users(PathPrefix='/e2e/')['Users']]
iam.tag_user(UserName='E2EUser', Tags=[{'Key':'env','Value':'dev'}])
iam.untag_user(UserName='E2EUser', TagKeys=['team'])
tags = iam.list_user_tags(UserName='E2EUser')['Tags']
iam.update_user(UserName='E2EUser', NewUserName='E2ERenamed', NewPath='/moved/')
g = iam.get_user(UserName='e2erenamed')['User']
gone = err(lambda: iam.get_user(UserName='E2EUser'))
root = iam.get_user()['User']
iam.delete_user(UserName='E2ERenamed')
missing = err(lambda: iam.delete_user(UserName='E2ERenamed'))
bad_name = err(lambda: iam.create_user(UserName='bad name!'))
dump(dict(u=u, dup=dup, pages=pages, prefix=prefix, tags=tags, g=g, gone=gone, root=root, missing=missing, bad_name=bad_name))
`);
  assert.match(out.u.UserId, /^AIDA/);
  assert.equal(out.u.Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/e2e/E2EUser`);
  assert.deepEqual(out.u.Tags, [{ Key: 'team', Value: 'a' }]);
  assert.deepEqual(out.dup, ['EntityAlreadyExists', 'User with name e2euser already exists.', 409]);
  assert.deepEqual(out.pages, [2, 2, 2]);
  assert.deepEqual(out.prefix, ['E2EUser']);
  assert.deepEqual(out.tags, [{ Key: 'env', Value: 'dev' }]);
  assert.equal(out.g.UserId, out.u.UserId);
  assert.equal(out.g.Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/moved/E2ERenamed`);
  assert.equal(out.gone[0], 'NoSuchEntity');
  assert.equal(out.root.Arn, `arn:aws:iam::${TEST_ACCOUNT}:root`);
  assert.equal(out.root.UserId, TEST_ACCOUNT);
  assert.deepEqual(out.missing, ['NoSuchEntity', 'The user with name E2ERenamed cannot be found.', 404]);
  assert.equal(out.bad_name[0], 'ValidationError');
});

test('boto3: groups, inline and attached policies, DeleteConflict messages', () => {
  const out = py(`
iam.create_user(UserName='gu')
grp = iam.create_group(GroupName='E2EGroup')['Group']
iam.add_user_to_group(GroupName='E2EGroup', UserName='gu')
members = [x['UserName'] for x in iam.get_group(GroupName='E2EGroup')['Users']]
doc = json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*'}]})
iam.put_user_policy(UserName='gu', PolicyName='inline', PolicyDocument=doc)
got = iam.get_user_policy(UserName='gu', PolicyName='inline')['PolicyDocument']
iam.put_group_policy(GroupName='E2EGroup', PolicyName='gi', PolicyDocument=doc)
gpol = iam.list_group_policies(GroupName='E2EGroup')['PolicyNames']
iam.attach_user_policy(UserName='gu', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
iam.attach_group_policy(GroupName='E2EGroup', PolicyArn='arn:aws:iam::aws:policy/ReadOnlyAccess')
att = iam.list_attached_user_policies(UserName='gu')['AttachedPolicies']
gatt = iam.list_attached_group_policies(GroupName='E2EGroup')['AttachedPolicies']
no_policy = err(lambda: iam.attach_user_policy(UserName='gu', PolicyArn='arn:aws:iam::aws:policy/NoSuchThing'))
big = json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::' + 'x'*2100}]})
too_big = err(lambda: iam.put_user_policy(UserName='gu', PolicyName='big', PolicyDocument=big))
malformed = err(lambda: iam.put_user_policy(UserName='gu', PolicyName='m', PolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}'))
c1 = err(lambda: iam.delete_user(UserName='gu'))
iam.delete_user_policy(UserName='gu', PolicyName='inline')
c2 = err(lambda: iam.delete_user(UserName='gu'))
iam.detach_user_policy(UserName='gu', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
c3 = err(lambda: iam.delete_user(UserName='gu'))
c4 = err(lambda: iam.delete_group(GroupName='E2EGroup'))
for_user = [x['GroupName'] for x in iam.list_groups_for_user(UserName='gu')['Groups']]
iam.remove_user_from_group(GroupName='E2EGroup', UserName='gu')
iam.delete_user(UserName='gu')
iam.delete_group_policy(GroupName='E2EGroup', PolicyName='gi')
iam.detach_group_policy(GroupName='E2EGroup', PolicyArn='arn:aws:iam::aws:policy/ReadOnlyAccess')
iam.update_group(GroupName='E2EGroup', NewGroupName='E2EGroup2')
iam.delete_group(GroupName='E2EGroup2')
groups = [x['GroupName'] for x in iam.list_groups()['Groups']]
dump(dict(grp=grp, members=members, got=got, gpol=gpol, att=att, gatt=gatt, no_policy=no_policy, too_big=too_big, malformed=malformed, c1=c1, c2=c2, c3=c3, c4=c4, for_user=for_user, groups=groups))
`);
  assert.match(out.grp.GroupId, /^AGPA/);
  assert.deepEqual(out.members, ['gu']);
  assert.deepEqual(out.got, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
  });
  assert.deepEqual(out.gpol, ['gi']);
  assert.deepEqual(out.att, [
    { PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
  ]);
  assert.equal(out.gatt[0].PolicyName, 'ReadOnlyAccess');
  assert.deepEqual(out.no_policy, [
    'NoSuchEntity',
    'Policy arn:aws:iam::aws:policy/NoSuchThing does not exist or is not attachable.',
    404,
  ]);
  assert.deepEqual(out.too_big, [
    'LimitExceeded',
    'Maximum policy size of 2048 bytes exceeded for user gu',
    409,
  ]);
  assert.equal(out.malformed[0], 'MalformedPolicyDocument');
  assert.deepEqual(out.c1, ['DeleteConflict', 'Cannot delete entity, must delete policies first.', 409]);
  assert.equal(out.c2[1], 'Cannot delete entity, must detach all policies first.');
  assert.equal(out.c3[1], 'Cannot delete entity, must remove users from group first.');
  assert.equal(out.c4[1], 'Cannot delete entity, must remove users from group first.');
  assert.deepEqual(out.for_user, ['E2EGroup']);
  assert.deepEqual(out.groups, []);
});

test('boto3: access keys — a new user signs with its key, quota 2, deactivate, last used, delete', () => {
  const made = py(`
iam.create_user(UserName='ku')
iam.put_user_policy(UserName='ku', PolicyName='self', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['iam:GetUser','iam:ListAccessKeys'],'Resource':'*'}]}))
k = iam.create_access_key(UserName='ku')['AccessKey']
k2 = iam.create_access_key(UserName='ku')['AccessKey']
third = err(lambda: iam.create_access_key(UserName='ku'))
listed = sorted(x['AccessKeyId'] for x in iam.list_access_keys(UserName='ku')['AccessKeyMetadata'])
last = iam.get_access_key_last_used(AccessKeyId=k['AccessKeyId'])
dump(dict(k=k, k2=k2, third=third, listed=listed, last=last))
`);
  assert.match(made.k.AccessKeyId, /^AKIA/);
  assert.equal(made.k.SecretAccessKey.length, 40);
  assert.deepEqual(made.third, ['LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', 409]);
  assert.deepEqual(made.listed, [made.k.AccessKeyId, made.k2.AccessKeyId].sort());
  assert.deepEqual(made.last.AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' });
  const userCreds = { url: s.url, accessKeyId: made.k.AccessKeyId, secretAccessKey: made.k.SecretAccessKey };
  const asUser = py(
    `
me = iam.get_user()['User']
mine = [x['AccessKeyId'] for x in iam.list_access_keys()['AccessKeyMetadata']]
denied = err(lambda: iam.create_user(UserName='nope'))
dump(dict(me=me, mine=mine, denied=denied))
`,
    userCreds,
  );
  assert.equal(asUser.me.UserName, 'ku');
  assert.equal(asUser.mine.length, 2);
  assert.equal(asUser.denied[0], 'AccessDenied');
  const off = py(`
iam.update_access_key(UserName='ku', AccessKeyId='${made.k.AccessKeyId}', Status='Inactive')
st = iam.list_access_keys(UserName='ku')['AccessKeyMetadata']
dump([x['Status'] for x in st if x['AccessKeyId'] == '${made.k.AccessKeyId}'])
`);
  assert.deepEqual(off, ['Inactive']);
  const rejected = py(`dump(err(lambda: iam.get_user()))`, userCreds);
  assert.equal(rejected[0], 'InvalidClientTokenId');
  py(`
for k in iam.list_access_keys(UserName='ku')['AccessKeyMetadata']:
    iam.delete_access_key(UserName='ku', AccessKeyId=k['AccessKeyId'])
iam.delete_user_policy(UserName='ku', PolicyName='self')
iam.delete_user(UserName='ku')
dump(1)
`);
});

test('boto3: virtual MFA with real TOTP codes; permissions boundary; account alias and summary', () => {
  const out = py(`
iam.create_user(UserName='mu', PermissionsBoundary='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
pb = iam.get_user(UserName='mu')['User'].get('PermissionsBoundary')
iam.delete_user_permissions_boundary(UserName='mu')
pb2 = iam.get_user(UserName='mu')['User'].get('PermissionsBoundary')
d = iam.create_virtual_mfa_device(VirtualMFADeviceName='mu-phone')['VirtualMFADevice']
seed = d['Base32StringSeed'].decode()
png = d['QRCodePNG'][:8]
now = time.time()
bad = err(lambda: iam.enable_mfa_device(UserName='mu', SerialNumber=d['SerialNumber'], AuthenticationCode1='000000', AuthenticationCode2='000000'))
iam.enable_mfa_device(UserName='mu', SerialNumber=d['SerialNumber'], AuthenticationCode1=totp(seed, now - 30), AuthenticationCode2=totp(seed, now))
devs = iam.list_mfa_devices(UserName='mu')['MFADevices']
virt = iam.list_virtual_mfa_devices(AssignmentStatus='Assigned')['VirtualMFADevices']
conflict = err(lambda: iam.delete_user(UserName='mu'))
iam.deactivate_mfa_device(UserName='mu', SerialNumber=d['SerialNumber'])
iam.delete_virtual_mfa_device(SerialNumber=d['SerialNumber'])
iam.delete_user(UserName='mu')
iam.create_account_alias(AccountAlias='rolechain-e2e')
aliases = iam.list_account_aliases()['AccountAliases']
summary = iam.get_account_summary()['SummaryMap']
iam.delete_account_alias(AccountAlias='rolechain-e2e')
dump(dict(pb=pb, pb2=pb2, serial=d['SerialNumber'], seedlen=len(seed), png=list(png), bad=bad, devs=devs, virt=virt, conflict=conflict, aliases=aliases, summary=summary))
`);
  assert.deepEqual(out.pb, {
    PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
    PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  });
  assert.equal(out.pb2, null);
  assert.equal(out.serial, `arn:aws:iam::${TEST_ACCOUNT}:mfa/mu-phone`);
  assert.equal(out.seedlen, 64);
  assert.deepEqual(out.png, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.deepEqual(out.bad, [
    'InvalidAuthenticationCode',
    'Authentication code for device is not valid.',
    403,
  ]);
  assert.equal(out.devs.length, 1);
  assert.equal(out.virt[0].User.UserName, 'mu');
  assert.deepEqual(out.conflict, [
    'DeleteConflict',
    'Cannot delete entity, must delete MFA device first.',
    409,
  ]);
  assert.deepEqual(out.aliases, ['rolechain-e2e']);
  assert.equal(out.summary.UsersQuota, 5000);
  assert.equal(typeof out.summary.Users, 'number');
});

test('SDK v3: users, keys and groups; NoSuchEntity as a typed exception', async () => {
  const iam = new IAMClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  });
  const u = await iam.send(new CreateUserCommand({ UserName: 'sdk-user', Tags: [{ Key: 'a', Value: 'b' }] }));
  assert.match(u.User!.UserId!, /^AIDA/);
  assert.ok(u.User!.CreateDate instanceof Date);
  const k = await iam.send(new CreateAccessKeyCommand({ UserName: 'sdk-user' }));
  assert.equal(k.AccessKey!.SecretAccessKey!.length, 40);
  const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'sdk-user' }));
  assert.equal(keys.AccessKeyMetadata!.length, 1);
  await iam.send(new CreateGroupCommand({ GroupName: 'sdk-group' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'sdk-group', UserName: 'sdk-user' }));
  const g = await iam.send(new GetGroupCommand({ GroupName: 'sdk-group' }));
  assert.deepEqual(
    g.Users!.map((x) => x.UserName),
    ['sdk-user'],
  );
  await assert.rejects(iam.send(new GetUserCommand({ UserName: 'sdk-nobody' })), (e: unknown) => {
    assert.ok(e instanceof NoSuchEntityException);
    assert.equal(e.message, 'The user with name sdk-nobody cannot be found.');
    return true;
  });
  await assert.rejects(
    iam.send(new DeleteUserCommand({ UserName: 'sdk-user' })),
    /must remove users from group first|must delete access keys first/,
  );
});

test('AWS CLI: create-user, get-user, list-users, create-access-key', { skip: !hasAwsCli }, () => {
  const c = creds();
  const made = awsCli(['iam', 'create-user', '--user-name', 'cli-user', '--path', '/cli/'], c);
  assert.equal(made.status, 0, made.stderr);
  assert.equal(JSON.parse(made.stdout).User.Arn, `arn:aws:iam::${TEST_ACCOUNT}:user/cli/cli-user`);
  const got = awsCli(['iam', 'get-user', '--user-name', 'cli-user'], c);
  assert.equal(JSON.parse(got.stdout).User.UserName, 'cli-user');
  const listed = awsCli(['iam', 'list-users', '--path-prefix', '/cli/'], c);
  assert.deepEqual(
    JSON.parse(listed.stdout).Users.map((u: any) => u.UserName),
    ['cli-user'],
  );
  const key = awsCli(['iam', 'create-access-key', '--user-name', 'cli-user'], c);
  assert.match(JSON.parse(key.stdout).AccessKey.AccessKeyId, /^AKIA/);
  const dup = awsCli(['iam', 'create-user', '--user-name', 'CLI-USER'], c);
  assert.notEqual(dup.status, 0);
  assert.match(dup.stderr, /EntityAlreadyExists.*User with name CLI-USER already exists\./);
});
