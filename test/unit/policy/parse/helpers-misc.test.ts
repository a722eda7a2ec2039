// Operator names, legacy Date values, and the size helper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseConditionOperator,
  isValidConditionOperator,
  policySizeWithoutWhitespace,
} from '../../../../src/policy/parse/index.js';
import { isLegacyDateValue } from '../../../../src/policy/parse/dates.js';

const BASES = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnNotEquals',
  'ArnLike',
  'ArnNotLike',
  'Null',
];

test('every base operator, with IfExists (except Null) and set prefixes', () => {
  for (const b of BASES) {
    for (const prefix of ['', 'ForAnyValue:', 'ForAllValues:']) {
      assert.equal(isValidConditionOperator(prefix + b), true, prefix + b);
      assert.equal(baseConditionOperator(prefix + b), b);
      assert.equal(isValidConditionOperator(prefix + b + 'IfExists'), b !== 'Null', prefix + b + 'IfExists');
    }
  }
});

test('invalid operator names', () => {
  for (const op of [
    '',
    'x',
    'stringequals',
    'StringEquals ',
    'ForAnyValue:',
    'ForAnyValue::StringEquals',
    'ForAllValues:ForAnyValue:StringLike',
    'StringEqualsIfExistsIfExists',
    'IfExists',
    'NullIfExists',
    'ForAnyvalue:StringEquals',
    'BinaryNotEquals',
    'StringMatches',
  ]) {
    assert.equal(isValidConditionOperator(op), false, op);
  }
});

test('legacy Date values', () => {
  for (const v of [
    '2019-07-01T13:20:15Z',
    '2016-12-13T21:20:37.593194+00:00',
    '2020-01-01',
    '2020',
    '01T',
    '0',
    '9223372036854775807',
    '-292275054',
    '2016-12-13t2:00:00.593194+23',
    '2020-01-01T10',
    '2020-01-01T10:30',
  ]) {
    assert.equal(isLegacyDateValue(v), true, v);
  }
  for (const v of [
    '',
    'sdfdsf',
    '234-13',
    '2016-12-13t2:00:00.593194+1',
    '9223372036854775808',
    '2020-13-01',
    '2020-01-32',
    '2020-01-01T24:00:00Z',
    '2020-01-01T10:60',
    '2020-01-01T10:00:61',
    '2020-01-01-01',
    '1.5',
    'true',
  ]) {
    assert.equal(isLegacyDateValue(v), false, v);
  }
});

test('policySizeWithoutWhitespace ignores spaces, tabs and newlines anywhere', () => {
  assert.equal(policySizeWithoutWhitespace(''), 0);
  assert.equal(policySizeWithoutWhitespace('{ "a" : "b c" }\n\t\r'), 10);
  const compact = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
  assert.equal(policySizeWithoutWhitespace(JSON.stringify(JSON.parse(compact), null, 2)), compact.length);
});
