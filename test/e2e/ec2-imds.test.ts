// EC2 instance profiles end to end with real clients: seed 003 with the AWS CLI (associate a profile,
// read the metadata, get-caller-identity through the metadata credentials, assume a secondary role);
// the SDK v3 fromInstanceMetadata and boto3 over IMDSv2 with tokens required; iam:PassRole allowed and
// denied (UnauthorizedOperation with a message sts:DecodeAuthorizationMessage decodes); stop ends the
// metadata service.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, REPO, BIN, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python, type Creds } from '../helpers/clients.js';

let s: TestServer;
const root = (): Creds => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
const ec2Trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

function cli(args: string[], c: Creds = root(), env: Record<string, string> = {}) {
  const r = awsCli(args, c, env);
  assert.equal(r.status, 0, `aws ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
}

function instanceEnv(id: string, c: Creds = root()): Record<string, string> {
  const r = spawnSync(process.execPath, [BIN, 'instance', 'env', id, '--endpoint', s.url], {
    env: {
      PATH: process.env.PATH,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const out: Record<string, string> = {};
  for (const m of r.stdout.matchAll(/^export (\w+)=(.*)$/gm)) out[m[1]!] = m[2]!;
  return out;
}

/** Credentials the metadata service replaces: none in the environment. */
const onInstance = (imds: Record<string, string>) => ({
  ...imds,
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_EC2_METADATA_DISABLED: 'false',
});

function runInstance(profile?: string): string {
  const args = ['ec2', 'run-instances', '--image-id', 'ami-0123456789abcdef0', '--count', '1'];
  if (profile) args.push('--iam-instance-profile', `Name=${profile}`);
  return cli(args).Instances[0].InstanceId as string;
}

before(async () => {
  s = await startServer();
  const setup = python(
    `import boto3,json
iam=boto3.client('iam')
iam.create_role(RoleName='ExampleRole', AssumeRolePolicyDocument=json.dumps(${JSON.stringify(JSON.parse(ec2Trust))}))
iam.create_instance_profile(InstanceProfileName='ExampleRole')
iam.add_role_to_instance_profile(InstanceProfileName='ExampleRole', RoleName='ExampleRole')
iam.create_role(RoleName='ExampleAssumedRole', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${'${ACCT}'}:role/ExampleRole'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='ExampleRole', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Sid':'Stmt1512947264000','Effect':'Allow','Action':['sts:AssumeRole'],'Resource':['arn:aws:iam::${'${ACCT}'}:role/ExampleAssumedRole']}]}))
iam.create_role(RoleName='NoEc2Trust', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole'}]}))
iam.create_instance_profile(InstanceProfileName='NoEc2Trust')
iam.add_role_to_instance_profile(InstanceProfileName='NoEc2Trust', RoleName='NoEc2Trust')
print('ok')`.replaceAll('${ACCT}', s.accountId),
    root(),
  );
  assert.equal(setup.status, 0, setup.stderr);
});

after(async () => {
  await s?.stop();
});

test(
  'seed 003 with the AWS CLI: associate, metadata paths, get-caller-identity, secondary role',
  { skip: !hasAwsCli },
  async () => {
    const id = runInstance();
    assert.match(id, /^i-[0-9a-f]{17}$/);
    const assoc = cli([
      'ec2',
      'associate-iam-instance-profile',
      '--instance-id',
      id,
      '--iam-instance-profile',
      'Name=ExampleRole',
    ]).IamInstanceProfileAssociation;
    assert.match(assoc.AssociationId, /^iip-assoc-[0-9a-f]{17}$/);
    assert.equal(assoc.InstanceId, id);
    assert.equal(assoc.State, 'associating');
    assert.equal(assoc.IamInstanceProfile.Arn, `arn:aws:iam::${s.accountId}:instance-profile/ExampleRole`);
    assert.match(assoc.IamInstanceProfile.Id, /^AIPA[A-Z2-7]{17}$/);

    const imds = instanceEnv(id);
    const base = imds.AWS_EC2_METADATA_SERVICE_ENDPOINT!;
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const get = async (p: string) => {
      const r = await fetch(base + p);
      return { status: r.status, text: await r.text() };
    };
    assert.equal((await get('latest/meta-data/instance-id')).text, id);
    assert.equal((await get('latest/meta-data/ami-id')).text, 'ami-0123456789abcdef0');
    assert.equal((await get('latest/meta-data/placement/region')).text, 'us-east-1');
    assert.equal((await get('latest/meta-data/placement/availability-zone')).text, 'us-east-1a');
    assert.match((await get('latest/meta-data/local-ipv4')).text, /^172\.31\.\d+\.\d+$/);
    assert.match((await get('latest/meta-data/mac')).text, /^0a(:[0-9a-f]{2}){5}$/);
    assert.equal((await get('latest/meta-data/iam/security-credentials/')).text, 'ExampleRole');
    assert.equal((await get('latest/meta-data/iam/security-credentials-extended/')).status, 404);
    const info = JSON.parse((await get('latest/meta-data/iam/info')).text);
    assert.equal(info.Code, 'Success');
    assert.equal(info.InstanceProfileArn, assoc.IamInstanceProfile.Arn);
    const raw = (await get('latest/meta-data/iam/security-credentials/ExampleRole')).text;
    // Seed 003's exact layout and keys, in order.
    assert.match(
      raw,
      /^\{\n {2}"Code" : "Success",\n {2}"LastUpdated" : "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",\n {2}"Type" : "AWS-HMAC",\n {2}"AccessKeyId" : "ASIA[A-Z2-7]{16}",\n {2}"SecretAccessKey" : "[^"]{40}",\n {2}"Token" : "[^"]+",\n {2}"Expiration" : "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n\}$/,
    );
    const doc = JSON.parse((await get('latest/dynamic/instance-identity/document')).text);
    assert.equal(doc.instanceId, id);
    assert.equal(doc.accountId, s.accountId);

    const env = onInstance(imds);
    const who = cli(['sts', 'get-caller-identity'], { ...root(), accessKeyId: '', secretAccessKey: '' }, env);
    assert.equal(who.Arn, `arn:aws:sts::${s.accountId}:assumed-role/ExampleRole/${id}`);
    assert.match(who.UserId, new RegExp(`^AROA[A-Z2-7]{17}:${id}$`));

    const second = cli(
      [
        'sts',
        'assume-role',
        '--role-arn',
        `arn:aws:iam::${s.accountId}:role/ExampleAssumedRole`,
        '--role-session-name',
        'MySession',
      ],
      { ...root(), accessKeyId: '', secretAccessKey: '' },
      env,
    );
    assert.equal(
      second.AssumedRoleUser.Arn,
      `arn:aws:sts::${s.accountId}:assumed-role/ExampleAssumedRole/MySession`,
    );

    // The audit trail walks the chain back to the instance: EC2 assumed ExampleRole for it (seed 004).
    const chain = spawnSync(
      process.execPath,
      [BIN, 'trail', '--endpoint', s.url, 'chain', second.Credentials.AccessKeyId],
      {
        env: {
          PATH: process.env.PATH,
          AWS_ACCESS_KEY_ID: s.accessKeyId,
          AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
        },
        encoding: 'utf8',
      },
    );
    assert.equal(chain.status, 0, chain.stderr);
    const hops = chain.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(hops.length, 2, chain.stdout);
    assert.equal(hops[0].session, `arn:aws:sts::${s.accountId}:assumed-role/ExampleAssumedRole/MySession`);
    assert.equal(hops[0].by.arn, `arn:aws:sts::${s.accountId}:assumed-role/ExampleRole/${id}`);
    assert.equal(hops[1].session, `arn:aws:sts::${s.accountId}:assumed-role/ExampleRole/${id}`);
    assert.equal(hops[1].accessKeyId, hops[0].by.accessKeyId);
    assert.deepEqual(hops[1].by, { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' });
    assert.equal(hops[1].sourceIPAddress, 'ec2.amazonaws.com');

    // Disassociating stops serving the role; stopping the instance closes its metadata service.
    cli(['ec2', 'disassociate-iam-instance-profile', '--association-id', assoc.AssociationId]);
    assert.equal((await get('latest/meta-data/iam/security-credentials/')).status, 404);
    cli(['ec2', 'stop-instances', '--instance-ids', id]);
    await assert.rejects(fetch(base + 'latest/meta-data/instance-id'));
  },
);

test('IMDSv2 with tokens required: SDK v3 fromInstanceMetadata and boto3; IMDSv1 refused; token rules', async () => {
  const id = runInstance('ExampleRole');
  cli(['ec2', 'modify-instance-metadata-options', '--instance-id', id, '--http-tokens', 'required']);
  const imds = instanceEnv(id);
  const base = imds.AWS_EC2_METADATA_SERVICE_ENDPOINT!;
  assert.equal((await fetch(base + 'latest/meta-data/instance-id')).status, 401);
  const put = (ttl?: string, extra: Record<string, string> = {}) =>
    fetch(base + 'latest/api/token', {
      method: 'PUT',
      headers: { ...(ttl === undefined ? {} : { 'x-aws-ec2-metadata-token-ttl-seconds': ttl }), ...extra },
    });
  assert.equal((await put()).status, 400);
  assert.equal((await put('0')).status, 400);
  assert.equal((await put('21601')).status, 400);
  assert.equal((await put('60', { 'x-forwarded-for': '10.0.0.1' })).status, 403);
  const ok = await put('21600');
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), '21600');
  const token = await ok.text();
  const withToken = await fetch(base + 'latest/meta-data/instance-id', {
    headers: { 'x-aws-ec2-metadata-token': token },
  });
  assert.equal(withToken.status, 200);
  assert.equal(await withToken.text(), id);
  const bad = await fetch(base + 'latest/meta-data/instance-id', {
    headers: { 'x-aws-ec2-metadata-token': token + 'x' },
  });
  assert.equal(bad.status, 401);

  const arn = `arn:aws:sts::${s.accountId}:assumed-role/ExampleRole/${id}`;
  const node = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const sts = new STSClient({ region: 'us-east-1', endpoint: process.env.ROLECHAIN_URL, credentials: fromInstanceMetadata({ maxRetries: 0, timeout: 2000 }) });
console.log((await sts.send(new GetCallerIdentityCommand({}))).Arn);`,
    ],
    { cwd: REPO, env: { PATH: process.env.PATH, ...imds, ROLECHAIN_URL: s.url }, encoding: 'utf8' },
  );
  assert.equal(node.status, 0, node.stderr);
  assert.equal(node.stdout.trim(), arn);

  const py = python(
    `import boto3
print(boto3.client('sts').get_caller_identity()['Arn'])`,
    { ...root(), accessKeyId: '', secretAccessKey: '' },
    { ...onInstance(imds), AWS_EC2_METADATA_V1_DISABLED: 'true' },
  );
  assert.equal(py.status, 0, py.stderr);
  assert.equal(py.stdout.trim(), arn);

  // HttpEndpoint disabled: the service answers 403.
  cli(['ec2', 'modify-instance-metadata-options', '--instance-id', id, '--http-endpoint', 'disabled']);
  assert.equal((await put('60')).status, 403);
});

