// Shared by the identity operation tests: an environment, a root context, and error assertions.
import assert from 'node:assert/strict';
import { AwsError } from '../../../../src/wire/errors.js';
import { opContext, testEnv, call } from '../../../helpers/op-context.js';
import type { OperationDef } from '../../../../src/services/types.js';

export { call, opContext, testEnv };

export async function rejectsAws(
  p: Promise<unknown> | (() => unknown),
  code: string,
  message?: string | RegExp,
  status?: number,
) {
  let err: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof AwsError, `expected AwsError ${code}, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  if (typeof message === 'string') assert.equal(err.message, message);
  else if (message) assert.match(err.message, message);
  if (status !== undefined) assert.equal(err.status, status);
}

export type Ctx = ReturnType<typeof opContext>;

/** Calls an operation with a loose input (tests pass what the wire would decode). */
export function run(op: OperationDef, ctx: Ctx, input: Record<string, unknown> = {}): Promise<any> {
  return call(op as OperationDef<Record<string, unknown>, unknown>, ctx, input) as Promise<any>;
}
