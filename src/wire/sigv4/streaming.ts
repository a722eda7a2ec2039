// S3's chunked uploads (Content-Encoding: aws-chunked), decoded while streaming:
// - STREAMING-AWS4-HMAC-SHA256-PAYLOAD: each chunk is `hex-size;chunk-signature=<sig>\r\n<data>\r\n`, the
//   last one of size 0. Its signature is an HMAC with the request's signing key over
//   "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n" + sha256("") +
//   "\n" + sha256(chunkData), starting from the seed signature (the Authorization header's).
// - STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: the same, then trailing headers signed with
//   "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n" +
//   sha256("name:value\n"…) in x-amz-trailer-signature.
// - STREAMING-UNSIGNED-PAYLOAD-TRAILER: `hex-size\r\n<data>\r\n` chunks, then trailing headers (checksums).
// A chunk's data is passed on as it arrives and its signature checked at its end; the consumer must not
// commit anything before the stream ends without error (S3 commits the object only then, too).
import { createHash, type Hash } from 'node:crypto';
import { HmacSha256, macTextEqual } from './hmac.js';
import { Transform, type TransformCallback } from 'node:stream';
import { AwsError, signatureDoesNotMatch } from '../errors.js';
import { EMPTY_SHA256 } from './canonical.js';

export const STREAMING_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_PAYLOAD_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

export function isStreamingPayload(payloadHash: string): boolean {
  return payloadHash.startsWith('STREAMING-');
}

/** The streaming forms rolechain verifies; the ECDSA (SigV4a) ones are not. */
export function isSupportedStreamingPayload(payloadHash: string): boolean {
  return (
    payloadHash === STREAMING_PAYLOAD ||
    payloadHash === STREAMING_PAYLOAD_TRAILER ||
    payloadHash === STREAMING_UNSIGNED_TRAILER
  );
}

/** S3's answer to a streaming form it does not implement. */
export function streamingNotImplemented(): AwsError {
  return new AwsError(
    'NotImplemented',
    'A header you provided implies functionality that is not implemented',
    {
      status: 501,
      senderFault: false,
      fields: { Header: 'x-amz-content-sha256' },
    },
  );
}

export interface ChunkSigning {
  /** The request's signing key (a Buffer is wrapped per call: tests and one-off signers). */
  key: HmacSha256 | Buffer;
  amzDate: string;
  /** date/region/service/aws4_request */
  scope: string;
  seedSignature: string;
}

/** One chunk's signature (exported for signers and tests). */
export function chunkSignature(
  s: Omit<ChunkSigning, 'seedSignature'>,
  previous: string,
  dataSha256: string,
): string {
  return macOf(s.key).hex(
    `AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${previous}\n${EMPTY_SHA256}\n${dataSha256}`,
  );
}

export function trailerSignature(
  s: Omit<ChunkSigning, 'seedSignature'>,
  previous: string,
  trailerText: string,
): string {
  const h = createHash('sha256').update(trailerText).digest('hex');
  return macOf(s.key).hex(`AWS4-HMAC-SHA256-TRAILER\n${s.amzDate}\n${s.scope}\n${previous}\n${h}`);
}

function macOf(key: HmacSha256 | Buffer): HmacSha256 {
  return key instanceof HmacSha256 ? key : new HmacSha256(key);
}

const MAX_LINE = 4096;
const MAX_TRAILER_BYTES = 16 * 1024;

function incompleteBody(): AwsError {
  return new AwsError('IncompleteBody', 'The request body terminated unexpectedly');
}

function malformedChunk(): AwsError {
  return new AwsError('InvalidRequest', 'Invalid chunked upload: malformed chunk encoding');
}

type State = 'size' | 'data' | 'data-crlf' | 'trailer' | 'done';

/**
 * Decodes an aws-chunked body. `signing` undefined = unsigned chunks (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
 * After 'end', `trailers` holds the trailing headers (lower-case names), and `decodedLength` the data size.
 */
export class ChunkedDecoder extends Transform {
  readonly trailers: Record<string, string> = {};
  decodedLength = 0;
  private state: State = 'size';
  private line = '';
  private remaining = 0;
  private chunkHash: Hash | undefined;
  private chunkSig = '';
  private previous: string;
  private trailerText = '';
  private trailerBytes = 0;

