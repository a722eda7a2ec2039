import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, generateKeyPair, exportJWK, decodeJwt, decodeProtectedHeader } from 'jose';
import AssumeRoleWithWebIdentity from '../../../src/services/sts/operations/AssumeRoleWithWebIdentity.js';
import { mintSimulatedToken } from '../../../src/services/sts/oidc/simulated.js';
import { setJwksCache } from '../../../src/services/sts/oidc/verify.js';
import { JwksCache } from '../../../src/services/sts/oidc/discovery.js';
import { resolveSession } from '../../../src/services/sts/authenticate-session.js';
import { ANONYMOUS } from '../../../src/services/caller.js';
import type { ServerEnv } from '../../../src/services/env.js';
import { opContext, call } from '../../helpers/op-context.js';
import { stsEnv, addOidcProvider, addRole, githubTrust, GITHUB, UNIT_ACCOUNT } from './fixtures.js';

const OTHER = '210987654321';
let env: ServerEnv;

async function token(
  opts: {
    sub?: string;
    aud?: string | string[];
    account?: string;
    issuer?: string;
    claims?: Record<string, unknown>;
    expiresIn?: number;
  } = {},
) {
  const t = await mintSimulatedToken(env, {
    account: opts.account ?? UNIT_ACCOUNT,
    issuer: opts.issuer ?? GITHUB,
    sub: opts.sub ?? 'repo:octo/app:ref:refs/heads/main',
    aud: opts.aud ?? 'sts.amazonaws.com',
    claims: opts.claims,
    expiresInSeconds: opts.expiresIn,
    now: env.clock.nowMs(),
  });
  return t.token;
}

function assume(webIdentityToken: string, roleName = 'deploy', extra: Record<string, unknown> = {}) {
  return call(AssumeRoleWithWebIdentity, opContext(env, ANONYMOUS), {
    RoleArn: `arn:aws:iam::${UNIT_ACCOUNT}:role/${roleName}`,
    RoleSessionName: 'gha',
    WebIdentityToken: webIdentityToken,
    ...extra,
  });
}

async function rejects(p: Promise<unknown>, code: string, message?: string | RegExp) {
  await assert.rejects(p, (e: { code?: string; message?: string }) => {
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message ?? '', message);
    return true;
  });
}

before(async () => {
  env = await stsEnv();
  // No network in unit tests: any fetch of a real issuer fails as unreachable.
  setJwksCache(env, new JwksCache({ fetch: () => Promise.reject(new Error('offline')) }));
  await addOidcProvider(env, GITHUB);
  await addRole(env, 'deploy', githubTrust(UNIT_ACCOUNT, 'repo:octo/app:ref:refs/heads/main'));
  await addRole(
    env,
    'any-branch',
    githubTrust(UNIT_ACCOUNT, 'repo:octo/app:*', { actions: ['sts:TagSession'] }),
  );
});

