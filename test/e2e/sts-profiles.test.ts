// ~/.aws/config profiles with role_arn / source_profile chains (two hops: user → hop1 → hop2), through
// the AWS CLI and boto3, with a temp AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and HOME (the CLI
// caches assumed-role credentials under ~/.aws/cli/cache).
//
// Which clients can point a profile chain at rolechain: botocore's AssumeRoleProvider builds its own
// STS client for each hop, which does not inherit --endpoint-url. botocore ≥ 1.31 (boto3, and the AWS
// CLI v1 that pip installs with it) resolves `endpoint_url` in the profile, or AWS_ENDPOINT_URL /
// AWS_ENDPOINT_URL_STS, for that client too. Debian's AWS CLI 2.9 predates configured endpoints: it
// sends the profile's AssumeRole calls to sts.<region>.amazonaws.com whatever is set, so it is not used
// here (its plain assume-role / get-caller-identity commands are tested in sts-assume-role.test.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, tempDir, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { python } from '../helpers/clients.js';

const R1 = `arn:aws:iam::${TEST_ACCOUNT}:role/hop1`;
const R2 = `arn:aws:iam::${TEST_ACCOUNT}:role/hop2`;
const HOP2_ARN = `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/hop2/profile-hop2`;

let s: TestServer;
let dir: string;
const hasCliV1 = spawnSync('python3', ['-m', 'awscli', '--version'], { encoding: 'utf8' }).status === 0;

function config(endpointInProfiles: boolean): string {
  const ep = endpointInProfiles ? `endpoint_url = ${s.url}\n` : '';
  return `[profile base]
region = us-east-1
${ep}
[profile hop1]
role_arn = ${R1}
source_profile = base
role_session_name = profile-hop1
region = us-east-1
${ep}
[profile hop2]
role_arn = ${R2}
source_profile = hop1
role_session_name = profile-hop2
duration_seconds = 900
region = us-east-1
${ep}`;
}

/** The environment of a client that knows only the config files (no key in the environment). */
function profileEnv(configFile: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = tempDir('rolechain-home-');
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}

before(async () => {
  s = await startServer();
  dir = tempDir();
  const r = python(
    `import boto3,json
iam=boto3.client('iam')
iam.create_user(UserName='alice')
iam.put_user_policy(UserName='alice', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'${R1}'}]}))
iam.create_role(RoleName='hop1', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${TEST_ACCOUNT}:user/alice'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='hop1', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'${R2}'}]}))
iam.create_role(RoleName='hop2', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'${R1}'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='hop2', PolicyName='read', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'iam:GetRole','Resource':'*'}]}))
k=iam.create_access_key(UserName='alice')['AccessKey']
print(json.dumps({'id':k['AccessKeyId'],'secret':k['SecretAccessKey']}))`,
    { url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  );
  assert.equal(r.status, 0, r.stderr);
  const k = JSON.parse(r.stdout.trim().split('\n').pop()!);
  writeFileSync(
    join(dir, 'credentials'),
    `[base]\naws_access_key_id = ${k.id}\naws_secret_access_key = ${k.secret}\n`,
    { mode: 0o600 },
  );
  writeFileSync(join(dir, 'config-endpoints'), config(true));
  writeFileSync(join(dir, 'config'), config(false));
});

after(async () => {
  await s?.stop();
});

function cliV1(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync('python3', ['-m', 'awscli', '--output', 'json', ...args], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test(
  'AWS CLI (v1, botocore 1.43): a two-hop source_profile chain with endpoint_url in the profiles',
  { skip: !hasCliV1 && 'python3 -m awscli is not installed' },
  () => {
    const env = profileEnv(join(dir, 'config-endpoints'));
    const who = cliV1(['sts', 'get-caller-identity', '--profile', 'hop2'], env);
    assert.equal(who.status, 0, who.stderr);
    const out = JSON.parse(who.stdout);
    assert.equal(out.Arn, HOP2_ARN);
    assert.equal(out.Account, TEST_ACCOUNT);
    assert.match(out.UserId, /^AROA[A-Z2-7]{17}:profile-hop2$/);
    // The assumed role's permissions apply: hop2 may read roles.
    const role = cliV1(['iam', 'get-role', '--role-name', 'hop1', '--profile', 'hop2'], env);
    assert.equal(role.status, 0, role.stderr);
    assert.equal(JSON.parse(role.stdout).Role.Arn, R1);
    // hop1's session may not read roles: the chain really stops at hop2, and hop1 alone is one hop.
    const hop1 = cliV1(['iam', 'get-role', '--role-name', 'hop1', '--profile', 'hop1'], env);
    assert.notEqual(hop1.status, 0);
    assert.match(
      hop1.stderr,
      /\(AccessDenied\).*User: arn:aws:sts::\d+:assumed-role\/hop1\/profile-hop1 is not authorized to perform: iam:GetRole/,
    );
  },
);

test(
  'AWS CLI (v1): the same chain with AWS_ENDPOINT_URL instead of endpoint_url',
  { skip: !hasCliV1 && 'python3 -m awscli is not installed' },
  () => {
    const env = profileEnv(join(dir, 'config'), { AWS_ENDPOINT_URL: s.url });
    const who = cliV1(['sts', 'get-caller-identity', '--profile', 'hop2'], env);
    assert.equal(who.status, 0, who.stderr);
    assert.equal(JSON.parse(who.stdout).Arn, HOP2_ARN);
  },
);

test('boto3: Session(profile_name=hop2) follows the chain (endpoint_url in the profiles, and AWS_ENDPOINT_URL_STS)', () => {
  const script = `import boto3
s=boto3.Session(profile_name='hop2')
print(s.client('sts').get_caller_identity()['Arn'])
c=s.get_credentials().get_frozen_credentials()
print(c.access_key[:4])`;
  for (const env of [
    profileEnv(join(dir, 'config-endpoints')),
    // Only STS needs rolechain's endpoint for the chain; the final client gets it the same way.
    profileEnv(join(dir, 'config'), { AWS_ENDPOINT_URL_STS: s.url }),
  ]) {
    const r = spawnSync('python3', ['-c', script], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [HOP2_ARN, 'ASIA']);
  }
});
