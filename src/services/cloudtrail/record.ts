// One CloudTrail record per API call, in CloudTrail's field names and order. Built from what the
// request handler captured (ApiCallCapture): the service and operation, the decoded input, the output,
// the authenticated caller (or what an unauthenticated request claimed), and the error if any.
import { eventId } from './event-id.js';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../caller.js';
import type { OperationDef, ServiceDef } from '../types.js';
import type { Store, EventResource } from '../../store/index.js';
import type { WireRequest } from '../../wire/protocol.js';
import { AwsError, internalFailure, isAwsError } from '../../wire/errors.js';
import { forEc2, forJson } from '../../wire/protocol-errors.js';
import { loadModel, type ServiceName } from '../../wire/models.js';
import { getAccessKey } from '../accounts/access-keys.js';
import { elementsInto } from './elements.js';
import { TextPieces } from './text-pieces.js';
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

/** The current CloudTrail record format version. */
export const EVENT_VERSION = '1.11';
const RECORD_START = `{"eventVersion":"${EVENT_VERSION}","userIdentity":`;
const RESPONSE_ELEMENTS = ',"responseElements":';
/** The pieces of the record being built (records are built one at a time, synchronously). */
const PARTS = new TextPieces();
/** CloudTrail's largest event; bigger request/response elements are dropped, the rest kept. */
export const MAX_RECORD_CHARS = 256 * 1024;

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

/** A record (as the JSON text it is stored and shipped as) with the columns LookupEvents filters on. */
export interface BuiltEvent {
  account: string;
  time: Date;
  id: string;
  region: string;
  json: string;
  name: string;
  source: string;
  username?: string;
  accessKeyId?: string;
  readOnly: boolean;
  resources: EventResource[];
}

export interface BuildEnv {
  store: Store;
  now: Date;
  managementAccount: string;
  defaultRegion: string;
}

const READ_ONLY_NAME = /^(Get|List|Describe|Lookup|Search|Simulate|Generate|Decode)/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?[^/]+$/;

/** The records for one API call: one, or two (sharing a sharedEventID) for a cross-account AssumeRole. */
export function buildApiCallEvents(cap: ApiCallCapture, err: unknown, env: BuildEnv): BuiltEvent[] {
  const service = cap.service;
  if (!service) return [];
  const name = cap.operation ?? operationFromWire(cap.wire);
  if (!name || name.length > 128) return [];
  const model = loadModel(service.name as ServiceName);
  const opModel = model.operation(name);
  const error = err === undefined ? undefined : wireError(err, service);
  const input = (cap.input ?? {}) as Record<string, unknown>;
  const readOnly = cap.op?.readOnly ?? READ_ONLY_NAME.test(name);

  const who = identify(cap, input, env);
  const roleArn =
    name.startsWith('AssumeRole') && typeof input.RoleArn === 'string' ? input.RoleArn : undefined;
  const roleAccount = roleArn ? ROLE_ARN.exec(roleArn)?.[1] : undefined;
  const recordResources =
    roleArn && roleAccount ? [{ accountId: roleAccount, type: 'AWS::IAM::Role', ARN: roleArn }] : undefined;

  const region = cap.region ?? env.defaultRegion;
  // The record's text in pieces, joined once per record (concatenated, it made an intermediate string per
  // member). Everything but the identity, the event id and the recipient is the same in both accounts'
  // records; those three (and the sharedEventID) are slots filled in per record.
  const p = PARTS;
  p.reset();
  p.add(RECORD_START);
  p.add(''); // the identity: slot 1
  p.add(
    callHead(
      cap.caller,
      env.now.getTime(),
      service.eventSource,
      name,
      region,
      cap.sourceIp,
      cap.wire?.headers['user-agent'] ?? '',
    ),
  );
  if (error) {
    p.add(',"errorCode":');
    p.add(JSON.stringify(error.code));
    p.add(',"errorMessage":');
    p.add(JSON.stringify(error.message));
  }
  p.add(',"requestParameters":');
  const elementsStart = p.n;
  if (cap.input === undefined || !elementsInto(p, model, opModel?.input?.shape, input)) p.add('null');
  p.add(RESPONSE_ELEMENTS);
  if (
    error ||
    readOnly ||
    cap.output === undefined ||
    !elementsInto(p, model, opModel?.output?.shape, cap.output)
  )
    p.add('null');
  // Over CloudTrail's event size, the request and response elements go; the event stays.
  if (p.charsFrom(elementsStart) - RESPONSE_ELEMENTS.length > MAX_RECORD_CHARS) {
    p.n = elementsStart;
    p.add('null');
    p.add(RESPONSE_ELEMENTS);
    p.add('null');
  }
  // Our own ids (UUIDs) and account ids (12 digits) need no escaping.
  p.add(',"requestID":"');
  p.add(cap.requestId);
  p.add('","eventID":"');
  const idSlot = p.n;
  p.add('');
  p.add(readOnly ? '","readOnly":true' : '","readOnly":false');
  if (roleArn && roleAccount) {
    p.add(',"resources":[{"accountId":"');
    p.add(roleAccount);
    p.add('","type":"AWS::IAM::Role","ARN":');
    p.add(JSON.stringify(roleArn));
    p.add('}]');
  }
  p.add(',"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"');
  const recipientSlot = p.n;
  p.add(''); // the recipient
  p.add(''); // the sharedEventID member, if any
  p.add('","eventCategory":"Management"}');
  const recordJson = (identity: string, id: string, recipient: string, shared: string | undefined) => {
    p.set(1, identity);
    p.set(idSlot, id);
    p.set(recipientSlot, recipient);
    p.set(recipientSlot + 1, shared ? '","sharedEventID":"' + shared : '');
    return p.join();
  };

  const username = keyPart(who.username);
  const accessKeyId = keyPart(cap.caller?.accessKeyId ?? cap.claimedAccessKeyId);
  const resources = lookupResources(recordResources, input);
  // A literal, not `{ ...base, … }`: V8's object spread here cost ~3 µs a record, half the record's cost.
  const event = (account: string, id: string, json: string): BuiltEvent => ({
    account,
    time: env.now,
    id,
    region,
    json,
    name,
    source: service.eventSource,
    username,
    accessKeyId,
    readOnly,
    resources,
  });
  const id = eventId();
  // Cross-account AssumeRole: the role's account gets its own record; both share a sharedEventID.
  if (roleAccount && cap.caller?.accountId && roleAccount !== who.account) {
    const shared = randomUUID();
    const otherId = eventId();
    const otherIdentity = JSON.stringify(awsAccountIdentity(cap.caller));
    return [
      event(who.account, id, recordJson(who.identity, id, who.account, shared)),
      event(roleAccount, otherId, recordJson(otherIdentity, otherId, roleAccount, shared)),
    ];
  }
  return [event(who.account, id, recordJson(who.identity, id, who.account, undefined))];
}

