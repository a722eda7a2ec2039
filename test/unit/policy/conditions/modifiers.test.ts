// Set operators, IfExists, multi-valued keys, clause lists, key listing, operator parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { table } from './helpers.js';
import {
  compileCondition,
  compileConditions,
  conditionKeys,
  CONDITION_OPERATORS,
  parseOperator,
} from '../../../../src/policy/conditions/index.js';
import { makeContext } from '../../../../src/policy/context.js';

const tk = 'aws:TagKeys';
// Rows from the AWS "multivalued context keys" examples where they exist.
table('ForAllValues', [
  ['ForAllValues:StringLike', tk, ['key1*'], { [tk]: ['key1:legal'] }, true],
  ['ForAllValues:StringLike', tk, ['key1*'], { [tk]: ['key1:hr', 'key2:x'] }, false],
  ['ForAllValues:StringNotLike', tk, ['key1*'], { [tk]: ['key1:legal'] }, false], // AWS table: no match
  ['ForAllValues:StringNotLike', tk, ['key1*'], { [tk]: ['key1:hr', 'key1:personnel'] }, false],
  ['ForAllValues:StringNotLike', tk, ['key1*'], { [tk]: ['key2:audit'] }, true],
  ['ForAllValues:StringNotLike', tk, ['key1*'], {}, true], // missing → true
  ['ForAllValues:StringEquals', tk, ['a', 'b'], { [tk]: ['a', 'b'] }, true], // subset
  ['ForAllValues:StringEquals', tk, ['a', 'b'], { [tk]: ['a'] }, true],
  ['ForAllValues:StringEquals', tk, ['a', 'b'], { [tk]: ['a', 'c'] }, false],
  ['ForAllValues:StringEquals', tk, ['a'], {}, true], // the footgun
  ['ForAllValues:StringEquals', tk, ['a'], { [tk]: [] }, true], // empty set
  ['ForAllValues:StringEquals', tk, ['a'], { [tk]: '' }, true], // empty string = null data set
  ['ForAllValues:StringEquals', tk, ['a'], { [tk]: 'a' }, true], // single value = one-element set
  ['ForAllValues:StringEquals', tk, ['a'], { [tk]: 'b' }, false],
  ['ForAllValues:StringEqualsIgnoreCase', tk, ['a'], { [tk]: ['A', 'a'] }, true],
  ['ForAllValues:NumericLessThan', 'n', ['10'], { n: ['1', '9'] }, true],
  ['ForAllValues:NumericLessThan', 'n', ['10'], { n: ['1', '10'] }, false],
  ['ForAllValues:StringEqualsIfExists', tk, ['a'], {}, true],
]);

