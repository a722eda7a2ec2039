import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { replacePrincipal } from '../../../../src/services/iam/trust.js';

const ARN = 'arn:aws:iam::123456789012:role/Gone';
const ID = 'AROAEXAMPLEEXAMPLE12';
const others = fc.constantFrom(
  'arn:aws:iam::123456789012:root',
  'arn:aws:iam::123456789012:role/Stays',
  '210987654321',
  'arn:aws:iam::123456789012:role/Gone2',
);
const awsValue = fc.oneof(
  fc.constant(ARN),
  others,
  fc.array(fc.oneof(fc.constant(ARN), others), { minLength: 1, maxLength: 4 }),
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Principal: fc.oneof(fc.record({ AWS: awsValue }), fc.record({ Service: fc.constant('ec2.amazonaws.com') })),
  Action: fc.constant('sts:AssumeRole'),
  Condition: fc.constant({ StringEquals: { 'aws:PrincipalArn': ARN } }),
});

test('replacePrincipal: every principal occurrence of the ARN becomes the unique id, nothing else changes', () => {
  fc.assert(
    fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), (statements) => {
      const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
      const mentions = statements.some((s) => JSON.stringify(s.Principal).includes(`"${ARN}"`));
      const out = replacePrincipal(text, ARN, ID);
      if (!mentions) {
        assert.equal(out, undefined);
        return;
      }
      assert.ok(out);
      const doc = JSON.parse(out) as { Statement: typeof statements };
      doc.Statement.forEach((s, i) => {
        const before = statements[i]!;
        assert.deepEqual(s.Condition, before.Condition, 'conditions are not principals');
        const expected = JSON.parse(
          JSON.stringify(before.Principal).split(`"${ARN}"`).join(`"${ID}"`),
        ) as unknown;
        assert.deepEqual(s.Principal, expected);
      });
    }),
    { numRuns: 300 },
  );
});

test('replacePrincipal: a single-statement object (no array) and invalid JSON', () => {
  const one = JSON.stringify({
    Statement: { Effect: 'Allow', Principal: { AWS: ARN }, Action: 'sts:AssumeRole' },
  });
  assert.deepEqual(JSON.parse(replacePrincipal(one, ARN, ID)!), {
    Statement: { Effect: 'Allow', Principal: { AWS: ID }, Action: 'sts:AssumeRole' },
  });
  assert.equal(replacePrincipal('{', ARN, ID), undefined);
  assert.equal(replacePrincipal('null', ARN, ID), undefined);
});
