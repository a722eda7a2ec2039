// Shared helpers for the parser tests.
import assert from 'node:assert/strict';
import { parsePolicy, MalformedPolicyError, type ParseOptions } from '../../../../src/policy/parse/index.js';
import type { PolicyKind } from '../../../../src/policy/ast.js';

export function rejects(doc: unknown, kind: PolicyKind, message: string, options?: ParseOptions): void {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  assert.throws(
    () => parsePolicy(text, kind, options),
    (e: unknown) => {
      assert.ok(e instanceof MalformedPolicyError, `not a MalformedPolicyError: ${String(e)}`);
      assert.equal(e.message, message);
      return true;
    },
  );
}

export function accepts(doc: unknown, kind: PolicyKind, options?: ParseOptions) {
  return parsePolicy(typeof doc === 'string' ? doc : JSON.stringify(doc), kind, options);
}

/** A valid identity-policy statement to build cases from. */
export const S = {
  Effect: 'Allow',
  Action: 's3:ListBucket',
  Resource: 'arn:aws:s3:::example_bucket',
} as const;
export const V = '2012-10-17';
export const doc = (statement: unknown, extra: Record<string, unknown> = {}) => ({
  Version: V,
  Statement: statement,
  ...extra,
});
