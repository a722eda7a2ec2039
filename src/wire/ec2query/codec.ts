// The EC2 protocol: awsQuery-like input with EC2's naming (queryName / capitalised locationName, flat
// lists); output without a Result wrapper (<requestId> first, <item> lists); errors in <Response><Errors>.
import { AwsError, invalidParameterValue, missingParameter } from '../errors.js';
import type { ServiceModel } from '../models.js';
import type { DecodedRequest, ProtocolCodec, WireRequest, WireResponse } from '../protocol.js';
import { ec2Naming } from '../query/decode-shapes.js';
import { decodeQueryOperation, queryParams } from '../query/codec.js';
import { validateInput } from '../validate.js';
import { forEc2 } from '../protocol-errors.js';
import { compileXmlWriter, escapeXml, type XmlStyle } from '../xml.js';

const STYLE: XmlStyle = { listItemName: 'item', millis: true };
const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

const namespace = (model: ServiceModel): string => {
  const ns = model.metadata.xmlNamespace ?? '';
  return ns.endsWith('/') ? ns : `${ns}/`;
};

// EC2 does not use ValidationError: a missing parameter is MissingParameter, a bad value InvalidParameterValue.
function validateEc2(model: ServiceModel, shape: string, input: Record<string, unknown>): void {
  const problems = validateInput(model, shape, input);
  if (problems.length === 0) return;
  const first = problems[0]!;
  const missing = /^Value null at '([^']+)' failed to satisfy constraint: Member must not be null$/.exec(
    first,
  );
  if (missing) {
    const name = missing[1]!.split('.').pop()!;
    throw missingParameter(
      `The request must contain the parameter ${name[0]!.toUpperCase()}${name.slice(1)}`,
    );
  }
  throw invalidParameterValue(first);
}

export const ec2Codec: ProtocolCodec = {
  protocol: 'ec2',

  decode(req: WireRequest, model: ServiceModel): DecodedRequest {
    return decodeQueryOperation(queryParams(req), model, ec2Naming, validateEc2);
  },

  encodeResult(model, operation, output, requestId): WireResponse {
    const op = model.operation(operation);
    if (!op) throw new Error(`ec2 has no operation ${operation}`);
    const inner =
      op.output && output !== undefined && output !== null
        ? compileXmlWriter(model, op.output.shape, STYLE)(output)
        : '';
    return {
      status: 200,
      headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
      body:
        `${DECL}<${operation}Response xmlns="${namespace(model)}"><requestId>${escapeXml(requestId)}</requestId>` +
        `${inner}</${operation}Response>`,
    };
  },

  encodeError(_model, original: AwsError, requestId): WireResponse {
    const err = forEc2(original);
    return {
      status: err.status,
      headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
      body:
        `${DECL}<Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors>` +
        `<RequestID>${escapeXml(requestId)}</RequestID></Response>`,
    };
  },
};
