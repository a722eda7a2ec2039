// Numeric and date operators: parsing, comparisons, non-numbers, missing keys, IfExists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { table } from './helpers.js';
import { parseNumber } from '../../../../src/policy/conditions/numeric.js';
import { parseDate } from '../../../../src/policy/conditions/date.js';

const mk = 's3:max-keys';
table('Numeric', [
  ['NumericLessThanEquals', mk, ['10'], { [mk]: '10' }, true], // AWS example
  ['NumericLessThanEquals', mk, ['10'], { [mk]: '11' }, false],
  ['NumericLessThanEquals', mk, ['10'], {}, false],
  ['NumericLessThanEqualsIfExists', mk, ['10'], {}, true],
  ['NumericEquals', 'n', ['10'], { n: '10.0' }, true],
  ['NumericEquals', 'n', ['10'], { n: '1e1' }, true],
  ['NumericEquals', 'n', ['0.5'], { n: '.5' }, true],
  ['NumericEquals', 'n', ['-3'], { n: '-3' }, true],
  ['NumericEquals', 'n', ['10'], { n: 'ten' }, false], // not a number: no match, no error
  ['NumericEquals', 'n', ['ten'], { n: '10' }, false], // bad policy value never matches
  ['NumericEquals', 'n', ['1', '2'], { n: '2' }, true],
  ['NumericEquals', 'n', ['10'], { n: 10 }, true], // coercion
  ['NumericNotEquals', 'n', ['1', '2'], { n: '2' }, false],
  ['NumericNotEquals', 'n', ['1', '2'], { n: '3' }, true],
  ['NumericNotEquals', 'n', ['1'], {}, true],
  ['NumericNotEquals', 'n', ['1'], { n: 'x' }, true],
  ['NumericLessThan', 'n', ['10'], { n: '9.999' }, true],
  ['NumericLessThan', 'n', ['10'], { n: '10' }, false],
  ['NumericGreaterThan', 'n', ['10'], { n: '10.001' }, true],
  ['NumericGreaterThan', 'n', ['10'], { n: '10' }, false],
  ['NumericGreaterThanEquals', 'n', ['10'], { n: '10' }, true],
  ['NumericGreaterThanEquals', 'n', ['10'], { n: '9' }, false],
  ['NumericGreaterThanEquals', 'n', ['10'], { n: '' }, false],
  ['NumericEquals', 'n', ['${aws:x}'], { n: '5', 'aws:x': '5' }, false], // no variables in Numeric
]);

const ct = 'aws:CurrentTime';
table('Date', [
  [
    'DateGreaterThan',
    'aws:TokenIssueTime',
    ['2020-01-01T00:00:01Z'],
    { 'aws:TokenIssueTime': '2020-01-01T00:00:02Z' },
    true,
  ],
  ['DateGreaterThan', 'aws:TokenIssueTime', ['2020-01-01T00:00:01Z'], {}, false],
  ['DateLessThan', ct, ['2013-06-30T00:00:00Z'], { [ct]: '2013-06-29T23:59:59Z' }, true],
  ['DateLessThan', ct, ['2013-06-30T00:00:00Z'], { [ct]: '2013-06-30T00:00:00Z' }, false],
  ['DateLessThanEquals', ct, ['2013-06-30T00:00:00Z'], { [ct]: '2013-06-30T00:00:00Z' }, true],
  ['DateEquals', ct, ['2013-06-30'], { [ct]: '2013-06-30T00:00:00Z' }, true], // date only = midnight UTC
  ['DateEquals', ct, ['2013-06-30T02:00:00+02:00'], { [ct]: '2013-06-30T00:00:00Z' }, true], // zones
  ['DateEquals', ct, ['2013-06-30T00:00:00-0130'], { [ct]: '2013-06-30T01:30:00Z' }, true],
  ['DateEquals', ct, ['2013-06-30T00:00:00.500Z'], { [ct]: '2013-06-30T00:00:00.5Z' }, true], // fractions
  ['DateEquals', ct, ['20130630T000000Z'], { [ct]: '2013-06-30T00:00:00Z' }, true], // basic format
  ['DateEquals', ct, ['1372550400'], { [ct]: '2013-06-30T00:00:00Z' }, true], // epoch seconds
  ['DateLessThan', 'aws:EpochTime', ['2013-06-30T00:00:00Z'], { 'aws:EpochTime': '1372550399' }, true],
  ['DateLessThan', 'aws:EpochTime', ['2013-06-30T00:00:00Z'], { 'aws:EpochTime': 1372550400 }, false],
  ['DateEquals', ct, ['2013-06-30T00:00Z'], { [ct]: '2013-06-30T00:00:00Z' }, true], // minutes only
  ['DateEquals', ct, ['not a date'], { [ct]: 'not a date' }, false],
  ['DateLessThan', ct, ['2013-06-30T00:00:00Z'], { [ct]: 'yesterday' }, false],
  ['DateNotEquals', ct, ['2013-06-30T00:00:00Z'], { [ct]: 'yesterday' }, true],
  ['DateNotEquals', ct, ['2013-06-30T00:00:00Z'], { [ct]: '2013-06-30T00:00:00Z' }, false],
  ['DateNotEquals', ct, ['2013-06-30T00:00:00Z'], {}, true],
  ['DateGreaterThanEquals', ct, ['2013-06-30T00:00:00Z'], { [ct]: '2013-06-30T00:00:00Z' }, true],
  ['DateGreaterThanEqualsIfExists', ct, ['2013-06-30T00:00:00Z'], {}, true],
  ['DateEquals', ct, ['2013-02-31'], { [ct]: '2013-03-03' }, false], // invalid day is not rolled over
]);

test('parseNumber', () => {
  for (const [s, n] of [
    ['1', 1],
    ['+1', 1],
    ['-1.5', -1.5],
    ['1.', 1],
    ['.25', 0.25],
    ['2E3', 2000],
  ] as const)
    assert.equal(parseNumber(s), n, s);
  for (const s of ['', ' 1', '1 ', '0x10', 'NaN', 'Infinity', '1,5', '--1', '.'])
    assert.ok(Number.isNaN(parseNumber(s)), s);
});

test('parseDate', () => {
  assert.equal(parseDate('1970-01-01T00:00:00Z'), 0);
  assert.equal(parseDate('1970-01-01T00:00:01.25Z'), 1250);
  assert.equal(parseDate('1970'), 1970_000); // bare integer = epoch seconds
  assert.equal(parseDate('2016-12-31T23:59:60Z'), Date.UTC(2017, 0, 1)); // leap second
  assert.equal(parseDate('2020-01-01T24:00:00Z'), Date.UTC(2020, 0, 2));
  for (const s of [
    '2020-13-01',
    '2020-00-10',
    '2020-01-01T25:00Z',
    '2020-01-01T10:60Z',
    '2020-1-1',
    '2020-01-01T10Z',
    'x',
    '2021-02-29',
  ])
    assert.ok(Number.isNaN(parseDate(s)), s);
  assert.equal(parseDate('2020-02-29'), Date.UTC(2020, 1, 29));
});