table('ForAnyValue', [
  ['ForAnyValue:StringEquals', tk, ['environment', 'cost-center'], { [tk]: ['environment'] }, true],
  ['ForAnyValue:StringEquals', tk, ['environment', 'cost-center'], { [tk]: ['dept', 'cost-center'] }, true],
  ['ForAnyValue:StringEquals', tk, ['environment', 'cost-center'], { [tk]: ['dept'] }, false],
  ['ForAnyValue:StringEquals', tk, ['environment'], {}, false], // missing → false
  ['ForAnyValue:StringEquals', tk, ['environment'], { [tk]: [] }, false], // empty → false
  ['ForAnyValue:StringEquals', tk, ['environment'], { [tk]: 'environment' }, true],
  ['ForAnyValue:StringEqualsIfExists', tk, ['environment'], {}, true],
  ['ForAnyValue:StringNotEquals', tk, ['a', 'b'], { [tk]: ['a', 'c'] }, true], // some value matches none
  ['ForAnyValue:StringNotEquals', tk, ['a', 'b'], { [tk]: ['a', 'b'] }, false],
  ['ForAnyValue:StringNotEquals', tk, ['a'], {}, false],
  [
    'ForAnyValue:StringLike',
    'aws:PrincipalOrgPaths',
    ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'],
    { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'] },
    true,
  ],
  ['ForAnyValue:ArnLike', 'k', ['arn:aws:iam::*:role/a'], { k: ['x', 'arn:aws:iam::1:role/a'] }, true],
  ['ForAnyValue:IpAddress', 'k', ['10.0.0.0/8'], { k: ['192.0.2.1', '10.9.9.9'] }, true],
  [
    'ForAnyValue:StringEquals',
    'aws:CalledVia',
    ['cloudformation.amazonaws.com'],
    { 'aws:CalledVia': ['athena.amazonaws.com', 'cloudformation.amazonaws.com'] },
    true,
  ],
]);

table('Plain operators on multi-valued keys (no match: AWS requires a set operator)', [
  ['StringEquals', tk, ['a'], { [tk]: ['a'] }, false],
  ['StringEquals', tk, ['a'], { [tk]: ['a', 'b'] }, false],
  ['StringNotEquals', tk, ['a'], { [tk]: ['b'] }, false],
  ['StringEqualsIfExists', tk, ['a'], { [tk]: ['a'] }, false],
  ['StringEquals', tk, ['a'], { [tk]: [] }, false], // empty list = missing
  ['StringNotEquals', tk, ['a'], { [tk]: [] }, true],
  ['StringEqualsIfExists', tk, ['a'], { [tk]: [] }, true],
]);

test('compileConditions: none → undefined; several → AND', () => {
  assert.equal(compileConditions([]), undefined);
  const t = compileConditions(
    [
      { operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['red'] },
      { operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8'] },
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
    ],
    '2012-10-17',
  );
  assert.ok(t);
  const base = { 'aws:PrincipalTag/team': 'red', 'aws:SourceIp': '10.1.1.1', 'aws:SecureTransport': true };
  assert.equal(t(makeContext(base)), true);
  assert.equal(t(makeContext({ ...base, 'aws:SourceIp': '11.1.1.1' })), false);
  assert.equal(t(makeContext({ ...base, 'aws:SecureTransport': false })), false);
  assert.equal(t(makeContext({ ...base, 'aws:PrincipalTag/team': 'blue' })), false);
  const two = compileConditions([
    { operator: 'StringEquals', key: 'a', values: ['1'] },
    { operator: 'StringEquals', key: 'b', values: ['2'] },
  ]);
  assert.equal(two?.(makeContext({ a: '1', b: '2' })), true);
  assert.equal(two?.(makeContext({ a: '1', b: '3' })), false);
  const one = compileConditions([{ operator: 'StringEquals', key: 'a', values: ['1'] }]);
  assert.equal(one?.(makeContext({ a: '1' })), true);
});

test('compileCondition throws on unknown operators', () => {
  for (const op of [
    'StringEqual',
    'NullIfExists',
    'ForSomeValues:StringEquals',
    'IfExists',
    'StringEqualsIfExistsIfExists',
    '',
  ])
    assert.throws(
      () => compileCondition({ operator: op, key: 'k', values: ['v'] }),
      /Unknown condition operator/,
      op,
    );
});

test('operator names: 27 base operators, case-insensitive, IfExists on all but Null', () => {
  assert.equal(CONDITION_OPERATORS.length, 27);
  assert.equal(new Set(CONDITION_OPERATORS).size, 27);
  for (const name of CONDITION_OPERATORS) {
    assert.ok(parseOperator(name), name);
    assert.ok(parseOperator(name.toUpperCase()), name);
    assert.ok(parseOperator(`ForAnyValue:${name}`), name);
    assert.equal(parseOperator(`${name}IfExists`) !== undefined, name !== 'Null', name);
  }
  assert.deepEqual(parseOperator('forallvalues:stringlikeifexists'), {
    set: 'ForAllValues',
    ifExists: true,
    spec: parseOperator('StringLike')?.spec,
  });
});

test('conditionKeys: as written, once each (case-insensitive), in order', () => {
  assert.deepEqual(
    conditionKeys([
      { operator: 'StringEquals', key: 'aws:PrincipalTag/Team', values: ['x'] },
      { operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8'] },
      { operator: 'StringLike', key: 'AWS:principaltag/team', values: ['y'] },
      { operator: 'Null', key: 'aws:TokenIssueTime', values: ['true'] },
    ]),
    ['aws:PrincipalTag/Team', 'aws:SourceIp', 'aws:TokenIssueTime'],
  );
  assert.deepEqual(conditionKeys([]), []);
});
