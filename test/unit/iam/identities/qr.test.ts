import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import {
  dataCodewords,
  encodeQr,
  formatBits,
  gfMul,
  rsDivisor,
  rsRemainder,
  withEcc,
} from '../../../../src/services/iam/mfa/qr.js';
import { crc32, PNG_SIGNATURE, qrPng } from '../../../../src/services/iam/mfa/png.js';

test('format bits are the standard ones for level M (ISO 18004 table C.1)', () => {
  const m = [
    '101010000010010',
    '101000100100101',
    '101111001111100',
    '101101101001011',
    '100010111111001',
    '100000011001110',
    '100111110010111',
    '100101010100000',
  ];
  m.forEach((bits, mask) =>
    assert.equal(formatBits(mask).toString(2).padStart(15, '0'), bits, `mask ${mask}`),
  );
});

test('data capacities match the standard for level M', () => {
  const known: Record<number, number> = {
    1: 16,
    2: 28,
    3: 44,
    5: 86,
    7: 124,
    10: 216,
    15: 415,
    20: 669,
    40: 2334,
  };
  for (const [v, n] of Object.entries(known)) assert.equal(dataCodewords(Number(v)), n, `version ${v}`);
});

function evalPoly(coeffs: readonly number[], x: number): number {
  let y = 0;
  for (const c of coeffs) y = gfMul(y, x) ^ c;
  return y;
}

test('Reed-Solomon codewords have zero syndromes (divisible by the generator)', () => {
  const data = Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff);
  for (const degree of [7, 10, 16, 26, 30]) {
    const cw = [...data, ...rsRemainder(data, rsDivisor(degree))];
    let alpha = 1;
    for (let i = 0; i < degree; i++) {
      assert.equal(evalPoly(cw, alpha), 0, `degree ${degree}, root ${i}`);
      alpha = gfMul(alpha, 2);
    }
  }
});

test('interleaving keeps every codeword (version 5-M: 2 blocks of 43 data + 24 ECC)', () => {
  const data = Array.from({ length: dataCodewords(5) }, (_, i) => i);
  const out = withEcc(data, 5);
  assert.equal(out.length, 134);
  assert.deepEqual(out.slice(0, 4), [0, 43, 1, 44]);
});

test('a QR code has finder patterns, timing patterns and the dark module', () => {
  const uri = 'otpauth://totp/alice-mfa@123456789012?secret=' + 'A'.repeat(64);
  const { version, modules } = encodeQr(uri);
  const n = modules.length;
  assert.equal(n, version * 4 + 17);
  assert.ok(version >= 6 && version <= 8, `version ${version}`);
  const finder = (x0: number, y0: number) => {
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 7; x++) {
        const d = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        assert.equal(modules[y0 + y]![x0 + x], d !== 2, `finder at ${x0},${y0}`);
      }
    }
  };
  finder(0, 0);
  finder(n - 7, 0);
  finder(0, n - 7);
  for (let i = 8; i < n - 8; i++) assert.equal(modules[6]![i], i % 2 === 0);
  assert.equal(modules[n - 8]![8], true);
});

test('the PNG is valid: signature, CRCs, and pixels equal to the modules', () => {
  const { modules } = encodeQr('otpauth://totp/x@y?secret=ABC');
  const png = qrPng(modules, 2);
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
  let off = 8;
  const chunks: { type: string; data: Buffer }[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.subarray(off + 4, off + 8).toString('latin1');
    const data = png.subarray(off + 8, off + 8 + len);
    assert.equal(png.readUInt32BE(off + 8 + len), crc32(png.subarray(off + 4, off + 8 + len)), `${type} CRC`);
    chunks.push({ type, data });
    off += 12 + len;
  }
  assert.deepEqual(
    chunks.map((c) => c.type),
    ['IHDR', 'IDAT', 'IEND'],
  );
  const side = chunks[0]!.data.readUInt32BE(0);
  assert.equal(side, (modules.length + 8) * 2);
  const raw = inflateSync(chunks[1]!.data);
  const px = (x: number, y: number) => raw[y * (side + 1) + 1 + x];
  for (let my = 0; my < modules.length; my++) {
    for (let mx = 0; mx < modules.length; mx++)
      assert.equal(px((mx + 4) * 2, (my + 4) * 2), modules[my]![mx] ? 0 : 255);
  }
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});
