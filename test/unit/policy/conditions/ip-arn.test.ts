// IpAddress/NotIpAddress and the ARN operators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, table } from './helpers.js';
import { parseCidr, parseIPv4, parseIPv6 } from '../../../../src/policy/conditions/ip-address.js';

const ip = 'aws:SourceIp';
table('IpAddress', [
  ['IpAddress', ip, ['203.0.113.0/24'], { [ip]: '203.0.113.255' }, true], // AWS example
  ['IpAddress', ip, ['203.0.113.0/24'], { [ip]: '203.0.114.0' }, false],
  [
    'IpAddress',
    ip,
    ['203.0.113.0/24', '2001:DB8:1234:5678::/64'],
    { [ip]: '2001:db8:1234:5678:abcd::1' },
    true,
  ],
  ['IpAddress', ip, ['203.0.113.0/24', '2001:DB8:1234:5678::/64'], { [ip]: '2001:db8:1234:5679::1' }, false],
  ['IpAddress', ip, ['203.0.113.5'], { [ip]: '203.0.113.5' }, true], // single address = /32
  ['IpAddress', ip, ['203.0.113.5'], { [ip]: '203.0.113.6' }, false],
  ['IpAddress', ip, ['203.0.113.5/24'], { [ip]: '203.0.113.77' }, true], // host bits masked
  ['IpAddress', ip, ['0.0.0.0/0'], { [ip]: '255.255.255.255' }, true],
  ['IpAddress', ip, ['10.0.0.0/8'], { [ip]: '::ffff:10.1.2.3' }, true], // mapped request
  ['IpAddress', ip, ['10.0.0.0/8'], { [ip]: '::ffff:a01:203' }, true],
  ['IpAddress', ip, ['::ffff:10.0.0.0/104'], { [ip]: '10.1.2.3' }, true], // mapped block
  ['IpAddress', ip, ['::ffff:10.0.0.0/104'], { [ip]: '11.1.2.3' }, false],
  ['IpAddress', ip, ['::/0'], { [ip]: '192.0.2.1' }, true],
  ['IpAddress', ip, ['2001:db8::/32'], { [ip]: '192.0.2.1' }, false],
  ['IpAddress', ip, ['10.0.0.0/8'], { [ip]: '2001:db8::1' }, false],
  ['IpAddress', ip, ['2001:db8::1'], { [ip]: '2001:0db8:0000:0000:0000:0000:0000:0001' }, true],
  ['IpAddress', ip, ['10.0.0.0/8'], { [ip]: 'athena.amazonaws.com' }, false], // service call
  ['IpAddress', ip, ['10.0.0.0/8'], {}, false],
  ['IpAddress', ip, ['not-an-ip'], { [ip]: '10.0.0.1' }, false],
  ['IpAddressIfExists', ip, ['10.0.0.0/8'], {}, true],
  ['NotIpAddress', ip, ['203.0.113.0/24'], { [ip]: '198.51.100.1' }, true],
  ['NotIpAddress', ip, ['203.0.113.0/24'], { [ip]: '203.0.113.1' }, false],
  ['NotIpAddress', ip, ['203.0.113.0/24', '198.51.100.0/24'], { [ip]: '198.51.100.1' }, false],
  ['NotIpAddress', ip, ['203.0.113.0/24'], { [ip]: 'athena.amazonaws.com' }, true], // AWS footgun kept
  ['NotIpAddress', ip, ['203.0.113.0/24'], {}, true],
  ['NotIpAddressIfExists', ip, ['203.0.113.0/24'], {}, true],
]);

test('parseIPv4', () => {
  assert.equal(parseIPv4('0.0.0.0'), 0);
  assert.equal(parseIPv4('255.255.255.255'), 0xffffffff);
  assert.equal(parseIPv4('1.2.3.4'), 0x01020304);
  for (const s of [
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1..2.3',
    '1.2.3.4 ',
    'a.b.c.d',
    '1234.1.1.1',
    '-1.2.3.4',
  ])
    assert.equal(parseIPv4(s), -1, s);
});

test('parseIPv6', () => {
  const w = new Uint32Array(4);
  const ok = (s: string, words: number[]) => {
    assert.equal(parseIPv6(s, w), true, s);
    assert.deepEqual([...w], words, s);
  };
  ok('::', [0, 0, 0, 0]);
  ok('::1', [0, 0, 0, 1]);
  ok('1::', [0x00010000, 0, 0, 0]);
  ok('2001:db8::ff00:42:8329', [0x20010db8, 0, 0x0000ff00, 0x00428329]);
  ok('2001:0db8:0000:0000:0000:ff00:0042:8329', [0x20010db8, 0, 0x0000ff00, 0x00428329]);
  ok('::ffff:192.0.2.128', [0, 0, 0xffff, 0xc0000280]);
  ok('1:2:3:4:5:6:7:8', [0x00010002, 0x00030004, 0x00050006, 0x00070008]);
  for (const s of [
    '',
    ':',
    ':::',
    '1:2',
    '1::2::3',
    '12345::',
    '1:2:3:4:5:6:7:8:9',
    'g::',
    '1:',
    ':1',
    'fe80::1%eth0',
    '::1.2.3',
    '1:2:3:4:5:6:7::8',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])
    assert.equal(parseIPv6(s, w), false, s);
});

