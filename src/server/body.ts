// Reads a request body with a hard size bound: a query/JSON API call never needs more than a few
// hundred KB (IAM's largest documents are ~10 KB), so anything larger is refused before it is buffered.
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../wire/errors.js';

export const MAX_API_BODY_BYTES = 1024 * 1024;

/** `contentLength`: the Content-Length header when the caller has it (else req.headers is consulted). */
export function readBody(
  req: IncomingMessage,
  limit = MAX_API_BODY_BYTES,
  contentLength = req.headers['content-length'],
): Promise<Buffer> {
  const declared = Number(contentLength ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(tooLarge(limit));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): AwsError {
  return new AwsError('RequestEntityTooLarge', `Request body exceeds the maximum of ${limit} bytes.`, {
    status: 413,
  });
}
