// One CloudTrail record per API call, in CloudTrail's field names and order. Built from what the
// request handler captured (ApiCallCapture): the service and operation, the decoded input, the output,
// the authenticated caller (or what an unauthenticated request claimed), and the error if any.
import { eventId } from './event-id.js';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../caller.js';
import type { OperationDef, ServiceDef } from '../types.js';
import type { Store } from '../../store/index.js';
import type { WireRequest } from '../../wire/protocol.js';
import { AwsError, internalFailure, isAwsError } from '../../wire/errors.js';
import { forEc2, forJson } from '../../wire/protocol-errors.js';
import type { ServiceName } from '../../wire/models.js';
import { getAccessKey } from '../accounts/access-keys.js';
import {
  assumedRoleAccount,
  roleAccountOf,
  buildCallEvents,
  EVENT_VERSION,
  keyPart,
  MAX_RECORD_CHARS,
  type BuiltEvent,
  type CallFacts,
} from './call-events.js';
import { isoSeconds } from './format.js';
import {
  awsAccountIdentity,
  unknownIdentity,
  userIdentityJson,
  userIdentityOf,
  usernameOf,
  webIdentityUser,
  samlUser,
  type UserIdentity,
} from './user-identity.js';

/** What the request handler learns about one request as it goes; every field is optional. */
export interface ApiCallCapture {
  requestId: string;
  sourceIp: string;
  wire?: WireRequest;
  service?: ServiceDef;
  /** The access key id the SigV4 signature claimed (before it was verified). */
  claimedAccessKeyId?: string;
  region?: string;
  caller?: Caller;
  operation?: string;
  op?: OperationDef;
  input?: unknown;
  output?: unknown;
}

export type CloudTrailRecord = Record<string, unknown>;
export { EVENT_VERSION, MAX_RECORD_CHARS, type BuiltEvent, type CallFacts } from './call-events.js';

export interface BuildEnv {
  store: Store;
  now: Date;
  managementAccount: string;
  defaultRegion: string;
}

const READ_ONLY_NAME = /^(Get|List|Describe|Lookup|Search|Simulate|Generate|Decode)/;

/** The records for one API call: one, or two (sharing a sharedEventID) for a cross-account AssumeRole. */
export function buildApiCallEvents(cap: ApiCallCapture, err: unknown, env: BuildEnv): BuiltEvent[] {
  const facts = callFacts(cap, err, env);
  return facts ? buildCallEvents(facts, cap.input, cap.output) : [];
}

/**
 * What a call's records are made of that only the request-serving thread knows (the caller's identity needs
 * the store); the records themselves are made from it and the call's input and output by buildCallEvents
 * (./call-events.ts), on this thread or in SQLite's events worker. undefined: nothing to record (the request
 * names no service or operation).
 */
export function callFacts(cap: ApiCallCapture, err: unknown, env: BuildEnv): CallFacts | undefined {
  const service = cap.service;
  if (!service) return undefined;
  const name = cap.operation ?? operationFromWire(cap.wire);
  if (!name || name.length > 128) return undefined;
  const error = err === undefined ? undefined : wireError(err, service);
  const input = (cap.input ?? {}) as Record<string, unknown>;
  const who = identify(cap, input, env);
  const roleAccount = assumedRoleAccount(name, input);
  const c = cap.caller;
  const facts: CallFacts = {
    service: service.name as ServiceName,
    source: service.eventSource,
    name,
    region: cap.region ?? env.defaultRegion,
    timeMs: env.now.getTime(),
    requestId: cap.requestId,
    sourceIp: cap.sourceIp,
    userAgent: cap.wire?.headers['user-agent'] ?? '',
    errorCode: error?.code,
    errorMessage: error?.message,
    readOnly: cap.op?.readOnly ?? READ_ONLY_NAME.test(name),
    identity: who.identity,
    account: who.account,
    username: who.username,
    accessKeyId: c?.accessKeyId ?? cap.claimedAccessKeyId,
    eventId: eventId(),
  };
  // Cross-account AssumeRole: the role's account gets its own record, showing the caller's account.
  if (roleAccount && c?.accountId && roleAccount !== who.account) {
    facts.otherIdentity = JSON.stringify(awsAccountIdentity(c));
    facts.otherEventId = eventId();
    facts.sharedEventId = randomUUID();
  }
  return facts;
}

