// rolechain's wire layer: AWS's protocols and SigV4, with no knowledge of IAM semantics.
//
// How the server uses it, per request:
//
//   const model = loadModel('sts');                       // lazy, cached
//   const codec = codecFor(model);                        // awsQuery / EC2 / awsJson by model.protocol
//   const req: WireRequest = { method, path, rawQuery, headers: headersFromRaw(r.rawHeaders), body };
//   try {
//     const id = verifySigV4(req, (akid, token) => store.lookupKey(akid, token), {
//       service: model.signingName,                        // credential scope must name this service
//       isValidRegion: (r) => r === 'us-east-1',           // e.g. for IAM/STS global endpoints (optional)
//     });                                                   // or verifySigV4Async for an async store
//     const { operation, input } = codec.decode(req, model); // validated against the model
//     const output = await service[operation](input, id);
//     send(codec.encodeResult(model, operation, output, requestId));
//   } catch (e) {
//     send(codec.encodeError(model, isAwsError(e) ? e : internalFailure(), requestId));
//   }
//
// The lookup returns { secretAccessKey, ...anything } or undefined (→ InvalidClientTokenId); it may throw
// an AwsError itself (e.g. expiredToken()). Verification errors use awsQuery's codes; the JSON and EC2
// codecs translate them to their protocols' names (InvalidSignatureException, UnrecognizedClientException…).
// Services throw AwsError (errors.ts helpers, or modelError(model, 'NoSuchEntityException', msg)).
// Outputs: plain objects keyed by the model's member names; timestamps as Date (or ISO strings, or
// epoch seconds); blobs as Buffer. Inputs are decoded the same way.

export * from './errors.js';
export { loadModel, SERVICE_NAMES } from './models.js';
export type {
  ServiceModel,
  ServiceName,
  ProtocolName,
  Shape,
  ShapeRef,
  OperationModel,
  ServiceMetadata,
} from './models.js';
export type { WireRequest, WireResponse, ProtocolCodec, DecodedRequest } from './protocol.js';
export { codecFor } from './codecs.js';
export { queryCodec } from './query/codec.js';
export { ec2Codec } from './ec2query/codec.js';
export { jsonCodec } from './json/codec.js';
export { validateInput } from './validate.js';
export { modelError } from './model-errors.js';
export { headersFromRaw, nodeHeadersIfSame } from './headers.js';
export { escapeXml } from './xml.js';
export * from './sigv4/index.js';
