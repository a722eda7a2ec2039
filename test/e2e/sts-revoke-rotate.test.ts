// Session revocation as AWS does it (`rolechain revoke-sessions` puts the AWSRevokeOlderSessions inline
// deny on aws:TokenIssueTime) and rotation of the session-token key ring (`rolechain keys rotate`,
// online through the admin endpoint and offline on a stopped server's data dir), with real clients.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { IAMClient, GetRoleCommand } from '@aws-sdk/client-iam';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startServer, tempDir, BIN, REPO, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python, type Creds } from '../helpers/clients.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/app`;

interface Session {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
}

function rolechain(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const credsOf = (s: TestServer, c: Session): Creds => ({
  url: s.url,
  accessKeyId: c.AccessKeyId,
  secretAccessKey: c.SecretAccessKey,
  sessionToken: c.SessionToken,
});

const root = (s: TestServer): Creds => ({
  url: s.url,
  accessKeyId: s.accessKeyId,
  secretAccessKey: s.secretAccessKey,
});

/** Creates alice, allowed to assume role `app` (which may read roles); returns alice's key. */
function setup(s: TestServer): Creds {
  const r = python(
    `import boto3,json
iam=boto3.client('iam')
iam.create_user(UserName='alice')
iam.put_user_policy(UserName='alice', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}]}))
iam.create_role(RoleName='app', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${TEST_ACCOUNT}:user/alice'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='app', PolicyName='read', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['iam:List*','iam:GetRole'],'Resource':'*'}]}))
k=iam.create_access_key(UserName='alice')['AccessKey']
print(json.dumps({'id':k['AccessKeyId'],'secret':k['SecretAccessKey']}))`,
    root(s),
  );
  assert.equal(r.status, 0, r.stderr);
  const k = JSON.parse(r.stdout.trim().split('\n').pop()!);
  return { url: s.url, accessKeyId: k.id, secretAccessKey: k.secret };
}

function assume(alice: Creds, name: string): Session {
  const r = python(
    `import boto3,json
c=boto3.client('sts').assume_role(RoleArn='${ROLE}', RoleSessionName='${name}')['Credentials']
print(json.dumps({k:c[k] for k in ('AccessKeyId','SecretAccessKey','SessionToken')}))`,
    alice,
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim());
}

const getRole = (s: TestServer, c: Session) =>
  new IAMClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    },
  }).send(new GetRoleCommand({ RoleName: 'app' }));

const whoAmI = (s: TestServer, c: Session) =>
  new STSClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    },
  }).send(new GetCallerIdentityCommand({}));

/** The id of the ring key that sealed a session token (bytes 1..4 of the token). */
const kidOf = (c: Session) => Buffer.from(c.SessionToken, 'base64').subarray(1, 5).toString('hex');

describeRevocation();
describeRotation();