test('parseCidr rejects malformed blocks', () => {
  for (const s of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/a', '::/129', 'x/8', '10.0.0.0/8/8'])
    assert.equal(parseCidr(s), undefined, s);
  assert.deepEqual(parseCidr('10.1.2.3/8'), { family: 4, lo: 0x0a000000, hi: 0x0affffff });
});

const sa = 'aws:SourceArn';
table('ArnLike/ArnEquals', [
  [
    'ArnEquals',
    sa,
    ['arn:aws:sns:REGION:123456789012:TOPIC-ID'],
    { [sa]: 'arn:aws:sns:REGION:123456789012:TOPIC-ID' },
    true,
  ], // AWS example
  ['ArnEquals', sa, ['arn:aws:sns:*:123456789012:*'], { [sa]: 'arn:aws:sns:us-east-1:123456789012:t' }, true], // ArnEquals takes wildcards too
  ['ArnLike', sa, ['arn:aws:s3:::my-bucket/*'], { [sa]: 'arn:aws:s3:::my-bucket/a/b' }, true],
  ['ArnLike', sa, ['arn:aws:s3:::my-bucket/*'], { [sa]: 'arn:aws:s3:::other/a' }, false],
  [
    'ArnLike',
    sa,
    ['arn:aws:*:*:123456789012:*'],
    { [sa]: 'arn:aws:logs:us-east-1:123456789012:log-group:g:*' },
    true,
  ], // colons in resource
  ['ArnLike', sa, ['arn:aws:iam::*:role/x'], { [sa]: 'arn:aws:iam::123:extra:role/x' }, false], // * can't cross ':' before resource
  ['ArnLike', sa, ['arn:aws:iam::1?3:role/*'], { [sa]: 'arn:aws:iam::123:role/a' }, true],
  ['ArnLike', sa, ['arn:aws:iam::1?3:role/*'], { [sa]: 'arn:aws:iam::13:role/a' }, false],
  ['ArnLike', sa, ['arn:aws:iam::123:role/X'], { [sa]: 'arn:aws:iam::123:role/x' }, false], // case-sensitive
  ['ArnLike', sa, ['arn:*'], { [sa]: 'arn:aws:iam::123:role/x' }, false], // fewer than 6 components in policy
  ['ArnLike', sa, ['arn:*:*:*:*:*'], { [sa]: 'arn:aws:iam::123:role/x' }, true],
  ['ArnLike', sa, ['arn:*:*:*:*:*'], { [sa]: 'not:an:arn' }, false],
  [
    'ArnLike',
    sa,
    ['arn:aws:iam::${aws:PrincipalAccount}:role/*'],
    { [sa]: 'arn:aws:iam::123:role/r', 'aws:PrincipalAccount': '123' },
    true,
  ],
  [
    'ArnLike',
    sa,
    ['arn:aws:iam::${aws:PrincipalAccount}:role/*'],
    { [sa]: 'arn:aws:iam::124:role/r', 'aws:PrincipalAccount': '123' },
    false,
  ],
  [
    'ArnLike',
    sa,
    ['arn:aws:iam::${aws:PrincipalAccount}:role/*'],
    { [sa]: 'arn:aws:iam::123:role/r' },
    false,
  ], // unresolvable
  [
    'ArnLike',
    sa,
    ['arn:aws:s3:::b/${aws:username}'],
    { [sa]: 'arn:aws:s3:::b/x', 'aws:username': '*' },
    false,
  ], // literal value
  ['ArnLike', sa, ['arn:aws:s3:::b/x'], {}, false],
  ['ArnLikeIfExists', sa, ['arn:aws:s3:::b/x'], {}, true],
  ['ArnNotLike', sa, ['arn:aws:s3:::b/*'], { [sa]: 'arn:aws:s3:::c/1' }, true],
  ['ArnNotLike', sa, ['arn:aws:s3:::b/*'], { [sa]: 'arn:aws:s3:::b/1' }, false],
  ['ArnNotLike', sa, ['arn:aws:s3:::b/*'], {}, true],
  ['ArnNotEquals', sa, ['arn:aws:s3:::b/*', 'arn:aws:s3:::c/*'], { [sa]: 'arn:aws:s3:::c/1' }, false],
  ['ArnNotEquals', sa, ['arn:aws:s3:::b/*'], { [sa]: 'garbage' }, true],
]);

test('the remembered request address never leaks between different values', () => {
  const seq: [string, boolean][] = [
    ['10.0.0.1', true],
    ['10.0.0.1', true],
    ['2001:db8::1', true],
    ['2001:db9::1', false],
    ['bogus', false],
    ['::ffff:10.2.3.4', true],
    ['11.0.0.1', false],
    ['10.0.0.1', true],
  ];
  for (const [v, want] of seq) {
    assert.equal(evaluate('IpAddress', 'ip', ['10.0.0.0/8', '2001:db8::/32'], { ip: v }), want, v);
    assert.equal(evaluate('NotIpAddress', 'ip', ['10.0.0.0/8', '2001:db8::/32'], { ip: v }), !want, v);
  }
});
