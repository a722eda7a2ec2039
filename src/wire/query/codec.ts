// The awsQuery protocol (IAM, STS): form-encoded input, XML output wrapped in <XResult>, XML errors.
import { AwsError, invalidAction, missingAction, validationError } from '../errors.js';
import type { ServiceModel } from '../models.js';
import type { DecodedRequest, ProtocolCodec, WireRequest, WireResponse } from '../protocol.js';
import { validateInput } from '../validate.js';
import { compileXmlWriter, escapeXml, type XmlStyle } from '../xml.js';
import { awsQueryNaming, decodeInput } from './decode-shapes.js';
import { keyPrefixes, parseFormParams } from './params.js';

const STYLE: XmlStyle = { listItemName: 'member', millis: false };
const XML_HEADERS = (requestId: string): Record<string, string> => ({
  'content-type': 'text/xml',
  'x-amzn-requestid': requestId,
});

/** The form parameters of a query-protocol request: the query string, then a form body. */
export function queryParams(req: WireRequest): Map<string, string> {
  const ct = req.headers['content-type'];
  const body =
    req.body.length > 0 && (ct === undefined || ct.startsWith('application/x-www-form-urlencoded'))
      ? req.body.toString('utf8')
      : '';
  return parseFormParams(req.rawQuery, body);
}

interface ResultPlan {
  open: string;
  close: string;
  write: ((v: unknown) => string) | undefined;
}

/** Per model, each operation's result plan, keyed by the operation name itself (no key string to build). */
const resultPlans = new WeakMap<ServiceModel, Map<string, ResultPlan>>();

function resultPlan(model: ServiceModel, operation: string): ResultPlan {
  let plans = resultPlans.get(model);
  if (!plans) resultPlans.set(model, (plans = new Map()));
  const hit = plans.get(operation);
  if (hit) return hit;
  const op = model.operation(operation);
  if (!op) throw new Error(`${model.name} has no operation ${operation}`);
  const ns = model.metadata.xmlNamespace ?? '';
  const wrapper = op.output?.resultWrapper;
  const writer = op.output ? compileXmlWriter(model, op.output.shape, STYLE) : undefined;
  const plan: ResultPlan = {
    open: `<${operation}Response xmlns="${ns}">` + (wrapper ? `<${wrapper}>` : ''),
    close: (wrapper ? `</${wrapper}>` : '') + '<ResponseMetadata><RequestId>',
    write: writer,
  };
  plans.set(operation, plan);
  return plan;
}

export function decodeQueryOperation(
  params: Map<string, string>,
  model: ServiceModel,
  naming = awsQueryNaming,
  validate: (model: ServiceModel, shape: string, input: Record<string, unknown>) => void = validateOrThrow,
): DecodedRequest {
  const action = params.get('Action');
  if (action === undefined || action === '') throw missingAction();
  const op = model.operation(action);
  if (!op) throw invalidAction(action, params.get('Version'));
  if (!op.input) return { operation: action, input: {} };
  const input = decodeInput(model, op.input.shape, params, keyPrefixes(params), naming);
  validate(model, op.input.shape, input);
  return { operation: action, input };
}

function validateOrThrow(model: ServiceModel, shape: string, input: Record<string, unknown>): void {
  const problems = validateInput(model, shape, input);
  if (problems.length > 0) throw validationError(problems);
}

export const queryCodec: ProtocolCodec = {
  protocol: 'query',

  decode(req: WireRequest, model: ServiceModel): DecodedRequest {
    return decodeQueryOperation(queryParams(req), model);
  },

  encodeResult(model, operation, output, requestId): WireResponse {
    const plan = resultPlan(model, operation);
    const inner = plan.write && output !== undefined && output !== null ? plan.write(output) : '';
    return {
      status: 200,
      headers: XML_HEADERS(requestId),
      body: `${plan.open}${inner}${plan.close}${escapeXml(requestId)}</RequestId></ResponseMetadata></${operation}Response>`,
    };
  },

  encodeError(model, err: AwsError, requestId): WireResponse {
    let extra = '';
    if (err.fields) for (const [k, v] of Object.entries(err.fields)) extra += `<${k}>${escapeXml(v)}</${k}>`;
    return {
      status: err.status,
      headers: XML_HEADERS(requestId),
      body:
        `<ErrorResponse xmlns="${model.metadata.xmlNamespace ?? ''}"><Error><Type>${err.senderFault ? 'Sender' : 'Receiver'}</Type>` +
        `<Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>${extra}</Error>` +
        `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`,
    };
  },
};
