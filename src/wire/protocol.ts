// The interface every protocol codec implements, and the request/response shapes the server passes in.
import type { AwsError } from './errors.js';
import type { ServiceModel } from './models.js';

export interface WireRequest {
  method: string;
  /** Raw (percent-encoded) path, without the query string. */
  path: string;
  /** Raw query string without '?'. */
  rawQuery: string;
  /** Lower-case header names; repeated headers joined with ','. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

export interface ProtocolCodec {
  readonly protocol: string;
  /** Finds the operation and decodes + validates its input. Throws AwsError (InvalidAction, ValidationError…). */
  decode(req: WireRequest, model: ServiceModel): DecodedRequest;
  encodeResult(model: ServiceModel, operation: string, output: unknown, requestId: string): WireResponse;
  encodeError(model: ServiceModel, err: AwsError, requestId: string): WireResponse;
}
