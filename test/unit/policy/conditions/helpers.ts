// Shared table-runner for the condition tests: one row = operator, key, policy values, context, result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCondition } from '../../../../src/policy/conditions/index.js';
import { makeContext, type ContextValue } from '../../../../src/policy/context.js';

export type Ctx = Record<string, ContextValue | boolean | number | undefined>;
export type Row = [
  operator: string,
  key: string,
  values: string[],
  ctx: Ctx,
  expected: boolean,
  version?: string,
];

export const V2012 = '2012-10-17';

export function evaluate(
  operator: string,
  key: string,
  values: string[],
  ctx: Ctx,
  version: string | undefined = V2012,
): boolean {
  return compileCondition({ operator, key, values }, version)(makeContext(ctx));
}

/** Registers one test per row; returns the row count (reported as case counts). */
export function table(title: string, rows: Row[]): number {
  rows.forEach(([op, key, values, ctx, expected, version], i) => {
    test(`${title} #${i}: ${op} ${key}=${JSON.stringify(values)} ctx=${JSON.stringify(ctx)} → ${expected}`, () => {
      assert.equal(evaluate(op, key, values, ctx, version ?? V2012), expected);
    });
  });
  return rows.length;
}
