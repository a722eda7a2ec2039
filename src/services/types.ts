// What a service is to the server: a protocol, a model, and a table of operations. Each operation lives
// in its own file under src/services/<svc>/operations/ and declares the authorization it needs, so the
// server authorizes every call the same way before the handler runs.
import type { Caller } from './caller.js';
import type { ServerEnv } from './env.js';
import type { CompiledPolicy } from '../policy/index.js';

export type ProtocolName = 'query' | 'ec2' | 'json' | 'rest-xml';

/** One authorization check: the IAM action on a resource, with any operation-specific context keys. */
export interface AuthzCheck {
  action: string;
  resource: string;
  /** The account that owns the resource (defaults to the caller's account). */
  resourceAccount?: string;
  /** Extra request-context keys (e.g. iam:PolicyARN, aws:RequestTag/...), keys in any case. */
  context?: Record<string, string | readonly string[] | boolean | number | undefined>;
  /** The resource's own policy (a bucket policy, a role's trust policy for sts:AssumeRole*). */
  resourcePolicy?: CompiledPolicy;
}

export interface OperationContext {
  requestId: string;
  caller: Caller;
  /** The region from the SigV4 credential scope (us-east-1 when absent). */
  region: string;
  sourceIp: string;
  userAgent: string;
  /** The server's notion of "now" (the clock offset applied). */
  now: Date;
  env: ServerEnv;
  /** Authorizes one more check inside a handler (e.g. iam:PassRole); throws AccessDenied. */
  authorize(check: AuthzCheck): void;
}

export interface OperationDef<I = any, O = any> {
  name: string;
  /** The checks made before the handler runs; undefined = the operation needs no permission. */
  authz?: (input: I, ctx: OperationContext) => AuthzCheck | AuthzCheck[] | undefined;
  /** Reads nothing but state (CloudTrail's readOnly). */
  readOnly?: boolean;
  /** Callable without credentials (AssumeRoleWithWebIdentity, AssumeRoleWithSAML). */
  anonymous?: boolean;
  handler(ctx: OperationContext, input: I): Promise<O> | O;
}

export interface ServiceDef {
  /** The SigV4 signing name and model name, e.g. "iam", "sts", "organizations". */
  name: string;
  /** CloudTrail's eventSource, e.g. "iam.amazonaws.com". */
  eventSource: string;
  protocol: ProtocolName;
  operations: ReadonlyMap<string, OperationDef>;
}

/** Builds a service's operation table from its operation modules. */
export function operationTable(ops: OperationDef[]): ReadonlyMap<string, OperationDef> {
  return new Map(ops.map((op) => [op.name, op]));
}

export function defineOperation<I = any, O = any>(op: OperationDef<I, O>): OperationDef<I, O> {
  return op;
}
