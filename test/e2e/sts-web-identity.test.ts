// Web identity with real clients: a GitHub-Actions-style trust policy, tokens minted by rolechain's
// simulated issuer (the HTTP endpoint and the `rolechain oidc token` code path), then the SDK v3's
// fromTokenFile and the default credential chain (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE), boto3's
// default chain, and GetSessionToken with boto3.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STSClient, GetCallerIdentityCommand, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import {
  IAMClient,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateAccessKeyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { fromTokenFile, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { mintOidcToken } from '../../src/cli/oidc.js';
import { tempDir } from '../helpers/server.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const ROLE = 'gha-deploy';
let server: RunningServer;
let root: { accessKeyId: string; secretAccessKey: string };
let roleArn: string;
let dir: string;

const clientConfig = () => ({
  endpoint: server.url,
  region: 'us-east-1',
  credentials: root,
});

async function mint(
  sub: string,
  extra: { aud?: string[]; expiresInSeconds?: number; creds?: typeof root } = {},
) {
  const r = await mintOidcToken({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: extra.creds ?? root,
    issuer: GITHUB,
    sub,
    aud: extra.aud ?? ['sts.amazonaws.com'],
    expiresInSeconds: extra.expiresInSeconds,
  });
  return r.Token;
}

function tokenFile(name: string, token: string): string {
  const f = join(dir, name);
  writeFileSync(f, token);
  return f;
}

before(async () => {
  dir = tempDir('rolechain-sts-wi-');
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    memory: true,
    logLevel: 'silent',
    defaultRegion: 'us-east-1',
    maxChainDepth: 10,
  });
  root = { accessKeyId: server.root.accessKeyId, secretAccessKey: server.root.secretAccessKey! };
  const iam = new IAMClient(clientConfig());
  await iam.send(
    new CreateOpenIDConnectProviderCommand({ Url: GITHUB, ClientIDList: ['sts.amazonaws.com'] }),
  );
  const account = server.root.accountId;
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo/app:ref:refs/heads/main' },
        },
      },
    ],
  };
  const r = await iam.send(
    new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  roleArn = r.Role!.Arn!;
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('minting permission (rolechain:MintOidcToken)', () => {
  it('is decided by the engine for IAM users, conditions on the subject included', async () => {
    const iam = new IAMClient(clientConfig());
    await iam.send(new CreateUserCommand({ UserName: 'ci-minter' }));
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-minter' }))).AccessKey!;
    const creds = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
    await assert.rejects(
      mint('repo:octo/app:ref:refs/heads/main', { creds }),
      /^Error: AccessDenied: .*rolechain:MintOidcToken/,
    );
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'ci-minter',
        PolicyName: 'mint',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'rolechain:MintOidcToken',
              Resource: `arn:aws:rolechain::${server.root.accountId}:oidc-issuer/token.actions.githubusercontent.com`,
              Condition: { StringLike: { 'rolechain:OidcSubject': 'repo:octo/*' } },
            },
          ],
        }),
      }),
    );
    const t = await mint('repo:octo/app:ref:refs/heads/main', { creds });
    assert.equal(t.split('.').length, 3);
    await assert.rejects(mint('repo:evil/app:ref:refs/heads/main', { creds }), /AccessDenied/);
  });
});