test('a role whose trust does not allow ec2.amazonaws.com: IMDS answers AssumeRoleUnauthorizedAccess', async () => {
  const id = runInstance('NoEc2Trust');
  const base = instanceEnv(id).AWS_EC2_METADATA_SERVICE_ENDPOINT!;
  const info = JSON.parse(await (await fetch(base + 'latest/meta-data/iam/info')).text());
  assert.equal(info.Code, 'AssumeRoleUnauthorizedAccess');
  assert.match(info.Message, /^EC2 cannot assume the role NoEc2Trust\./);
  const creds = JSON.parse(
    await (await fetch(base + 'latest/meta-data/iam/security-credentials/NoEc2Trust')).text(),
  );
  assert.equal(creds.Code, 'AssumeRoleUnauthorizedAccess');
  assert.equal(creds.AccessKeyId, undefined);
});

test('iam:PassRole: denied gives UnauthorizedOperation with a decodable message; allowed for ec2 works', async () => {
  const mk = python(
    `import boto3,json
iam=boto3.client('iam')
iam.create_user(UserName='bob')
iam.put_user_policy(UserName='bob', PolicyName='ec2', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['ec2:*','sts:DecodeAuthorizationMessage'],'Resource':'*'}]}))
k=iam.create_access_key(UserName='bob')['AccessKey']
print(json.dumps([k['AccessKeyId'],k['SecretAccessKey']]))`,
    root(),
  );
  assert.equal(mk.status, 0, mk.stderr);
  const [kid, secret] = JSON.parse(mk.stdout.trim().split('\n').pop()!);
  const bob: Creds = { url: s.url, accessKeyId: kid, secretAccessKey: secret };
  const id = cli(['ec2', 'run-instances', '--image-id', 'ami-0123456789abcdef0', '--count', '1'], bob)
    .Instances[0].InstanceId;
  const denied = awsCli(
    [
      'ec2',
      'associate-iam-instance-profile',
      '--instance-id',
      id,
      '--iam-instance-profile',
      'Name=ExampleRole',
    ],
    bob,
  );
  assert.notEqual(denied.status, 0);
  assert.match(denied.stderr, /\(UnauthorizedOperation\)/);
  assert.match(
    denied.stderr,
    new RegExp(
      `You are not authorized to perform this operation\\. User: arn:aws:iam::${s.accountId}:user/bob is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${s.accountId}:role/ExampleRole because no identity-based policy allows the iam:PassRole action\\. Encoded authorization failure message: `,
    ),
  );
  const encoded = /Encoded authorization failure message: (\S+)/.exec(denied.stderr)![1]!;
  const decoded = JSON.parse(
    cli(['sts', 'decode-authorization-message', '--encoded-message', encoded], bob).DecodedMessage,
  );
  assert.equal(decoded.allowed, false);
  assert.equal(decoded.context.action, 'iam:PassRole');
  const keys = decoded.context.conditions.items.map((i: { key: string }) => i.key);
  assert.ok(keys.includes('iam:PassedToService'));
  assert.ok(keys.includes('iam:AssociatedResourceArn'));
  // RunInstances with the profile is refused the same way.
  const run = awsCli(
    [
      'ec2',
      'run-instances',
      '--image-id',
      'ami-0123456789abcdef0',
      '--count',
      '1',
      '--iam-instance-profile',
      'Name=ExampleRole',
    ],
    bob,
  );
  assert.match(run.stderr, /\(UnauthorizedOperation\).*iam:PassRole/);

  // Allow PassRole only to EC2, only for this role: now it works.
  const allow = python(
    `import boto3,json
boto3.client('iam').put_user_policy(UserName='bob', PolicyName='pass', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'iam:PassRole','Resource':'arn:aws:iam::${s.accountId}:role/ExampleRole','Condition':{'StringEquals':{'iam:PassedToService':'ec2.amazonaws.com'}}}]}))`,
    root(),
  );
  assert.equal(allow.status, 0, allow.stderr);
  const ok = cli(
    [
      'ec2',
      'associate-iam-instance-profile',
      '--instance-id',
      id,
      '--iam-instance-profile',
      'Name=ExampleRole',
    ],
    bob,
  );
  assert.equal(ok.IamInstanceProfileAssociation.State, 'associating');
  const again = awsCli(
    [
      'ec2',
      'associate-iam-instance-profile',
      '--instance-id',
      id,
      '--iam-instance-profile',
      'Name=ExampleRole',
    ],
    bob,
  );
  assert.match(again.stderr, /\(IncorrectState\).*existing association/);
  const dry = awsCli(['ec2', 'terminate-instances', '--instance-ids', id, '--dry-run'], bob);
  assert.match(dry.stderr, /\(DryRunOperation\)/);
});
