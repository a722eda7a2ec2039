// SigV4: parse, verify, sign. See ../index.ts for how the server uses it.
export * from './types.js';
export { parseSigV4, authForm, type ParseOptions } from './parse.js';
export {
  verifySigV4,
  verifySigV4Async,
  checkRequestTime,
  checkSignature,
  MAX_CLOCK_SKEW_MS,
  type VerifyOptions,
  type SecretLookup,
} from './verify.js';
export { SigningKeyCache, defaultKeyCache, deriveSigningKey } from './keys.js';
export { HmacSha256 } from './hmac.js';
export {
  signRequest,
  presignRequest,
  type SignableRequest,
  type SigningCredentials,
  type SignOptions,
} from './sign.js';
export {
  canonicalUri,
  canonicalQuery,
  canonicalHeaders,
  sha256Hex,
  EMPTY_SHA256,
  UNSIGNED_PAYLOAD,
} from './canonical.js';
export { uriEncode } from './encoding.js';
export { parseAmzDate, formatAmzDate } from './time.js';
export {
  isStreamingPayload,
  isSupportedStreamingPayload,
  streamingNotImplemented,
  ChunkedDecoder,
  chunkSignature,
  trailerSignature,
  encodeSignedChunks,
  STREAMING_PAYLOAD,
  STREAMING_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
  type ChunkSigning,
} from './streaming.js';
export { isRegionName } from './regions.js';
