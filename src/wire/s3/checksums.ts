// The digests S3 computes over a body while it streams: MD5 (the ETag, Content-MD5), SHA-256 (a signed
// x-amz-content-sha256) and one x-amz-checksum-* algorithm (CRC32, CRC32C, SHA1, SHA256), each fed
// chunk by chunk so that no object is ever held in memory.
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'];

export function checksumHeader(alg: ChecksumAlgorithm): string {
  return `x-amz-checksum-${alg.toLowerCase()}`;
}

/** Castagnoli CRC table (reflected polynomial 0x82F63B78). */
const CRC32C_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32c(data: Uint8Array, previous = 0): number {
  let c = ~previous;
  for (let i = 0; i < data.length; i++) c = CRC32C_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function crcBase64(v: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b.toString('base64');
}

/** An incremental x-amz-checksum-* value (base64, as S3 shows it). */
export interface Checksummer {
  update(chunk: Buffer): void;
  digest(): string;
}

/** digest() may be called any number of times (node's Hash.digest only once). */
export function checksummer(alg: ChecksumAlgorithm): Checksummer {
  const c = rawChecksummer(alg);
  let memo: string | undefined;
  return { update: (b) => c.update(b), digest: () => (memo ??= c.digest()) };
}

function rawChecksummer(alg: ChecksumAlgorithm): Checksummer {
  if (alg === 'CRC32' || alg === 'CRC32C') {
    let v = 0;
    const f = alg === 'CRC32' ? (d: Buffer, p: number) => crc32(d, p) : crc32c;
    return { update: (c) => (v = f(c, v)), digest: () => crcBase64(v) };
  }
  const h: Hash = createHash(alg === 'SHA1' ? 'sha1' : 'sha256');
  return { update: (c) => void h.update(c), digest: () => h.digest('base64') };
}

/** The digests of one body. */
export class BodyDigests {
  readonly md5 = createHash('md5');
  readonly sha256: Hash | undefined;
  readonly checksum: Checksummer | undefined;
  size = 0;
  constructor(
    wantSha256: boolean,
    readonly algorithm: ChecksumAlgorithm | undefined,
  ) {
    this.sha256 = wantSha256 ? createHash('sha256') : undefined;
    this.checksum = algorithm ? checksummer(algorithm) : undefined;
  }
  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
  }
}

/** S3's multipart ETag: md5 of the concatenated binary part MD5s, then "-<parts>". */
export function multipartEtag(partEtags: readonly string[]): string {
  const h = createHash('md5');
  for (const e of partEtags) h.update(Buffer.from(e.replace(/"/g, ''), 'hex'));
  return `"${h.digest('hex')}-${partEtags.length}"`;
}

/** A composite checksum of parts (S3's "<base64>-N" for multipart uploads with a checksum algorithm). */
export function compositeChecksum(alg: ChecksumAlgorithm, partChecksums: readonly string[]): string {
  const c = checksummer(alg);
  for (const p of partChecksums) c.update(Buffer.from(p, 'base64'));
  return `${c.digest()}-${partChecksums.length}`;
}