function describeRevocation() {
  let s: TestServer;
  let alice: Creds;
  before(async () => {
    s = await startServer();
    alice = setup(s);
  });
  after(async () => {
    await s?.stop();
  });

  test('revoke-sessions: sessions issued before are denied with AWS message; sessions assumed after work', async () => {
    const old = assume(alice, 'before');
    await getRole(s, old); // works before the revocation

    const env = { AWS_ACCESS_KEY_ID: s.accessKeyId, AWS_SECRET_ACCESS_KEY: s.secretAccessKey };
    const r = rolechain(['revoke-sessions', '--role', ROLE, '--endpoint', s.url], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Revoked the sessions of role app issued before \d{4}-\d\d-\d\dT[\d:.]+Z/);

    // The policy is the console's: an inline deny of everything to tokens issued before the cut-off.
    const doc = python(
      `import boto3,json
p=boto3.client('iam').get_role_policy(RoleName='app', PolicyName='AWSRevokeOlderSessions')['PolicyDocument']
print(json.dumps(p))`,
      root(s),
    );
    assert.equal(doc.status, 0, doc.stderr);
    const policy = JSON.parse(doc.stdout);
    assert.equal(policy.Version, '2012-10-17');
    assert.equal(policy.Statement.length, 1);
    const st = policy.Statement[0];
    assert.deepEqual([st.Effect, st.Action, st.Resource], ['Deny', ['*'], ['*']]);
    const cutoff = Date.parse(st.Condition.DateLessThan['aws:TokenIssueTime']);
    assert.ok(Math.abs(cutoff - Date.now()) < 30_000);

    // The old session: explicit deny from an identity-based policy, with AWS's message (SDK v3 and CLI).
    await assert.rejects(getRole(s, old), (e: any) => {
      assert.equal(e.name, 'AccessDenied');
      assert.equal(e.$metadata.httpStatusCode, 403);
      assert.equal(
        e.message,
        `User: arn:aws:sts::${TEST_ACCOUNT}:assumed-role/app/before is not authorized to perform: iam:GetRole on resource: ${ROLE} with an explicit deny in an identity-based policy`,
      );
      return true;
    });
    if (hasAwsCli) {
      const cli = awsCli(['iam', 'get-role', '--role-name', 'app'], credsOf(s, old));
      assert.notEqual(cli.status, 0);
      assert.match(cli.stderr, /\(AccessDenied\).*with an explicit deny in an identity-based policy/);
    }
    // GetCallerIdentity needs no permission in AWS, so a revoked session still answers it.
    assert.equal((await whoAmI(s, old)).Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/app/before`);

    // aws:TokenIssueTime has one-second precision: a session assumed in a later second is not revoked.
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = assume(alice, 'after');
    assert.equal((await getRole(s, fresh)).Role!.Arn, ROLE);
    // alice's long-term key is not a session of the role: unaffected either way.
  });

  test('revoke-sessions: the same through the API (boto3 PutRolePolicy), and the CLI errors', async () => {
    const old = assume(alice, 'api-before');
    await getRole(s, old);
    const r = python(
      `import boto3,json,datetime
now=datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]+'Z'
doc={'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':['*'],'Resource':['*'],'Condition':{'DateLessThan':{'aws:TokenIssueTime':now}}}]}
boto3.client('iam').put_role_policy(RoleName='app', PolicyName='AWSRevokeOlderSessions', PolicyDocument=json.dumps(doc))
print('ok')`,
      root(s),
    );
    assert.equal(r.status, 0, r.stderr);
    await assert.rejects(getRole(s, old), (e: any) => e.name === 'AccessDenied');

    const env = { AWS_ACCESS_KEY_ID: s.accessKeyId, AWS_SECRET_ACCESS_KEY: s.secretAccessKey };
    const missing = rolechain(['revoke-sessions', '--role', 'nope', '--endpoint', s.url], env);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /NoSuchEntity: The role with name nope cannot be found\./);
    const noRole = rolechain(['revoke-sessions', '--endpoint', s.url], env);
    assert.equal(noRole.status, 2);
    assert.match(noRole.stderr, /--role is required/);
    // alice may not write role policies: AWS's AccessDenied comes back.
    const denied = rolechain(['revoke-sessions', '--role', 'app', '--endpoint', s.url], {
      AWS_ACCESS_KEY_ID: alice.accessKeyId,
      AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
    });
    assert.equal(denied.status, 1);
    assert.match(
      denied.stderr,
      /AccessDenied: User: arn:aws:iam::\d+:user\/alice is not authorized to perform: iam:PutRolePolicy/,
    );
  });
}

function describeRotation() {
  let s: TestServer;
  let alice: Creds;
  let dir: string;
  before(async () => {
    dir = tempDir();
    s = await startServer({ dataDir: dir });
    alice = setup(s);
  });
  after(async () => {
    await s?.stop();
  });

  test('keys rotate: old tokens stay valid, new tokens are sealed with the new key (online, then offline)', async () => {
    const rootEnv = {
      ROLECHAIN_ROOT_ACCESS_KEY_ID: s.accessKeyId,
      ROLECHAIN_ROOT_SECRET_ACCESS_KEY: s.secretAccessKey,
    };
    const first = assume(alice, 'k1');
    const before1 = rolechain(['keys', 'list', '--endpoint', s.url], rootEnv);
    assert.equal(before1.status, 0, before1.stderr);
    assert.match(before1.stdout, new RegExp(`current: ${kidOf(first)}\\n`));

    const rot = rolechain(['keys', 'rotate', '--endpoint', s.url], rootEnv);
    assert.equal(rot.status, 0, rot.stderr);
    const kid2 = /rotated: new current key ([0-9a-f]{8})/.exec(rot.stdout)![1]!;
    assert.notEqual(kid2, kidOf(first));
    assert.match(rot.stdout, new RegExp(`keys \\(oldest first\\): ${kidOf(first)} ${kid2}\\n`));

    const second = assume(alice, 'k2');
    assert.equal(kidOf(second), kid2);
    await getRole(s, first); // sealed under the old key: still valid
    await getRole(s, second);
    // A session assumed with old-key credentials chains fine too (the new token uses the new key).
    assert.equal((await whoAmI(s, first)).Arn, `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/app/k1`);

    // The admin endpoint needs the root key.
    const anon = await fetch(`${s.url}/_rolechain/keys/rotate`, {
      method: 'POST',
      headers: { 'x-rolechain-root-key': `${alice.accessKeyId}:${alice.secretAccessKey}` },
    });
    assert.equal(anon.status, 403);
    const wrong = rolechain(['keys', 'rotate', '--endpoint', s.url], {
      ROLECHAIN_ROOT_ACCESS_KEY_ID: s.accessKeyId,
      ROLECHAIN_ROOT_SECRET_ACCESS_KEY: 'x'.repeat(40),
    });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /AccessDenied/);

    // Offline: rotate the stopped server's store, restart it; every token issued so far still works.
    assert.equal(await s.stop(), 0);
    const off = rolechain(['keys', 'rotate', '--data-dir', dir], {});
    assert.equal(off.status, 0, off.stderr);
    const kid3 = /rotated: new current key ([0-9a-f]{8})/.exec(off.stdout)![1]!;
    assert.match(off.stdout, new RegExp(`keys \\(oldest first\\): ${kidOf(first)} ${kid2} ${kid3}\\n`));
    s = await startServer({ dataDir: dir });
    await getRole(s, first);
    await getRole(s, second);
    const third = assume({ ...alice, url: s.url }, 'k3');
    assert.equal(kidOf(third), kid3);
    await getRole(s, third);

    const bad = rolechain(['keys', 'rotate', '--data-dir', tempDir()], {});
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /no rolechain store in/);
  });
}
