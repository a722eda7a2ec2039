import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import GetSessionToken from '../../../src/services/sts/operations/GetSessionToken.js';
import GetAccessKeyInfo, {
  accountOfAccessKeyId,
  encodeAccessKeyId,
} from '../../../src/services/sts/operations/GetAccessKeyInfo.js';
import DecodeAuthorizationMessage, {
  encodeAuthorizationMessage,
} from '../../../src/services/sts/operations/DecodeAuthorizationMessage.js';
import GetFederationToken from '../../../src/services/sts/operations/GetFederationToken.js';
import { sessionTokenRestriction, stsExtraOperations } from '../../../src/services/sts/ops-extra.js';
import { resolveSession } from '../../../src/services/sts/authenticate-session.js';
import { KIND } from '../../../src/services/iam/model.js';
import { base32Encode, totp } from '../../../src/services/iam/mfa/index.js';
import type { Caller } from '../../../src/services/caller.js';
import type { ServerEnv } from '../../../src/services/env.js';
import { opContext, call, rootCaller } from '../../helpers/op-context.js';
import { stsEnv, UNIT_ACCOUNT } from './fixtures.js';

let env: ServerEnv;
const SERIAL = `arn:aws:iam::${UNIT_ACCOUNT}:mfa/alice`;
const SEED = base32Encode(Buffer.alloc(20, 7));

const alice: Caller = {
  type: 'IAMUser',
  accountId: UNIT_ACCOUNT,
  arn: `arn:aws:iam::${UNIT_ACCOUNT}:user/alice`,
  userId: 'AIDAALICEALICEALICE1',
  userName: 'alice',
  accessKeyId: 'AKIAALICEALICEALICE1',
};

before(async () => {
  env = await stsEnv();
  await env.store.put({
    kind: KIND.mfaDevice,
    account: UNIT_ACCOUNT,
    id: SERIAL,
    name: '/alice',
    data: {
      serialNumber: SERIAL,
      path: '/',
      deviceName: 'alice',
      seedSealed: env.secrets.seal(SEED),
      createDate: new Date().toISOString(),
      tags: [],
      userName: 'alice',
      userId: alice.userId,
    },
  });
});

function sessionCaller(creds: { AccessKeyId: string; SessionToken: string }): Caller {
  return resolveSession(env, creds.AccessKeyId, creds.SessionToken).caller;
}

