// Taking in a request body as an object or part: streamed to a blob through the digests, then checked the
// way S3 checks it — x-amz-content-sha256 (XAmzContentSHA256Mismatch), Content-MD5 (BadDigest), an
// x-amz-checksum-* header or trailer (BadDigest), the declared length (IncompleteBody) — before it is kept.
import { AwsError } from '../../wire/errors.js';
import { s3Error, invalidRequest } from '../../wire/s3/errors.js';
import {
  CHECKSUM_ALGORITHMS,
  checksumHeader,
  type ChecksumAlgorithm,
  type BodyDigests,
} from '../../wire/s3/checksums.js';
import { BlobTooLarge, type WrittenBlob } from './blobs.js';
import type { S3Call } from './types.js';

/** S3's largest single PUT (5 GiB). */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

export interface Ingested extends WrittenBlob {
  /** Quoted hex MD5. */
  etag: string;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

/** The checksum algorithm a request asks for: a x-amz-checksum-<alg> header / trailer, or x-amz-sdk-checksum-algorithm. */
export function requestedChecksum(call: S3Call): ChecksumAlgorithm | undefined {
  for (const alg of CHECKSUM_ALGORITHMS) if (call.headers[checksumHeader(alg)] !== undefined) return alg;
  const trailer = call.headers['x-amz-trailer']?.toLowerCase();
  for (const alg of CHECKSUM_ALGORITHMS) if (trailer === checksumHeader(alg)) return alg;
  const sdk = (
    call.headers['x-amz-sdk-checksum-algorithm'] ?? call.headers['x-amz-checksum-algorithm']
  )?.toUpperCase();
  if (sdk !== undefined) {
    if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(sdk)) {
      throw invalidRequest('Value for x-amz-checksum-algorithm header is invalid.');
    }
    return sdk as ChecksumAlgorithm;
  }
  return undefined;
}

export function badDigest(
  message = 'The Content-MD5 you specified did not match what we received.',
): AwsError {
  return s3Error('BadDigest', message);
}

export async function ingestBody(call: S3Call, algorithm = requestedChecksum(call)): Promise<Ingested> {
  const md5Header = call.headers['content-md5'];
  if (md5Header !== undefined && !/^[A-Za-z0-9+/]{22}==$/.test(md5Header)) {
    throw s3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, {
      'Content-MD5': md5Header,
    });
  }
  const body = call.body;
  let written: WrittenBlob;
  try {
    written = await call.rt.blobs.write(
      body.stream,
      { sha256: body.expectedSha256 !== undefined, algorithm, maxBytes: MAX_PUT_BYTES },
      (d) => verify(call, d, algorithm, md5Header),
    );
  } catch (e) {
    if (e instanceof BlobTooLarge) {
      throw s3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
        MaxSizeAllowed: String(MAX_PUT_BYTES),
      });
    }
    throw e;
  }
  const d = written.digests;
  return {
    ...written,
    etag: `"${d.md5.digest('hex')}"`,
    ...(algorithm && { checksum: { algorithm, value: d.checksum!.digest() } }),
  };
}

function verify(
  call: S3Call,
  d: BodyDigests,
  algorithm: ChecksumAlgorithm | undefined,
  md5Header?: string,
): void {
  const body = call.body;
  if (body.declaredLength !== undefined && d.size !== body.declaredLength) {
    throw s3Error(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
    );
  }
  if (body.expectedSha256 !== undefined && d.sha256!.copy().digest('hex') !== body.expectedSha256) {
    throw s3Error(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
      {
        ClientComputedContentSHA256: body.expectedSha256,
        S3ComputedContentSHA256: d.sha256!.digest('hex'),
      },
    );
  }
  if (md5Header !== undefined && d.md5.copy().digest('base64') !== md5Header) throw badDigest();
  if (algorithm) {
    const name = checksumHeader(algorithm);
    const sent = call.headers[name] ?? body.trailers()[name];
    if (sent !== undefined && sent !== d.checksum!.digest()) {
      throw badDigest(`Value for ${name} header is invalid.`);
    }
  }
}
