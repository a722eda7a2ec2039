// Property: any document the parser accepts, re-serialised from its AST, parses to the same AST.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePolicy, serializePolicy, MalformedPolicyError } from '../../../../src/policy/parse/index.js';
import type { PolicyKind } from '../../../../src/policy/ast.js';

const strOrList = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.array(a, { minLength: 0, maxLength: 3 }));
const action = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '*',
      's3:GetObject',
      'iam:*',
      'sts:AssumeRole',
      'sts:TagSession',
      'sts:Assume*',
    ),
  },
  fc.constantFrom('bad', 'a:b:c'),
  fc.tuple(fc.stringMatching(/^[a-z0-9.-]{1,8}$/), fc.string({ maxLength: 6 })).map(([v, n]) => `${v}:${n}`),
);
const resource = fc.constantFrom(
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:iam::123456789012:role/R',
  'arn:aws:ec2:*:*:instance/*',
  'arn:aws:s3::x',
  'nope',
  'arn:aws:dynamodb:us-east-1:123456789012:table/T',
);
const principalValue = fc.oneof(
  { weight: 2, arbitrary: fc.constant('*' as unknown) },
  fc.record(
    {
      AWS: strOrList(
        fc.constantFrom('*', '123456789012', 'arn:aws:iam::123456789012:root', 'arn:aws:iam::1:user/x'),
      ),
      Service: strOrList(fc.constantFrom('ec2.amazonaws.com', 'lambda.amazonaws.com')),
      Federated: strOrList(fc.constantFrom('cognito-identity.amazonaws.com')),
    },
    { requiredKeys: [] },
  ),
);
const conditionValue = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.integer({ min: -5, max: 1e12 }),
  fc.constantFrom('2020-01-01T00:00:00Z', '1700000000'),
);
const condition = fc.dictionary(
  fc.constantFrom(
    'StringEquals',
    'ForAnyValue:StringLike',
    'DateLessThan',
    'BoolIfExists',
    'Null',
    'NumericEquals',
    'x',
  ),
  fc.dictionary(
    fc.constantFrom('aws:PrincipalTag/team', 'aws:CurrentTime', 's3:prefix', 'a'),
    strOrList(conditionValue),
    {
      maxKeys: 2,
    },
  ),
  { maxKeys: 3 },
);
// Each element pair (Action/NotAction, ...) appears as one of the two, or not at all, so that a useful
// share of generated documents is accepted by every kind.
const either = <T>(a: fc.Arbitrary<T>, key: string, notKey: string, none: boolean) =>
  fc.oneof(
    ...(none ? [fc.constant({})] : []),
    a.map((v) => ({ [key]: v })),
    a.map((v) => ({ [notKey]: v })),
  );
const statement = fc
  .tuple(
    fc.record(
      {
        Sid: fc.constantFrom('', 'A', 'B1', 'c2', 'A'),
        Effect: fc.constantFrom('Allow', 'Deny', 'Allow', 'Deny', 'allow'),
        Condition: condition,
      },
      { requiredKeys: ['Effect'] },
    ),
    either(principalValue, 'Principal', 'NotPrincipal', true),
    either(strOrList(action), 'Action', 'NotAction', false),
    either(strOrList(resource), 'Resource', 'NotResource', true),
  )
  .map((parts) => Object.assign({}, ...parts) as Record<string, unknown>);
const document = fc.record(
  {
    Version: fc.constantFrom('2012-10-17', '2008-10-17'),
    Id: fc.string({ maxLength: 4 }),
    Statement: fc.oneof(statement, fc.array(statement, { minLength: 1, maxLength: 2 })),
  },
  { requiredKeys: ['Statement'] },
);

// RCPs accept only a narrow grammar (Deny, Principal "*", Action and Resource), which the generic
// generator rarely hits; mix in documents of that shape so the property is exercised on many RCPs.
const rcpStatement = fc.record(
  {
    Sid: fc.constantFrom('A', 'B1', 'c2'),
    Effect: fc.constantFrom('Deny', 'Deny', 'Allow'),
    Principal: fc.constantFrom('*' as unknown, { AWS: '*' }),
    Action: strOrList(fc.constantFrom('s3:GetObject', 's3:*', 'sts:AssumeRole', 'kms:Decrypt')),
    Resource: strOrList(fc.constantFrom('*', 'arn:aws:s3:::b/*')),
    Condition: condition,
  },
  { requiredKeys: ['Effect', 'Principal', 'Action', 'Resource'] },
);
const rcpDocument = fc.record({
  Version: fc.constant('2012-10-17'),
  Statement: fc.oneof(rcpStatement, fc.array(rcpStatement, { minLength: 1, maxLength: 2 })),
});

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

for (const kind of KINDS) {
  test(`round trip (${kind}): parse(serialize(parse(d))) equals parse(d)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(kind === 'rcp' ? fc.oneof(document, rcpDocument) : document, (d) => {
        let ast;
        try {
          ast = parsePolicy(JSON.stringify(d), kind);
        } catch (e) {
          if (e instanceof MalformedPolicyError) return; // only accepted documents matter here
          throw e;
        }
        accepted++;
        assert.deepEqual(parsePolicy(serializePolicy(ast), kind), ast);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach accepted documents, or the property proves nothing.
    assert.ok(accepted > 20, `only ${accepted} accepted documents`);
  });
}

test('never throws anything but MalformedPolicyError on arbitrary JSON', () => {
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), document), fc.constantFrom(...KINDS), (d, kind) => {
      try {
        parsePolicy(JSON.stringify(d) ?? 'null', kind);
      } catch (e) {
        assert.ok(e instanceof MalformedPolicyError, String(e));
      }
    }),
    { numRuns: 3000 },
  );
});