async function rejects(p: Promise<unknown>, code: string, message?: string) {
  await assert.rejects(p, (e: { code?: string; message?: string }) => {
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

describe('GetSessionToken', () => {
  it('gives an IAM user 12 hours by default, as the same user', async () => {
    const now = env.clock.nowMs();
    const { Credentials } = await call(GetSessionToken, opContext(env, alice), {});
    assert.match(Credentials.AccessKeyId, /^ASIA/);
    assert.equal(Credentials.Expiration.getTime() - now >= 43_200_000 - 1000, true);
    const c = sessionCaller(Credentials);
    assert.equal(c.type, 'IAMUser');
    assert.equal(c.arn, alice.arn);
    assert.equal((c.session as { mfaAuthenticated: boolean }).mfaAuthenticated, false);
  });

  it('caps the root user at one hour, silently', async () => {
    const now = env.clock.nowMs();
    const { Credentials } = await call(GetSessionToken, opContext(env, rootCaller()), {
      DurationSeconds: 129_600,
    });
    assert.equal(Credentials.Expiration.getTime() - now <= 3_600_000 + 1000, true);
    assert.equal(sessionCaller(Credentials).type, 'Root');
  });

  it('records MFA when the code is right and refuses a wrong one', async () => {
    const ok = await call(GetSessionToken, opContext(env, alice), {
      SerialNumber: SERIAL,
      TokenCode: totp(SEED, env.clock.now()),
    });
    assert.equal(
      (sessionCaller(ok.Credentials).session as { mfaAuthenticated: boolean }).mfaAuthenticated,
      true,
    );
    const wrong = totp(SEED, env.clock.now()) === '000000' ? '111111' : '000000';
    await rejects(
      call(GetSessionToken, opContext(env, alice), { SerialNumber: SERIAL, TokenCode: wrong }),
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    );
  });

  it('refuses session credentials', async () => {
    const { Credentials } = await call(GetSessionToken, opContext(env, alice), {});
    await rejects(
      call(GetSessionToken, opContext(env, sessionCaller(Credentials)), {}),
      'AccessDenied',
      'Cannot call GetSessionToken with session credentials',
    );
  });
});

describe('sessionTokenRestriction', () => {
  it('applies AWS rules per kind of session', async () => {
    const plain = sessionCaller((await call(GetSessionToken, opContext(env, alice), {})).Credentials);
    const mfa = sessionCaller(
      (
        await call(GetSessionToken, opContext(env, alice), {
          SerialNumber: SERIAL,
          TokenCode: totp(SEED, new Date(env.clock.nowMs() + 30_000)),
        })
      ).Credentials,
    );
    const fed = sessionCaller(
      (await call(GetFederationToken, opContext(env, alice), { Name: 'bob' })).Credentials,
    );
    const table: [string, Caller, string, string, string | undefined][] = [
      ['long-term user, IAM', alice, 'iam', 'ListUsers', undefined],
      ['GetSessionToken without MFA, IAM', plain, 'iam', 'ListUsers', 'InvalidClientTokenId'],
      ['GetSessionToken with MFA, IAM', mfa, 'iam', 'ListUsers', undefined],
      ['GetSessionToken, sts:AssumeRole', plain, 'sts', 'AssumeRole', undefined],
      ['GetSessionToken, sts:GetCallerIdentity', plain, 'sts', 'GetCallerIdentity', undefined],
      ['GetSessionToken, sts:GetFederationToken', mfa, 'sts', 'GetFederationToken', 'AccessDenied'],
      ['GetSessionToken, organizations', plain, 'organizations', 'ListAccounts', undefined],
      ['federated user, IAM', fed, 'iam', 'ListUsers', 'InvalidClientTokenId'],
      ['federated user, sts:AssumeRole', fed, 'sts', 'AssumeRole', 'AccessDenied'],
      ['federated user, sts:GetCallerIdentity', fed, 'sts', 'GetCallerIdentity', undefined],
    ];
    for (const [what, caller, svc, op, code] of table) {
      assert.equal(sessionTokenRestriction(caller, svc, op)?.code, code, what);
    }
  });
});

describe('GetAccessKeyInfo', () => {
  it("decodes AWS's published example key id", () => {
    assert.equal(accountOfAccessKeyId('ASIAY34FZKBOKMUTVV7A'), '609629065308');
  });

  it('round-trips any account through encodeAccessKeyId (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 999_999_999_999n }),
        fc.constantFrom('AKIA', 'ASIA') as fc.Arbitrary<'AKIA' | 'ASIA'>,
        (n, prefix) => {
          const account = n.toString().padStart(12, '0');
          const id = encodeAccessKeyId(prefix, account);
          assert.match(id, /^(AKIA|ASIA)[A-Z2-7]{16}$/);
          assert.equal(accountOfAccessKeyId(id), account);
        },
      ),
    );
  });

  it("answers the caller's own key, stored keys, and encoded ids", async () => {
    const ctx = opContext(env, alice);
    assert.deepEqual(await call(GetAccessKeyInfo, ctx, { AccessKeyId: alice.accessKeyId! }), {
      Account: UNIT_ACCOUNT,
    });
    assert.deepEqual(
      await call(GetAccessKeyInfo, ctx, { AccessKeyId: encodeAccessKeyId('ASIA', '444455556666') }),
      {
        Account: '444455556666',
      },
    );
    assert.deepEqual(
      ctx.checks.map((c) => c.action),
      ['sts:GetAccessKeyInfo', 'sts:GetAccessKeyInfo'],
    );
    await rejects(
      call(GetAccessKeyInfo, ctx, { AccessKeyId: 'XXXX0000000000000000' }),
      'InvalidParameterValue',
    );
  });
});