  constructor(
    private readonly signing: ChunkSigning | undefined,
    private readonly expectTrailer: boolean,
  ) {
    super();
    this.previous = signing?.seedSignature ?? '';
  }

  override _transform(buf: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.consume(buf);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    cb(this.state === 'done' ? undefined : incompleteBody());
  }

  private consume(buf: Buffer): void {
    let i = 0;
    while (i < buf.length) {
      switch (this.state) {
        case 'size':
        case 'trailer': {
          const nl = buf.indexOf(10, i);
          const end = nl < 0 ? buf.length : nl;
          this.line += buf.toString('latin1', i, end);
          if (this.line.length > MAX_LINE) throw malformedChunk();
          i = end;
          if (nl < 0) break;
          i = nl + 1;
          const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
          this.line = '';
          if (this.state === 'size') this.onSizeLine(line);
          else this.onTrailerLine(line);
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, buf.length - i);
          const part = buf.subarray(i, i + n);
          this.chunkHash?.update(part);
          this.decodedLength += n;
          this.push(part);
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) {
            this.endChunk();
            this.state = 'data-crlf';
          }
          break;
        }
        case 'data-crlf': {
          // "\r\n" after the chunk data, possibly split across buffers.
          const c = buf[i++]!;
          if (c === 13) break;
          if (c !== 10) throw malformedChunk();
          this.state = 'size';
          break;
        }
        case 'done':
          // Anything after the terminating chunk is ignored, as S3 does.
          return;
      }
    }
  }

  private onSizeLine(line: string): void {
    const semi = line.indexOf(';');
    const hex = (semi < 0 ? line : line.slice(0, semi)).trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw malformedChunk();
    const size = parseInt(hex, 16);
    if (!Number.isSafeInteger(size)) throw malformedChunk();
    if (this.signing) {
      const m = /^chunk-signature=([0-9a-f]{64})$/.exec(semi < 0 ? '' : line.slice(semi + 1).trim());
      if (!m) throw signatureDoesNotMatch();
      this.chunkSig = m[1]!;
      this.chunkHash = createHash('sha256');
    }
    if (size === 0) {
      this.endChunk();
      this.state = this.expectTrailer ? 'trailer' : 'done';
      return;
    }
    this.remaining = size;
    this.state = 'data';
  }

  private endChunk(): void {
    if (!this.signing) return;
    const data = this.chunkHash!.digest('hex');
    const expected = chunkSignature(this.signing, this.previous, data);
    if (!macTextEqual(expected, this.chunkSig)) throw signatureDoesNotMatch();
    this.previous = expected;
    this.chunkHash = undefined;
  }

  private onTrailerLine(line: string): void {
    this.trailerBytes += line.length + 2;
    if (this.trailerBytes > MAX_TRAILER_BYTES) throw malformedChunk();
    if (line === '') {
      if (this.signing && this.trailers['x-amz-trailer-signature'] === undefined)
        throw signatureDoesNotMatch();
      this.state = 'done';
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformedChunk();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      if (this.signing) {
        const expected = trailerSignature(this.signing, this.previous, this.trailerText);
        if (!macTextEqual(expected, value)) throw signatureDoesNotMatch();
      }
    } else {
      this.trailerText += `${name}:${value}\n`;
    }
    this.trailers[name] = value;
  }
}

/** Encodes `data` as a signed aws-chunked body (what SDKs send); for tests, benchmarks and tools. */
export function encodeSignedChunks(data: Buffer, chunkSize: number, s: ChunkSigning): Buffer {
  const out: Buffer[] = [];
  let prev = s.seedSignature;
  for (let off = 0; ; off += chunkSize) {
    const chunk = data.subarray(off, Math.min(off + chunkSize, data.length));
    const sig = chunkSignature(s, prev, createHash('sha256').update(chunk).digest('hex'));
    out.push(
      Buffer.from(`${chunk.length.toString(16)};chunk-signature=${sig}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    );
    prev = sig;
    if (chunk.length === 0) break;
  }
  return Buffer.concat(out);
}
