// aws-chunked decoding with per-chunk signature verification, against AWS's published example
// (S3 API Reference, "Signature calculation: transfer payload in multiple chunks"): 66,560 bytes of 'a'
// in chunks of 65,536 and 1,024 bytes, signed 2013-05-24 with the documentation's example key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import {
  ChunkedDecoder,
  chunkSignature,
  deriveSigningKey,
  encodeSignedChunks,
  type ChunkSigning,
} from '../../../src/wire/sigv4/index.js';
import { createHash } from 'node:crypto';

const SIGNING: ChunkSigning = {
  key: deriveSigningKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524', 'us-east-1', 's3'),
  amzDate: '20130524T000000Z',
  scope: '20130524/us-east-1/s3/aws4_request',
  seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('chunk signatures match the AWS documentation example', () => {
  const c1 = chunkSignature(SIGNING, SIGNING.seedSignature, sha(Buffer.alloc(65536, 'a')));
  assert.equal(c1, 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648');
  const c2 = chunkSignature(SIGNING, c1, sha(Buffer.alloc(1024, 'a')));
  assert.equal(c2, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497');
  const c3 = chunkSignature(SIGNING, c2, sha(Buffer.alloc(0)));
  assert.equal(c3, 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9');
});

async function decode(body: Buffer, signing: ChunkSigning | undefined, trailer = false, pieces = 7) {
  const d = new ChunkedDecoder(signing, trailer);
  // Feed in odd-sized pieces so chunk headers and CRLFs straddle buffers.
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += pieces) parts.push(body.subarray(i, i + pieces));
  const out: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from(parts).pipe(d);
    d.on('data', (c: Buffer) => out.push(c));
    d.on('end', resolve);
    d.on('error', reject);
  });
  return { data: Buffer.concat(out), trailers: d.trailers };
}

test('the decoder passes the data of a correctly signed body through', async () => {
  const data = Buffer.alloc(66560, 'a');
  const body = encodeSignedChunks(data, 65536, SIGNING);
  const r = await decode(body, SIGNING, false, 1000);
  assert.ok(r.data.equals(data));
});

test('a tampered chunk, a wrong chunk signature or a truncated body fail', async () => {
  const data = Buffer.from('hello chunked world '.repeat(100));
  const good = encodeSignedChunks(data, 500, SIGNING);
  const tampered = Buffer.from(good);
  tampered[good.indexOf('hello') + 3] ^= 1;
  await assert.rejects(decode(tampered, SIGNING), { code: 'SignatureDoesNotMatch' });
  const otherSeed = encodeSignedChunks(data, 500, { ...SIGNING, seedSignature: 'f'.repeat(64) });
  await assert.rejects(decode(otherSeed, SIGNING), { code: 'SignatureDoesNotMatch' });
  await assert.rejects(decode(good.subarray(0, good.length - 90), SIGNING), { code: 'IncompleteBody' });
  // Reordering chunks breaks the chain even though each chunk is signed.
  const unsigned = Buffer.from('5\r\nhello\r\n0\r\n\r\n');
  await assert.rejects(decode(unsigned, SIGNING), { code: 'SignatureDoesNotMatch' });
});

test('unsigned chunks with a checksum trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
  const body = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
  const r = await decode(body, undefined, true, 3);
  assert.equal(r.data.toString(), 'hello world');
  assert.deepEqual(r.trailers, { 'x-amz-checksum-crc32': 'DUoRhQ==' });
  await assert.rejects(decode(Buffer.from('zz\r\nhello\r\n'), undefined, true), { code: 'InvalidRequest' });
});
