// Documents IAM accepts, and the AST the parser builds from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accepts, S, V, doc } from './helpers.js';
import type { PolicyKind } from '../../../../src/policy/ast.js';
import type { ParseOptions } from '../../../../src/policy/parse/index.js';

const withS = (extra: Record<string, unknown>) => doc({ ...S, ...extra });

// Accepted by IAM although they look odd: IAM checks only the vendor of an action, tolerates unknown
// operators with empty blocks, empty value lists, regional ARNs of most services, and so on.
const valid: [string, unknown][] = [
  ['resource list', withS({ Resource: ['arn:aws:s3:::example_bucket'] })],
  ['action name with spaces', withS({ Action: 'iam: asdf safdsf af ' })],
  ['resource list with *', withS({ Resource: ['arn:aws:s3:::example_bucket', '*'] })],
  ['action *', withS({ Action: '*' })],
  ['statement array', doc([S])],
  ['unknown service vendor', withS({ Action: 'fsx:ListBucket' })],
  ['iam user resource', withS({ Resource: 'arn:aws:iam:::user/example_bucket' })],
  ['iam root resource', withS({ Resource: 'arn:aws:iam::*:root' })],
  ['iam wildcard resource', withS({ Resource: 'arn:aws:iam::*:*' })],
  ['iam wildcard type prefix', withS({ Resource: 'arn:aws:iam::123456789012:ro*' })],
  ['unknown service in resource', withS({ Resource: 'arn:aws:s33:::example_bucket' })],
  ['three-field resource', withS({ Resource: 'arn:aws:fdsasf' })],
  ['empty Condition', withS({ Condition: {} })],
  ['ForAllValues', withS({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'Department' } } })],
  ['regional cloudwatch', withS({ Resource: 'arn:aws:cloudwatch:us-east-1::example_bucket' })],
  ['invalid service with region', withS({ Resource: 'arn:aws:invalid-service:us-east-1::example_bucket' })],
  ['empty operator block', withS({ Condition: { DateGreaterThan: {} } })],
  ['empty value list', withS({ Condition: { DateGreaterThan: { a: [] } } })],
  ['unknown operator, empty block', withS({ Condition: { a: {} } })],
  ['two unknown operators, empty blocks', withS({ Condition: { x: {}, y: {} } })],
  ['long Sid', withS({ Sid: 'dsfsdfsdfsdfsdfsadfsd' })],
  ['NotAction', doc({ Effect: 'Allow', NotAction: 's3:ListBucket', Resource: S.Resource })],
  ['NotResource', doc({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll'] })],
  ['Id', doc(S, { Id: 'sdfsdfsdf' })],
  ['long vendor', withS({ Action: 'aaaaaadsfdsafsadfsadfaaaaa:ListBucket' })],
  ['vendor with dash', withS({ Action: 's3-s:ListBucket' })],
  ['vendor with dot', withS({ Action: 's3.s:ListBucket' })],
  ['NotAction NotResource', doc({ Effect: 'Allow', NotAction: 's3:ListBucket', NotResource: '*' })],
  ['Sid on one statement only', doc([{ ...S, Sid: 'sdf' }, S])],
  ['date: year and T', withS({ Condition: { DateGreaterThan: { a: '01T' } } })],
  ['StringEqualsIfExists', withS({ Condition: { StringEqualsIfExists: { a: 'asf' } } })],
  ['ForAnyValue + IfExists', withS({ Condition: { 'ForAnyValue:StringEqualsIfExists': { a: 'asf' } } })],
  ['date Z', withS({ Condition: { DateLessThanEquals: { a: '2019-07-01T13:20:15Z' } } })],
  [
    'date fraction + offset',
    withS({ Condition: { DateLessThanEquals: { a: '2016-12-13T21:20:37.593194+00:00' } } }),
  ],
  [
    'date one-digit hour, +23',
    withS({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+23' } } }),
  ],
  ['date negative offset', withS({ Condition: { DateLessThan: { a: '2016-12-13T21:20:37-05:00' } } })],
  ['date minimum year', withS({ Condition: { DateLessThan: { a: '-292275054' } } })],
  ['date epoch', withS({ Condition: { DateLessThan: { a: '1700000000' } } })],
  ['date epoch as number', withS({ Condition: { DateLessThan: { a: 1700000000 } } })],
  [
    'empty Sids repeat',
    doc([
      { ...S, Sid: '' },
      { ...S, Sid: '' },
    ]),
  ],
  [
    's3 access point with region',
    withS({ Resource: 'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*' }),
  ],
  ['s3 access grants with region', withS({ Resource: 'arn:aws:s3:*:*:access-grants/default/grant/*' })],
  ['nulls in lists are skipped', withS({ Action: ['s3:GetObject', null], Resource: [null, '*'] })],
  ['wildcard partition', withS({ Resource: 'arn:*:s3:::b' })],
  ['China partition', withS({ Resource: 'arn:aws-cn:s3:::b' })],
  ['no Version (inline)', { Statement: S }],
  ['2008-10-17 (inline)', { Version: '2008-10-17', Statement: S }],
  ['Effect Deny', withS({ Effect: 'Deny' })],
  ['Null operator', withS({ Condition: { Null: { 'aws:TokenIssueTime': 'true' } } })],
  ['ForAllValues:Null', withS({ Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'false' } } })],
];
for (const [name, document] of valid)
  test(`identity accepts: ${name}`, () => void accepts(document, 'identity'));

test('AST: single statement object, strings to lists, values stringified', () => {
  const ast = accepts(
    {
      Version: V,
      Id: 'P1',
      Statement: {
        Sid: 'A1',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: {
          NumericLessThan: { 's3:max-keys': 10 },
          Bool: { 'aws:SecureTransport': true },
          StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] },
        },
      },
    },
    'identity',
  );
  assert.deepEqual(ast, {
    version: V,
    id: 'P1',
    statements: [
      {
        index: 0,
        sid: 'A1',
        effect: 'Allow',
        action: ['s3:GetObject'],
        resource: ['*'],
        conditions: [
          { operator: 'NumericLessThan', key: 's3:max-keys', values: ['10'] },
          { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
          { operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['a', 'b'] },
        ],
      },
    ],
  });
});

test('AST: statement indexes, NotAction/NotResource, absent version', () => {
  const ast = accepts(
    { Statement: [S, { Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'arn:aws:s3:::x' }] },
    'identity',
  );
  assert.equal(ast.version, undefined);
  assert.deepEqual(
    ast.statements.map((s) => [s.index, s.effect, s.action, s.notAction, s.resource, s.notResource]),
    [
      [0, 'Allow', ['s3:ListBucket'], undefined, ['arn:aws:s3:::example_bucket'], undefined],
      [1, 'Deny', undefined, ['iam:*'], undefined, ['arn:aws:s3:::x']],
    ],
  );
});

test('accepts an already-parsed JSON value as well as text', () => {
  assert.deepEqual(accepts(JSON.stringify(doc(S)), 'identity'), accepts(doc(S), 'identity'));
});

interface Example {
  name: string;
  kind: PolicyKind;
  options?: ParseOptions;
  document: unknown;
}
// Tests run from the repository root, both under tsx and compiled into dist/.
const examples = JSON.parse(
  readFileSync(join(process.cwd(), 'test/fixtures/policies/aws-doc-examples.json'), 'utf8'),
) as Example[];
for (const ex of examples) {
  test(`AWS documentation example accepted: ${ex.name}`, () =>
    void accepts(ex.document, ex.kind, ex.options));
}
