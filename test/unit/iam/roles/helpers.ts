// Shared by the roles tests: a bootstrapped env, an assertion on AWS errors, and documents.
import assert from 'node:assert/strict';
import { AwsError } from '../../../../src/wire/errors.js';
import { testEnv, opContext, call, UNIT_ACCOUNT } from '../../../helpers/op-context.js';
import type { OperationDef } from '../../../../src/services/types.js';

export { call, UNIT_ACCOUNT as ACCOUNT };

export async function newCtx() {
  return opContext(await testEnv());
}

export type Ctx = Awaited<ReturnType<typeof newCtx>>;

/** Runs an operation and asserts it fails with `code` (and `message`, exact or matching). */
export async function rejects(
  ctx: Ctx,
  op: OperationDef,
  input: unknown,
  code: string,
  message?: string | RegExp,
  status?: number,
): Promise<AwsError> {
  try {
    await call(op, ctx, input);
  } catch (e) {
    assert.ok(e instanceof AwsError, `expected an AwsError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    if (status !== undefined) assert.equal(e.status, status);
    return e;
  }
  assert.fail(`expected ${code}`);
}

export function trust(principal: Record<string, unknown> | '*', action = 'sts:AssumeRole'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: action }],
  });
}

export const EC2_TRUST = trust({ Service: 'ec2.amazonaws.com' });

export const S3_READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

export const S3RO = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
