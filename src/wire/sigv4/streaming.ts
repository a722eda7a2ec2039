// S3's chunked upload signing (x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD).
// The seed signature (the Authorization header) is verified by verify.ts like any request. Each chunk then
// carries `chunk-signature=` computed over: "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" +
// previousSignature + "\n" + sha256("") + "\n" + sha256(chunkData), with the same signing key.
// Verifying those chunks (and the -TRAILER variants) is a later issue; this module is where it goes.
import { AwsError } from '../errors.js';

export const STREAMING_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';

export function isStreamingPayload(payloadHash: string): boolean {
  return payloadHash.startsWith('STREAMING-');
}

/** Until chunk verification exists, the server rejects streaming payloads with this error. */
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
