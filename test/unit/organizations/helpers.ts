// An organization in a memory store for the Organizations unit tests: the management account's root
// as caller, member accounts created with fixed ids.
import assert from 'node:assert/strict';
import { testEnv, opContext, call, UNIT_ACCOUNT, rootCaller } from '../../helpers/op-context.js';
import { organizations } from '../../../src/services/organizations/index.js';
import type { ServerEnv } from '../../../src/services/env.js';
import { AwsError } from '../../../src/wire/errors.js';

export { UNIT_ACCOUNT };

export interface OrgFixture {
  env: ServerEnv;
  rootId: string;
  orgId: string;
  /** Calls an Organizations operation as the management account's root (or `account`'s root). */
  op(name: string, input?: Record<string, unknown>, account?: string): Promise<any>;
  /** The error code (and Reason, if any) an operation fails with, e.g. "ConstraintViolationException/OU_DEPTH_LIMIT_EXCEEDED". */
  fails(name: string, input?: Record<string, unknown>, account?: string): Promise<string>;
}

export async function orgFixture(members: string[] = []): Promise<OrgFixture> {
  const env = await testEnv();
  const op = async (name: string, input: Record<string, unknown> = {}, account = UNIT_ACCOUNT) => {
    const def = organizations.operations.get(name);
    assert.ok(def, `no operation ${name}`);
    return call(def, opContext(env, rootCaller(account)), input);
  };
  const fails = async (name: string, input: Record<string, unknown> = {}, account = UNIT_ACCOUNT) => {
    try {
      await op(name, input, account);
    } catch (e) {
      assert.ok(e instanceof AwsError, String(e));
      return e.fields?.Reason ? `${e.code}/${e.fields.Reason}` : e.code;
    }
    assert.fail(`${name} succeeded`);
  };
  const org = (await op('CreateOrganization', { FeatureSet: 'ALL' })).Organization;
  for (const id of members) {
    await op('CreateAccount', {
      Email: `${id}@example.com`,
      AccountName: `acct-${id}`,
      Tags: [{ Key: 'rolechain:account-id', Value: id }],
    });
  }
  const rootId = (await op('ListRoots')).Roots[0].Id;
  return { env, rootId, orgId: org.Id, op, fails };
}

export const doc = (statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