describe('web identity with the AWS SDK v3', () => {
  it('fromTokenFile assumes the role for the allowed subject', async () => {
    const f = tokenFile('allowed', await mint('repo:octo/app:ref:refs/heads/main'));
    const client = new STSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: fromTokenFile({
        webIdentityTokenFile: f,
        roleArn,
        roleSessionName: 'ci',
        clientConfig: { endpoint: server.url, region: 'us-east-1' },
      }),
    });
    const id = await client.send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:sts::${server.root.accountId}:assumed-role/${ROLE}/ci`);
  });

  it('the default chain picks up AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE', async () => {
    const f = tokenFile('chain', await mint('repo:octo/app:ref:refs/heads/main'));
    const saved = { ...process.env };
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
      delete process.env[k];
    Object.assign(process.env, {
      AWS_ROLE_ARN: roleArn,
      AWS_WEB_IDENTITY_TOKEN_FILE: f,
      AWS_ROLE_SESSION_NAME: 'chain',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    try {
      const client = new STSClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: fromNodeProviderChain({ clientConfig: { endpoint: server.url, region: 'us-east-1' } }),
      });
      const id = await client.send(new GetCallerIdentityCommand({}));
      assert.equal(id.Arn, `arn:aws:sts::${server.root.accountId}:assumed-role/${ROLE}/chain`);
    } finally {
      process.env = saved;
    }
  });

  const refused: [string, () => Promise<string>, string, RegExp][] = [
    [
      'a subject the trust does not name',
      () => mint('repo:octo/app:ref:refs/heads/feature'),
      'AccessDenied',
      /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/,
    ],
    ['another repository', () => mint('repo:evil/app:ref:refs/heads/main'), 'AccessDenied', /Not authorized/],
    [
      'a wrong audience',
      () => mint('repo:octo/app:ref:refs/heads/main', { aud: ['sigstore'] }),
      'InvalidIdentityToken',
      /^Incorrect token audience$/,
    ],
    [
      'a tampered token',
      async () => (await mint('repo:octo/app:ref:refs/heads/main')).slice(0, -4) + 'AAAA',
      'InvalidIdentityToken',
      /./,
    ],
    ['a non-JWT', async () => 'not-a-token', 'InvalidIdentityToken', /not a valid JWT/],
  ];
  for (const [what, token, code, message] of refused) {
    it(`refuses ${what} (${code})`, async () => {
      const client = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: root });
      await assert.rejects(
        client.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: roleArn,
            RoleSessionName: 'xx',
            WebIdentityToken: await token(),
          }),
        ),
        (e: Error & { name: string; $metadata?: { httpStatusCode?: number } }) => {
          assert.equal((e as { Code?: string }).Code ?? e.name.replace(/Exception$/, ''), code);
          assert.match(e.message, message);
          return true;
        },
      );
    });
  }

  it('refuses an expired token with ExpiredTokenException', async () => {
    const t = await mint('repo:octo/app:ref:refs/heads/main', { expiresInSeconds: 60 });
    server.env.clock.offsetMs = 120_000;
    try {
      const client = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: root });
      await assert.rejects(
        client.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: roleArn,
            RoleSessionName: 'xx',
            WebIdentityToken: t,
          }),
        ),
        (e: Error) =>
          e.name === 'ExpiredTokenException' &&
          /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/.test(
            e.message,
          ),
      );
    } finally {
      server.env.clock.offsetMs = 0;
    }
  });

  it('minting needs credentials the engine allows rolechain:MintOidcToken', async () => {
    await assert.rejects(
      mint('repo:octo/app:ref:refs/heads/main', {
        creds: { accessKeyId: root.accessKeyId, secretAccessKey: 'wrong'.padEnd(40, 'x') },
      }),
      /SignatureDoesNotMatch/,
    );
    const res = await fetch(`${server.url}/_rolechain/oidc/token`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { __type: string }).__type, 'MissingAuthenticationToken');
  });
});

/** Runs python3 asynchronously: the server lives in this process, so a synchronous spawn would starve it. */
function boto3(
  script: string,
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const opts = {
    encoding: 'utf8' as const,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL: server.url,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  };
  return new Promise((resolve) => {
    execFile('python3', ['-c', script], opts, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('web identity and GetSessionToken with boto3', () => {
  it("boto3's default chain assumes the role from AWS_WEB_IDENTITY_TOKEN_FILE", async () => {
    const f = tokenFile('boto-ok', await mint('repo:octo/app:ref:refs/heads/main'));
    const r = await boto3('import boto3;print(boto3.client("sts").get_caller_identity()["Arn"])', {
      AWS_ROLE_ARN: roleArn,
      AWS_WEB_IDENTITY_TOKEN_FILE: f,
      AWS_ROLE_SESSION_NAME: 'boto',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), `arn:aws:sts::${server.root.accountId}:assumed-role/${ROLE}/boto`);
  });

  it('boto3 sees AccessDenied for a denied subject', async () => {
    const f = tokenFile('boto-denied', await mint('repo:octo/app:ref:refs/heads/dev'));
    const r = await boto3(
      'import boto3,botocore\ntry:\n  boto3.client("sts").get_caller_identity()\nexcept botocore.exceptions.ClientError as e:\n  print(e.response["Error"]["Code"], e.response["Error"]["Message"])',
      { AWS_ROLE_ARN: roleArn, AWS_WEB_IDENTITY_TOKEN_FILE: f },
    );
    assert.equal(
      r.stdout.trim(),
      'AccessDenied Not authorized to perform sts:AssumeRoleWithWebIdentity',
      r.stderr,
    );
  });

  it('GetSessionToken with boto3: session credentials work for GetCallerIdentity, not for another GetSessionToken', async () => {
    const script = `
import boto3, botocore
s = boto3.client("sts")
c = s.get_session_token(DurationSeconds=900)["Credentials"]
assert c["AccessKeyId"].startswith("ASIA"), c
t = boto3.client("sts", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
print(t.get_caller_identity()["Arn"])
try:
  t.get_session_token()
except botocore.exceptions.ClientError as e:
  print(e.response["Error"]["Code"], e.response["Error"]["Message"])
print(s.get_access_key_info(AccessKeyId="${root.accessKeyId}")["Account"])
`;
    const r = await boto3(script, {
      AWS_ACCESS_KEY_ID: root.accessKeyId,
      AWS_SECRET_ACCESS_KEY: root.secretAccessKey,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      `arn:aws:iam::${server.root.accountId}:root`,
      'AccessDenied Cannot call GetSessionToken with session credentials',
      server.root.accountId,
    ]);
  });
});