describe('DecodeAuthorizationMessage', () => {
  const msg = {
    account: UNIT_ACCOUNT,
    principal: { id: alice.userId, name: 'alice', arn: alice.arn },
    action: 'ec2:RunInstances',
    resource: `arn:aws:ec2:us-east-1:${UNIT_ACCOUNT}:instance/*`,
    explicitDeny: true,
    context: { 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a', 'b'] },
  };

  it("round-trips in AWS's JSON shape for principals of the account", async () => {
    const encoded = encodeAuthorizationMessage(env, msg);
    assert.match(encoded, /^[A-Za-z0-9_-]+$/);
    const out = await call(DecodeAuthorizationMessage, opContext(env, alice), { EncodedMessage: encoded });
    const d = JSON.parse(out.DecodedMessage);
    assert.equal(d.allowed, false);
    assert.equal(d.explicitDeny, true);
    assert.equal(d.context.action, 'ec2:RunInstances');
    assert.deepEqual(d.context.conditions.items[1], {
      key: 'aws:TagKeys',
      values: { items: [{ value: 'a' }, { value: 'b' }] },
    });
  });

  it('refuses tampered messages and principals of other accounts', async () => {
    const encoded = encodeAuthorizationMessage(env, msg);
    const flipped = encoded.slice(0, 40) + (encoded[40] === 'A' ? 'B' : 'A') + encoded.slice(41);
    for (const bad of [flipped, 'garbage', encoded.slice(0, 20)]) {
      await rejects(
        call(DecodeAuthorizationMessage, opContext(env, alice), { EncodedMessage: bad }),
        'InvalidAuthorizationMessageException',
      );
    }
    await rejects(
      call(DecodeAuthorizationMessage, opContext(env, rootCaller('999988887777')), {
        EncodedMessage: encoded,
      }),
      'InvalidAuthorizationMessageException',
    );
  });
});

describe('GetFederationToken', () => {
  it('mints a federated-user session and checks sts:GetFederationToken on its ARN', async () => {
    const ctx = opContext(env, alice);
    const out = await call(GetFederationToken, ctx, { Name: 'bob', Tags: [{ Key: 'team', Value: 'x' }] });
    assert.equal(out.FederatedUser.Arn, `arn:aws:sts::${UNIT_ACCOUNT}:federated-user/bob`);
    assert.equal(out.FederatedUser.FederatedUserId, `${UNIT_ACCOUNT}:bob`);
    assert.deepEqual(
      ctx.checks.map((c) => [c.action, c.resource]),
      [
        ['sts:GetFederationToken', out.FederatedUser.Arn],
        ['sts:TagSession', out.FederatedUser.Arn],
      ],
    );
    const c = sessionCaller(out.Credentials);
    assert.equal(c.type, 'FederatedUser');
    // Without session policies the federated user has no permissions: an empty session policy.
    assert.equal((c.session as { sessionPolicies?: unknown[] }).sessionPolicies?.length, 1);
  });

  it('refuses session credentials', async () => {
    const s = sessionCaller((await call(GetSessionToken, opContext(env, alice), {})).Credentials);
    await rejects(
      call(GetFederationToken, opContext(env, s), { Name: 'bob' }),
      'AccessDenied',
      'Cannot call GetFederationToken with session credentials',
    );
  });
});

describe('stsExtraOperations', () => {
  it('lists each operation once; only web identity and SAML are anonymous', () => {
    const names = stsExtraOperations.map((o) => o.name);
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(
      stsExtraOperations.filter((o) => o.anonymous).map((o) => o.name),
      ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'],
    );
  });
});