describe('AssumeRoleWithWebIdentity with a simulated GitHub Actions token', () => {
  it('mints a session shaped like AWS for an allowed subject', async () => {
    const out = await assume(await token());
    assert.match(out.Credentials.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(out.SubjectFromWebIdentityToken, 'repo:octo/app:ref:refs/heads/main');
    assert.equal(
      out.Provider,
      `arn:aws:iam::${UNIT_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    );
    assert.equal(out.Audience, 'sts.amazonaws.com');
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${UNIT_ACCOUNT}:assumed-role/deploy/gha`);
    assert.match(out.AssumedRoleUser.AssumedRoleId, /^AROA.+:gha$/);
    assert.equal(out.Credentials.Expiration.getTime() - env.clock.nowMs() <= 3600_000, true);
    // The credentials authenticate as the role session.
    const r = resolveSession(env, out.Credentials.AccessKeyId, out.Credentials.SessionToken);
    assert.equal(r.caller.type, 'AssumedRole');
    assert.equal(r.caller.arn, out.AssumedRoleUser.Arn);
  });

  const denied: [string, string][] = [
    ['another branch', 'repo:octo/app:ref:refs/heads/feature'],
    ['another repository', 'repo:evil/app:ref:refs/heads/main'],
    ['a pull request', 'repo:octo/app:pull_request'],
  ];
  for (const [what, sub] of denied) {
    it(`refuses ${what} with AWS's AccessDenied`, async () => {
      await rejects(
        assume(await token({ sub })),
        'AccessDenied',
        'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      );
    });
  }

  it('allows a wildcard trust for any ref of the repository', async () => {
    const out = await assume(await token({ sub: 'repo:octo/app:environment:prod' }), 'any-branch');
    assert.equal(out.SubjectFromWebIdentityToken, 'repo:octo/app:environment:prod');
  });

  it('refuses a missing role with AccessDenied (not NoSuchEntity)', async () => {
    await rejects(
      assume(await token(), 'nope'),
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    );
  });

  it('refuses a wrong audience', async () => {
    await rejects(
      assume(await token({ aud: 'sigstore' })),
      'InvalidIdentityToken',
      'Incorrect token audience',
    );
  });

  it('accepts an audience list containing a client id', async () => {
    const out = await assume(await token({ aud: ['other', 'sts.amazonaws.com'] }));
    assert.equal(out.Audience, 'sts.amazonaws.com');
  });

  it('refuses an expired token with ExpiredTokenException and both times', async () => {
    const t = await token({ expiresIn: 60 });
    const exp = decodeJwt(t).exp!;
    env.clock.offsetMs = 120_000;
    try {
      await rejects(
        assume(t),
        'ExpiredTokenException',
        /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/,
      );
      await rejects(assume(t), 'ExpiredTokenException', new RegExp(`date/time ${exp}$`));
    } finally {
      env.clock.offsetMs = 0;
    }
  });

  it('refuses a token not valid yet and one issued in the future', async () => {
    const now = Math.floor(env.clock.nowMs() / 1000);
    await rejects(
      assume(await token({ claims: { nbf: now + 3600, exp: now + 7200 } })),
      'InvalidIdentityToken',
    );
    await rejects(
      assume(await token({ claims: { iat: now + 3600, exp: now + 7200 } })),
      'InvalidIdentityToken',
    );
  });

  it('refuses garbage as not a valid JWT', async () => {
    for (const t of ['not-a-jwt', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0']) {
      await rejects(
        assume(t),
        'InvalidIdentityToken',
        'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      );
    }
  });

  it('refuses an issuer with no IAM OIDC provider in the account', async () => {
    await rejects(
      assume(await token({ issuer: 'https://gitlab.example.com' })),
      'InvalidIdentityToken',
      'No OpenIDConnect provider found in your account for https://gitlab.example.com',
    );
  });

  it('refuses a tampered payload (signature no longer matches)', async () => {
    const [h, , s] = (await token()).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(await token()), sub: 'repo:octo/app:ref:refs/heads/main', extra: 1 }),
    ).toString('base64url');
    await rejects(assume(`${h}.${forged}.${s}`), 'InvalidIdentityToken');
  });

  it("refuses a simulated token minted for another account (the kid binds the minter's account)", async () => {
    const t = await token({ account: OTHER });
    assert.equal(decodeProtectedHeader(t).kid?.startsWith(`rolechain-sim:${OTHER}:`), true);
    await rejects(assume(t), 'InvalidIdentityToken', /Couldn't retrieve verification key/);
  });

  it('refuses alg none and HMAC tokens', async () => {
    const claims = decodeJwt(await token());
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await rejects(assume(none), 'InvalidIdentityToken');
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    await rejects(assume(hs), 'InvalidIdentityToken');
  });

  it('takes session tags from the https://aws.amazon.com/tags claim, which needs sts:TagSession', async () => {
    const claims = {
      'https://aws.amazon.com/tags': { principal_tags: { team: ['blue'] }, transitive_tag_keys: ['team'] },
    };
    await rejects(assume(await token({ claims })), 'AccessDenied');
    const out = await assume(await token({ claims }), 'any-branch');
    const r = resolveSession(env, out.Credentials.AccessKeyId, out.Credentials.SessionToken);
    const s = r.caller.session as { claims: { tags?: unknown; transitiveTagKeys?: unknown } };
    assert.deepEqual(s.claims.tags, [{ Key: 'team', Value: 'blue' }]);
    assert.deepEqual(s.claims.transitiveTagKeys, ['team']);
    assert.equal(typeof out.PackedPolicySize, 'number');
  });

  it('enforces the role MaxSessionDuration', async () => {
    await rejects(
      assume(await token(), 'deploy', { DurationSeconds: 7200 }),
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  });

  it('applies session policies (PackedPolicySize reported)', async () => {
    const out = await assume(await token(), 'deploy', {
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      }),
    });
    assert.equal(typeof out.PackedPolicySize, 'number');
    await rejects(
      assume(await token(), 'deploy', { Policy: '{"Version":"2012-10-17"' }),
      'MalformedPolicyDocument',
    );
  });
});

describe('AssumeRoleWithWebIdentity against a real issuer (OIDC discovery + JWKS)', () => {
  const ISSUER = 'https://idp.example.com/tenant';
  let env2: ServerEnv;
  let fetches: string[];
  let sign: (claims: Record<string, unknown>, kid?: string) => Promise<string>;
  let reachable = true;

  before(async () => {
    env2 = await stsEnv();
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    fetches = [];
    setJwksCache(
      env2,
      new JwksCache({
        fetch: async (url) => {
          fetches.push(url);
          if (!reachable) throw new Error('ECONNREFUSED');
          if (url === `${ISSUER}/.well-known/openid-configuration`) {
            return Response.json({ issuer: ISSUER, jwks_uri: 'https://idp.example.com/keys' });
          }
          if (url === 'https://idp.example.com/keys') return Response.json({ keys: [jwk] });
          return new Response('not found', { status: 404 });
        },
        refetchAfterMs: 0,
      }),
    );
    await addOidcProvider(env2, ISSUER, ['my-app']);
    await addRole(env2, 'app', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${UNIT_ACCOUNT}:oidc-provider/idp.example.com/tenant` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'idp.example.com/tenant:sub': 'alice' },
            'ForAnyValue:StringEquals': { 'idp.example.com/tenant:amr': 'mfa' },
          },
        },
      ],
    });
    sign = (claims, kid = 'k1') => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: ISSUER, aud: 'my-app', iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: 'ES256', kid })
        .sign(privateKey);
    };
  });

  const assume2 = (t: string) =>
    call(AssumeRoleWithWebIdentity, opContext(env2, ANONYMOUS), {
      RoleArn: `arn:aws:iam::${UNIT_ACCOUNT}:role/app`,
      RoleSessionName: 's',
      WebIdentityToken: t,
    });

  it('verifies with the discovered JWKS, caches it, and maps sub/amr to condition keys', async () => {
    const out = await assume2(await sign({ sub: 'alice', amr: ['pwd', 'mfa'] }));
    assert.equal(out.SubjectFromWebIdentityToken, 'alice');
    const n = fetches.length;
    assert.equal(n, 2);
    await assume2(await sign({ sub: 'alice', amr: ['mfa'] }));
    assert.equal(fetches.length, n, 'the keys are cached');
    await assert.rejects(assume2(await sign({ sub: 'bob', amr: ['mfa'] })), { code: 'AccessDenied' });
    await assert.rejects(assume2(await sign({ sub: 'alice', amr: ['pwd'] })), { code: 'AccessDenied' });
  });

  it('uses azp as the audience when present', async () => {
    await assert.rejects(assume2(await sign({ sub: 'alice', amr: 'mfa', aud: 'my-app', azp: 'other' })), {
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
    });
  });

  it('refuses an unknown key id after one refetch', async () => {
    await assert.rejects(assume2(await sign({ sub: 'alice' }, 'unknown')), {
      code: 'InvalidIdentityToken',
      message:
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    });
  });

  it('answers IDPCommunicationError when the issuer cannot be reached and nothing is cached', async () => {
    const env3 = await stsEnv();
    setJwksCache(env3, new JwksCache({ fetch: () => Promise.reject(new Error('ECONNREFUSED')) }));
    await addOidcProvider(env3, ISSUER, ['my-app']);
    await addRole(env3, 'app', { Version: '2012-10-17', Statement: [] });
    await assert.rejects(
      call(AssumeRoleWithWebIdentity, opContext(env3, ANONYMOUS), {
        RoleArn: `arn:aws:iam::${UNIT_ACCOUNT}:role/app`,
        RoleSessionName: 's',
        WebIdentityToken: await sign({ sub: 'alice' }),
      }),
      { code: 'IDPCommunicationError' },
    );
  });

  it('keeps serving cached keys while the issuer is unreachable', async () => {
    reachable = false;
    try {
      const out = await assume2(await sign({ sub: 'alice', amr: 'mfa' }));
      assert.equal(out.SubjectFromWebIdentityToken, 'alice');
    } finally {
      reachable = true;
    }
  });

  it('ignores simulated tokens when simulated issuers are off', async () => {
    const env4 = await stsEnv();
    (env4.config as { simulatedOidc?: boolean }).simulatedOidc = false;
    setJwksCache(
      env4,
      new JwksCache({ fetch: async () => Response.json({ jwks_uri: 'https://x/keys', keys: [] }) }),
    );
    await addOidcProvider(env4, GITHUB);
    await addRole(env4, 'deploy', githubTrust(UNIT_ACCOUNT, '*'));
    const t = await mintSimulatedToken(env4, {
      account: UNIT_ACCOUNT,
      issuer: GITHUB,
      sub: 'repo:a/b:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      now: Date.now(),
    });
    await assert.rejects(
      call(AssumeRoleWithWebIdentity, opContext(env4, ANONYMOUS), {
        RoleArn: `arn:aws:iam::${UNIT_ACCOUNT}:role/deploy`,
        RoleSessionName: 's',
        WebIdentityToken: t.token,
      }),
      { code: 'InvalidIdentityToken' },
    );
  });
});