interface CallHead {
  second: number;
  source: string;
  name: string;
  region: string;
  ip: string;
  userAgent: string;
  text: string;
}

/** The last head per caller: a client mostly repeats the same call from the same place. */
const heads = new WeakMap<object, CallHead>();

/** The record's members from eventTime to userAgent, as JSON text (leading comma included). */
function callHead(
  caller: object | undefined,
  nowMs: number,
  source: string,
  name: string,
  region: string,
  ip: string,
  userAgent: string,
): string {
  const second = Math.floor(nowMs / 1000);
  const last = caller && heads.get(caller);
  if (
    last &&
    last.second === second &&
    last.name === name &&
    last.source === source &&
    last.region === region &&
    last.ip === ip &&
    last.userAgent === userAgent
  )
    return last.text;
  const text =
    ',"eventTime":' +
    JSON.stringify(isoSeconds(nowMs)) +
    ',"eventSource":' +
    JSON.stringify(source) +
    ',"eventName":' +
    JSON.stringify(name) +
    ',"awsRegion":' +
    JSON.stringify(region) +
    ',"sourceIPAddress":' +
    JSON.stringify(ip) +
    ',"userAgent":' +
    JSON.stringify(userAgent.slice(0, 1024));
  if (caller) heads.set(caller, { second, source, name, region, ip, userAgent, text });
  return text;
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
    const roleAccount = typeof input.RoleArn === 'string' ? ROLE_ARN.exec(input.RoleArn)?.[1] : undefined;
    return {
      identity: JSON.stringify(webIdentityUser(provider, audience, subject)),
      account: roleAccount ?? env.managementAccount,
      username: subject || undefined,
    };
  }
  if (cap.operation === 'AssumeRoleWithSAML') {
    // Unsigned: only a verified assertion names the caller (its NameQualifier and Subject).
    const out = cap.output as { NameQualifier?: string; Subject?: string } | undefined;
    const roleAccount = typeof input.RoleArn === 'string' ? ROLE_ARN.exec(input.RoleArn)?.[1] : undefined;
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

/** The resources LookupEvents' ResourceType/ResourceName find a record by. */
function lookupResources(
  recordResources: { type: string; ARN: string }[] | undefined,
  input: Record<string, unknown>,
): EventResource[] {
  const out: EventResource[] = (recordResources ?? []).map((r) => ({ type: r.type, name: r.ARN }));
  const add = (type: string, v: unknown) => {
    const name = typeof v === 'string' ? keyPart(v) : undefined;
    if (name) out.push({ type, name });
  };
  add('AWS::IAM::User', input.UserName);
  add('AWS::IAM::Role', input.RoleName);
  add('AWS::IAM::Group', input.GroupName);
  add('AWS::IAM::Policy', input.PolicyArn);
  add('AWS::IAM::InstanceProfile', input.InstanceProfileName);
  add('AWS::IAM::AccessKey', input.AccessKeyId);
  return out;
}

function keyPart(v: string | undefined): string | undefined {
  return v && v.length <= 1024 && !v.includes('\u0000') ? v : undefined;
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
