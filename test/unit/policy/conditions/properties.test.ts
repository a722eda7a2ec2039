// Property-based checks of the condition operators against simple reference implementations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from './helpers.js';
import { compilePattern } from '../../../../src/policy/conditions/index.js';
import { makeContext } from '../../../../src/policy/context.js';

const noWild = fc.string({ maxLength: 12 }).filter((s) => !/[*?$]/.test(s));
const alpha = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 8 });
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 10 });

/** Reference wildcard matcher: a regex built from the pattern. */
function refLike(pattern: string, s: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[\\s\\S]*')
      .replace(/\?/g, '[\\s\\S]')}$`,
  );
  return re.test(s);
}

test('property: StringLike without wildcards ≡ StringEquals', () => {
  fc.assert(
    fc.property(noWild, fc.string({ maxLength: 12 }), (p, v) => {
      assert.equal(evaluate('StringLike', 'k', [p], { k: v }), evaluate('StringEquals', 'k', [p], { k: v }));
      assert.equal(evaluate('StringLike', 'k', [p], { k: p }), true);
    }),
  );
});

test('property: StringLike agrees with a regex reference', () => {
  fc.assert(
    fc.property(alpha, text, (p, v) =>
      assert.equal(evaluate('StringLike', 'k', [p], { k: v }), refLike(p, v)),
    ),
    {
      numRuns: 2000,
    },
  );
});

test('property: compilePattern ignoreCase ≡ matching lowercased strings', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', 'B', '*', '?'), maxLength: 8 }),
      fc.string({ unit: fc.constantFrom('A', 'b'), maxLength: 8 }),
      (p, v) => {
        const t = compilePattern(p, { variables: false, ignoreCase: true });
        assert.equal(t(v, makeContext({})), refLike(p.toLowerCase(), v.toLowerCase()));
      },
    ),
  );
});

const pairs: [string, string][] = [
  ['StringEquals', 'StringNotEquals'],
  ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
  ['StringLike', 'StringNotLike'],
  ['NumericEquals', 'NumericNotEquals'],
  ['DateEquals', 'DateNotEquals'],
  ['IpAddress', 'NotIpAddress'],
  ['ArnLike', 'ArnNotLike'],
  ['ArnEquals', 'ArnNotEquals'],
];
const anyValue = fc.oneof(
  text,
  fc.integer({ min: 0, max: 20 }).map(String),
  fc.constantFrom(
    '10.0.0.1',
    '10.0.0.0/8',
    '2001:db8::1',
    '::ffff:10.0.0.1',
    'arn:aws:s3:::a',
    'arn:aws:s3:::*',
    '2020-01-01',
    '1577836800',
  ),
);

test('property: NotX ≡ !X when the key is present (single-valued, no variables)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...pairs),
      fc.array(anyValue, { minLength: 1, maxLength: 3 }),
      anyValue,
      ([pos, neg], values, v) => {
        assert.equal(evaluate(neg, 'k', values, { k: v }), !evaluate(pos, 'k', values, { k: v }));
      },
    ),
    { numRuns: 2000 },
  );
});

test('property: missing key → X false, NotX true, XIfExists true, ForAllValues true, ForAnyValue false', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...pairs),
      fc.array(anyValue, { minLength: 1, maxLength: 3 }),
      ([pos, neg], values) => {
        assert.equal(evaluate(pos, 'k', values, {}), false);
        assert.equal(evaluate(neg, 'k', values, {}), true);
        assert.equal(evaluate(`${pos}IfExists`, 'k', values, {}), true);
        assert.equal(evaluate(`ForAllValues:${pos}`, 'k', values, {}), true);
        assert.equal(evaluate(`ForAnyValue:${pos}`, 'k', values, {}), false);
      },
    ),
  );
});

test('property: ForAnyValue/ForAllValues ≡ some/every of the single-valued operator', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...pairs.flat()),
      fc.array(anyValue, { minLength: 1, maxLength: 3 }),
      fc.array(anyValue, { minLength: 1, maxLength: 4 }),
      (op, values, request) => {
        const single = request.map((r) => evaluate(op, 'k', values, { k: r }));
        assert.equal(evaluate(`ForAnyValue:${op}`, 'k', values, { k: request }), single.some(Boolean));
        assert.equal(evaluate(`ForAllValues:${op}`, 'k', values, { k: request }), single.every(Boolean));
      },
    ),
    { numRuns: 1000 },
  );
});

/** Reference IPv4-in-CIDR on bigint. */
function refIn4(addr: number[], net: number[], prefix: number): boolean {
  const toBig = (a: number[]) => a.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
  const mask = prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - prefix)) - 1n);
  return (toBig(addr) & mask) === (toBig(net) & mask);
}
const octets = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 });

test('property: IPv4 in CIDR agrees with a bigint reference (plain and IPv4-mapped requests)', () => {
  fc.assert(
    fc.property(octets, octets, fc.integer({ min: 0, max: 32 }), (a, n, p) => {
      const want = refIn4(a, n, p);
      assert.equal(evaluate('IpAddress', 'ip', [`${n.join('.')}/${p}`], { ip: a.join('.') }), want);
      assert.equal(
        evaluate('IpAddress', 'ip', [`${n.join('.')}/${p}`], { ip: `::ffff:${a.join('.')}` }),
        want,
      );
      assert.equal(
        evaluate('IpAddress', 'ip', [`::ffff:${n.join('.')}/${96 + p}`], { ip: a.join('.') }),
        want,
      );
    }),
    { numRuns: 2000 },
  );
});

const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
function refIn6(a: number[], n: number[], prefix: number): boolean {
  const toBig = (g: number[]) => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
  const all = (1n << 128n) - 1n;
  const mask = prefix === 0 ? 0n : all ^ ((1n << BigInt(128 - prefix)) - 1n);
  return (toBig(a) & mask) === (toBig(n) & mask);
}

test('property: IPv6 in CIDR agrees with a bigint reference (full and compressed forms)', () => {
  fc.assert(
    fc.property(groups, groups, fc.integer({ min: 0, max: 128 }), fc.boolean(), (a, n, p, share) => {
      // Share a prefix half the time so matches actually occur.
      const addr = share ? [...n.slice(0, 4), ...a.slice(4)] : a;
      if (
        addr[0] === 0 &&
        addr[1] === 0 &&
        addr[2] === 0 &&
        addr[3] === 0 &&
        addr[4] === 0 &&
        addr[5] === 0xffff
      )
        return; // mapped: IPv4 semantics
      const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
      const want = refIn6(addr, n, p);
      assert.equal(evaluate('IpAddress', 'ip', [`${hex(n)}/${p}`], { ip: hex(addr) }), want);
      const compressed = hex(addr).replace(/(^|:)0(:0)+(:|$)/, '::');
      assert.equal(evaluate('IpAddress', 'ip', [`${hex(n)}/${p}`], { ip: compressed }), want, compressed);
    }),
    { numRuns: 2000 },
  );
});

test('property: a variable value is literal in StringLike', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '*', '?'), maxLength: 6 }), text, (name, v) => {
      assert.equal(
        evaluate('StringLike', 'k', ['${aws:username}'], { k: v, 'aws:username': name }),
        v === name,
      );
    }),
  );
});
