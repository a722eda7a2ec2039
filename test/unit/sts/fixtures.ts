// Shared setup for the STS unit tests: an in-memory env with STS initialised, an OIDC provider and a role.
import { testEnv, UNIT_ACCOUNT } from '../../helpers/op-context.js';
import { initSts } from '../../../src/services/sts/runtime.js';
import { KIND, putRole, type OidcProviderRecord, type RoleRecord } from '../../../src/services/iam/model.js';
import type { ServerEnv } from '../../../src/services/env.js';

export { UNIT_ACCOUNT };
export const GITHUB = 'https://token.actions.githubusercontent.com';

export async function stsEnv(): Promise<ServerEnv> {
  const env = await testEnv();
  await initSts(env);
  return env;
}

export async function addOidcProvider(
  env: ServerEnv,
  url: string,
  clientIds = ['sts.amazonaws.com'],
  account = UNIT_ACCOUNT,
): Promise<OidcProviderRecord> {
  const id = url.replace(/^https:\/\//, '');
  const p: OidcProviderRecord = {
    arn: `arn:aws:iam::${account}:oidc-provider/${id}`,
    url: id,
    clientIds,
    thumbprints: [],
    createDate: new Date().toISOString(),
    tags: [],
  };
  await env.store.put({ kind: KIND.oidcProvider, account, id, name: id, data: p });
  return p;
}

let n = 0;
export async function addRole(
  env: ServerEnv,
  name: string,
  trust: unknown,
  account = UNIT_ACCOUNT,
  maxSessionDuration = 3600,
): Promise<RoleRecord> {
  const r: RoleRecord = {
    roleName: name,
    roleId: `AROA${String(++n).padStart(17, 'X')}`,
    arn: `arn:aws:iam::${account}:role/${name}`,
    path: '/',
    createDate: new Date().toISOString(),
    assumeRolePolicyDocument: JSON.stringify(trust),
    maxSessionDuration,
    tags: [],
    attachedPolicyArns: [],
    inlinePolicies: {},
  };
  await putRole(env.store, account, r);
  return r;
}

/** GitHub Actions' recommended trust: the provider, aud = sts.amazonaws.com, sub like the pattern. */
export function githubTrust(account: string, subPattern: string, extra: Record<string, unknown> = {}) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: ['sts:AssumeRoleWithWebIdentity', ...((extra.actions as string[]) ?? [])],
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': subPattern },
        },
      },
    ],
  };
}
