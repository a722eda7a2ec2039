// awsJson 1.0 / 1.1 (Organizations, CloudTrail): X-Amz-Target picks the operation, JSON in and out,
// timestamps as epoch seconds, blobs base64, errors as {"__type": …, "message": …}.
import { AwsError, serializationException, validationError } from '../errors.js';
import type { ServiceModel, Shape, ShapeRef } from '../models.js';
import type { DecodedRequest, ProtocolCodec, WireRequest, WireResponse } from '../protocol.js';
import { forJson } from '../protocol-errors.js';
import { validateInput } from '../validate.js';
import { toDate } from '../xml.js';

const contentType = (model: ServiceModel): string =>
  `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`;

const MAX_DEPTH = 64;

function typeError(expected: string, path: string): AwsError {
  return serializationException(`Expected ${expected} at '${path || 'input'}'`);
}

/** JSON value to the input object: checks types against the shape, converts timestamps and blobs. */
function fromJson(model: ServiceModel, shape: Shape, v: unknown, path: string, depth: number): unknown {
  if (v === null) return undefined;
  if (depth > MAX_DEPTH) throw serializationException('Input nested too deeply');
  switch (shape.type) {
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v)) throw typeError('an object', path);
      const out: Record<string, unknown> = {};
      const members = shape.members ?? {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const ref = members[k];
        if (!ref) continue; // AWS ignores unknown members
        const d = fromJson(model, model.shape(ref.shape), x, path ? `${path}.${k}` : k, depth + 1);
        if (d !== undefined) out[k] = d;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(v)) throw typeError('a list', path);
      const ms = model.shape(shape.member!.shape);
      return v.map((x, i) => fromJson(model, ms, x, `${path}.${i}`, depth + 1));
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) throw typeError('a map', path);
      const vs = model.shape(shape.value!.shape);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        out[k] = fromJson(model, vs, x, `${path}.${k}`, depth + 1);
      return out;
    }
    case 'string':
      if (typeof v !== 'string') throw typeError('a string', path);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw typeError('a boolean', path);
      return v;
    case 'integer':
    case 'long':
      if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError('an integer', path);
      return v;
    case 'double':
    case 'float':
      if (typeof v !== 'number') throw typeError('a number', path);
      return v;
    case 'timestamp':
      if (typeof v === 'number') return new Date(v * 1000);
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
      throw typeError('a timestamp', path);
    case 'blob':
      if (typeof v !== 'string') throw typeError('a base64 string', path);
      return Buffer.from(v, 'base64');
    default:
      return v;
  }
}

type JsonWriter = (v: unknown) => unknown;

/** Output object to JSON-ready values (compiled per shape, cached on the model). */
function compileJsonWriter(model: ServiceModel, shapeName: string): JsonWriter {
  const key = `json:${shapeName}`;
  const hit = model.cache.get(key) as JsonWriter | undefined;
  if (hit) return hit;
  const slot: { impl?: JsonWriter } = {};
  const w: JsonWriter = (v) => slot.impl!(v);
  model.cache.set(key, w);
  const shape = model.shape(shapeName);
  slot.impl = buildJsonWriter(model, shape);
  return w;
}

function refWriter(model: ServiceModel, ref: ShapeRef): JsonWriter {
  const s = model.shape(ref.shape);
  return s.type === 'structure' ||
    s.type === 'list' ||
    s.type === 'map' ||
    s.type === 'timestamp' ||
    s.type === 'blob'
    ? compileJsonWriter(model, ref.shape)
    : (v) => v;
}

function buildJsonWriter(model: ServiceModel, shape: Shape): JsonWriter {
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members ?? {}).map(
        ([n, ref]) => [n, refWriter(model, ref)] as const,
      );
      return (v) => {
        const o = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [n, w] of members) {
          const x = o[n];
          if (x !== undefined && x !== null) out[n] = w(x);
        }
        return out;
      };
    }
    case 'list': {
      const w = refWriter(model, shape.member!);
      return (v) => (v as unknown[]).map(w);
    }
    case 'map': {
      const w = refWriter(model, shape.value!);
      return (v) => {
        const out: Record<string, unknown> = {};
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
        for (const [k, x] of entries) out[k] = w(x);
        return out;
      };
    }
    case 'timestamp':
      return (v) => toDate(v).getTime() / 1000;
    case 'blob':
      return (v) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v);
    default:
      return (v) => v;
  }
}

/** The member name an exception shape uses for its message ("Message" in Organizations, else "message"). */
function messageKey(model: ServiceModel, code: string): string {
  const key = `json:msgkey:${code}`;
  const hit = model.cache.get(key) as string | undefined;
  if (hit) return hit;
  const shape = model.shapes[code];
  const k = shape?.members && 'Message' in shape.members ? 'Message' : 'message';
  model.cache.set(key, k);
  return k;
}

export const jsonCodec: ProtocolCodec = {
  protocol: 'json',

  decode(req: WireRequest, model: ServiceModel): DecodedRequest {
    const target = req.headers['x-amz-target'];
    const prefix = model.metadata.targetPrefix ?? '';
    const dot = target === undefined ? -1 : target.lastIndexOf('.');
    const operation = dot === -1 ? '' : target!.slice(dot + 1);
    const op =
      target !== undefined && target.slice(0, dot) === prefix ? model.operation(operation) : undefined;
    if (!op) throw new AwsError('UnknownOperationException', '');
    let body: unknown = {};
    if (req.body.length > 0) {
      try {
        body = JSON.parse(req.body.toString('utf8'));
      } catch {
        throw serializationException('Malformed request body');
      }
    }
    if (!op.input) return { operation, input: {} };
    const input = (fromJson(model, model.shape(op.input.shape), body ?? {}, '', 0) ?? {}) as Record<
      string,
      unknown
    >;
    const problems = validateInput(model, op.input.shape, input);
    if (problems.length > 0) throw validationError(problems);
    return { operation, input };
  },

  encodeResult(model, operation, output, requestId): WireResponse {
    const op = model.operation(operation);
    if (!op) throw new Error(`${model.name} has no operation ${operation}`);
    const body =
      op.output && output !== undefined && output !== null
        ? JSON.stringify(compileJsonWriter(model, op.output.shape)(output))
        : '{}';
    return {
      status: 200,
      headers: { 'content-type': contentType(model), 'x-amzn-requestid': requestId },
      body,
    };
  },

  encodeError(model, original: AwsError, requestId): WireResponse {
    const err = forJson(original);
    const out: Record<string, unknown> = { __type: err.code };
    if (err.message !== '') out[messageKey(model, err.code)] = err.message;
    if (err.fields) Object.assign(out, err.fields);
    return {
      status: err.status,
      headers: {
        'content-type': contentType(model),
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': err.code,
      },
      body: JSON.stringify(out),
    };
  },
};