/** Who made the call and which account's trail receives the record. */
function identify(
  cap: ApiCallCapture,
  input: Record<string, unknown>,
  env: BuildEnv,
): { identity: string; account: string; username?: string } {
  const c = cap.caller;
  if (c && c.accountId)
    return { identity: userIdentityJson(c, env.store), account: c.accountId, username: usernameOf(c) };
  if (cap.operation === 'AssumeRoleWithWebIdentity') {
    // Unsigned: the token names the caller. On success the verified values; on failure what it claims.
    const out = cap.output as
      { Provider?: string; Audience?: string; SubjectFromWebIdentityToken?: string } | undefined;
    const claimed = out?.Provider ? undefined : jwtClaims(input.WebIdentityToken);
    const provider = out?.Provider ?? String(claimed?.iss ?? '').replace(/^https:\/\//, '');
    const audience = out?.Audience ?? firstAud(claimed?.aud);
    const subject = out?.SubjectFromWebIdentityToken ?? String(claimed?.sub ?? '');
    const roleAccount = roleAccountOf(input.RoleArn);
    return {
      identity: JSON.stringify(webIdentityUser(provider, audience, subject)),
      account: roleAccount ?? env.managementAccount,
      username: subject || undefined,
    };
  }
  if (cap.operation === 'AssumeRoleWithSAML') {
    // Unsigned: only a verified assertion names the caller (its NameQualifier and Subject).
    const out = cap.output as { NameQualifier?: string; Subject?: string } | undefined;
    const roleAccount = roleAccountOf(input.RoleArn);
    const identity: UserIdentity = out?.NameQualifier
      ? samlUser(out.NameQualifier, out.Subject ?? '')
      : { type: 'SAMLUser', principalId: '', identityProvider: String(input.PrincipalArn ?? '') };
    return {
      identity: JSON.stringify(identity),
      account: roleAccount ?? env.managementAccount,
      username: out?.Subject || undefined,
    };
  }
  // Refused at authentication: the key's owner (if the key exists) sees that someone tried it.
  const akid = cap.claimedAccessKeyId;
  const key = akid ? getAccessKey(env.store, akid) : undefined;
  const account = key?.accountId ?? env.managementAccount;
  return { identity: JSON.stringify(unknownIdentity(account, akid)), account };
}

/** The client-visible error: AwsError as the service's protocol names it. */
function wireError(err: unknown, service: ServiceDef): AwsError {
  const e = isAwsError(err) ? err : internalFailure();
  if (service.protocol === 'json') return forJson(e);
  if (service.protocol === 'ec2') return forEc2(e);
  return e;
}

/** The operation a request names, for records of requests refused before decoding. */
export function operationFromWire(wire: WireRequest | undefined): string | undefined {
  if (!wire) return undefined;
  const target = wire.headers['x-amz-target'];
  if (target) return target.slice(target.lastIndexOf('.') + 1) || undefined;
  const fromQuery = new URLSearchParams(wire.rawQuery).get('Action');
  if (fromQuery) return fromQuery;
  const ct = wire.headers['content-type'] ?? '';
  if (ct.startsWith('application/x-www-form-urlencoded') && wire.body.length) {
    return new URLSearchParams(wire.body.toString('utf8')).get('Action') ?? undefined;
  }
  return undefined;
}

/** Over CloudTrail's event size, the request and response elements go; the event stays. */
function bound(record: CloudTrailRecord): void {
  const size =
    JSON.stringify(record.requestParameters ?? null).length +
    JSON.stringify(record.responseElements ?? null).length;
  if (size > MAX_RECORD_CHARS) {
    record.requestParameters = null;
    record.responseElements = null;
  }
}

function moveEventCategoryLast(r: CloudTrailRecord): void {
  const v = r.eventCategory;
  delete r.eventCategory;
  r.eventCategory = v;
}

/** A JWT's payload, unverified, for naming who a refused web-identity request claimed to be. */
function jwtClaims(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string' || token.length > 20_000) return undefined;
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function firstAud(aud: unknown): string {
  if (typeof aud === 'string') return aud;
  if (Array.isArray(aud) && typeof aud[0] === 'string') return aud[0];
  return '';
}

export interface DataEventInput {
  /** e.g. "s3.amazonaws.com". */
  eventSource: string;
  eventName: string;
  caller: Caller;
  region: string;
  sourceIp: string;
  userAgent: string;
  requestId: string;
  readOnly: boolean;
  /** Already in CloudTrail's form (camelCase); must hold no secret. */
  requestParameters: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  /** e.g. [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/k' }, { type: 'AWS::S3::Bucket', ARN: …, accountId }]. */
  resources: { type: string; ARN: string; accountId?: string }[];
  error?: AwsError;
  /** The resource owner's account when it is not the caller's: it gets a record too. */
  resourceAccount?: string;
  time: Date;
  /** A management event through the same path (e.g. S3's bucket-level calls); default: a data event. */
  management?: boolean;
}

/** A data event (eventCategory Data, managementEvent false), e.g. S3 GetObject / PutObject. */
export function buildDataEvents(d: DataEventInput, store: Store): BuiltEvent[] {
  const record: CloudTrailRecord = {
    eventVersion: EVENT_VERSION,
    userIdentity: userIdentityOf(d.caller, store),
    eventTime: isoSeconds(d.time),
    eventSource: d.eventSource,
    eventName: d.eventName,
    awsRegion: d.region,
    sourceIPAddress: d.sourceIp,
    userAgent: d.userAgent.slice(0, 1024),
  };
  if (d.error) {
    record.errorCode = d.error.code;
    record.errorMessage = d.error.message;
  }
  record.requestParameters = d.requestParameters;
  record.responseElements = d.error ? null : (d.responseElements ?? null);
  if (d.additionalEventData) record.additionalEventData = d.additionalEventData;
  record.requestID = d.requestId;
  record.eventID = eventId();
  record.readOnly = d.readOnly;
  record.resources = d.resources;
  record.eventType = 'AwsApiCall';
  record.managementEvent = d.management === true;
  record.recipientAccountId = d.caller.accountId;
  record.eventCategory = d.management ? 'Management' : 'Data';
  bound(record);
  const base = {
    time: d.time,
    name: d.eventName,
    source: d.eventSource,
    username: keyPart(usernameOf(d.caller)),
    accessKeyId: keyPart(d.caller.accessKeyId),
    readOnly: d.readOnly,
    resources: d.resources.flatMap((r) => (keyPart(r.ARN) ? [{ type: r.type, name: r.ARN }] : [])),
  };
  if (d.resourceAccount && d.resourceAccount !== d.caller.accountId) {
    const shared = randomUUID();
    record.sharedEventID = shared;
    const other: CloudTrailRecord = {
      ...record,
      userIdentity: awsAccountIdentity(d.caller),
      eventID: eventId(),
      recipientAccountId: d.resourceAccount,
      sharedEventID: shared,
    };
    moveEventCategoryLast(record);
    moveEventCategoryLast(other);
    return [builtEvent(d.caller.accountId, record, base), builtEvent(d.resourceAccount, other, base)];
  }
  return [builtEvent(d.caller.accountId, record, base)];
}

/** A record built as an object (the less frequent kinds), with its lookup columns. */
export function builtEvent(
  account: string,
  record: CloudTrailRecord,
  columns: Omit<BuiltEvent, 'account' | 'id' | 'region' | 'json'>,
): BuiltEvent {
  return {
    ...columns,
    account,
    id: record.eventID as string,
    region: record.awsRegion as string,
    json: JSON.stringify(record),
  };
}
