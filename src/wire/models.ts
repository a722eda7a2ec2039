// Typed, lazily loaded access to the vendored botocore service models (models/<svc>.json.gz).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export type ServiceName = 'iam' | 'sts' | 'organizations' | 'cloudtrail' | 'ec2' | 's3';
export type ProtocolName = 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml';

export interface ShapeRef {
  shape: string;
  locationName?: string;
  queryName?: string;
  flattened?: boolean;
  xmlNamespace?: { uri: string; prefix?: string };
  xmlAttribute?: boolean;
  location?: string;
  timestampFormat?: string;
  idempotencyToken?: boolean;
  deprecated?: boolean;
}

export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'blob'
    | 'double'
    | 'float';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  flattened?: boolean;
  locationName?: string;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  sensitive?: boolean;
  timestampFormat?: string;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  union?: boolean;
}

export interface OperationModel {
  name: string;
  http?: { method: string; requestUri: string };
  input?: ShapeRef;
  output?: ShapeRef & { resultWrapper?: string };
  errors?: ShapeRef[];
}

export interface ServiceMetadata {
  apiVersion: string;
  endpointPrefix: string;
  protocol: ProtocolName;
  serviceId: string;
  signatureVersion?: string;
  signingName?: string;
  xmlNamespace?: string;
  targetPrefix?: string;
  jsonVersion?: string;
  globalEndpoint?: string;
}

export interface ServiceModel {
  readonly name: ServiceName;
  readonly metadata: ServiceMetadata;
  readonly protocol: ProtocolName;
  /** The SigV4 credential-scope service name (signingName, else endpointPrefix). */
  readonly signingName: string;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, Shape>>;
  operation(name: string): OperationModel | undefined;
  shape(name: string): Shape;
  /** Per-model scratch space where codecs memoise per-operation plans (keyed by codec). */
  readonly cache: Map<string, unknown>;
}

// Find models/ by walking up from this file: it is ../../models from src/wire/ (tsx) and
// ../../../models from dist/src/wire/ (compiled).
function findModelsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'models');
    if (existsSync(join(candidate, 'iam.json.gz'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('rolechain: cannot find the vendored models/ directory');
}

let modelsDir: string | undefined;
const loaded = new Map<ServiceName, ServiceModel>();

export function loadModel(service: ServiceName): ServiceModel {
  const hit = loaded.get(service);
  if (hit) return hit;
  modelsDir ??= findModelsDir();
  const raw = JSON.parse(
    gunzipSync(readFileSync(join(modelsDir, `${service}.json.gz`))).toString('utf8'),
  ) as {
    metadata: ServiceMetadata;
    operations: Record<string, OperationModel>;
    shapes: Record<string, Shape>;
  };
  const model: ServiceModel = {
    name: service,
    metadata: raw.metadata,
    protocol: raw.metadata.protocol,
    signingName: raw.metadata.signingName ?? raw.metadata.endpointPrefix,
    operations: raw.operations,
    shapes: raw.shapes,
    operation: (name) => (Object.hasOwn(raw.operations, name) ? raw.operations[name] : undefined),
    shape(name) {
      const s = raw.shapes[name];
      if (!s) throw new Error(`${service} model has no shape ${name}`);
      return s;
    },
    cache: new Map(),
  };
  loaded.set(service, model);
  return model;
}

export const SERVICE_NAMES: readonly ServiceName[] = [
  'iam',
  'sts',
  'organizations',
  'cloudtrail',
  'ec2',
  's3',
];
