// An API call's CloudTrail records, in CloudTrail's field names and order, made from the call's facts
// (CallFacts: what the request-serving thread knows, identity included) and its decoded input and output.
// Pure: no store, no request objects, so that it runs on either thread — on the request-serving thread for
// the memory and PostgreSQL stores (and trail files), in the events worker for SQLite (./call-lines.ts).
import { randomUUID } from 'node:crypto';
import { jsonString, type EventResource, type StoredEvent } from '../../store/index.js';
import { loadModel, type ServiceName } from '../../wire/models.js';
import { elementsInto } from './elements.js';
import { eventId } from './event-id.js';
import { isoSeconds } from './format.js';
import { TextPieces } from './text-pieces.js';

/** The current CloudTrail record format version. */
export const EVENT_VERSION = '1.11';
const RECORD_START = `{"eventVersion":"${EVENT_VERSION}","userIdentity":`;
const RESPONSE_ELEMENTS = ',"responseElements":';
/** The pieces of the record being built (records are built one at a time, synchronously). */
const PARTS = new TextPieces();
/** CloudTrail's largest event; bigger request/response elements are dropped, the rest kept. */
export const MAX_RECORD_CHARS = 256 * 1024;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?[^/]+$/;

/** What a call's records are made of besides its input and output (see callFacts in ./record.ts). */
export interface CallFacts {
  /** The service's model name ("iam", "sts", …). */
  service: ServiceName;
  /** eventSource, e.g. "sts.amazonaws.com". */
  source: string;
  name: string;
  region: string;
  timeMs: number;
  requestId: string;
  sourceIp: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  readOnly: boolean;
  /** userIdentity as JSON text. */
  identity: string;
  /** The account whose trail receives the record. */
  account: string;
  username?: string;
  accessKeyId?: string;
  /**
   * The record's eventID, made with the facts: a record sent again (its append was refused, or its commit's
   * answer lost) keeps its id, and the store keeps it once.
   */
  eventId: string;
  /** Cross-account AssumeRole: the userIdentity (JSON text) the role's account's record shows. */
  otherIdentity?: string;
  /** With otherIdentity: the role account's record's eventID, and the sharedEventID of both. */
  otherEventId?: string;
  sharedEventId?: string;
}

/** A record (as the JSON text it is stored and shipped as) with the columns LookupEvents filters on. */
export interface BuiltEvent extends StoredEvent {
  region: string;
}

/** The role account of an AssumeRole* call's RoleArn, if it names one. */
export function assumedRoleAccount(name: string, input: Record<string, unknown>): string | undefined {
  return name.startsWith('AssumeRole') ? roleAccountOf(input.RoleArn) : undefined;
}

/** The last role ARN looked at, and its account: a client mostly assumes the same role again. */
let lastArn = '';
let lastArnAccount: string | undefined;

/** The account of a role ARN (12 digits), if `arn` is one. */
export function roleAccountOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  if (arn !== lastArn) {
    lastArn = arn;
    lastArnAccount = ROLE_ARN.exec(arn)?.[1];
  }
  return lastArnAccount;
}

/**
 * A call's requestParameters and responseElements as JSON text (secrets left out: ./elements.ts), and the
 * resources LookupEvents finds its records by. Made where the input and output are (the request thread);
 * the records are then assembled from these, there or in the events worker (./call-lines.ts).
 */
export interface CallElements {
  /** JSON text, "null" when none. */
  requestParameters: string;
  responseElements: string;
  resources: EventResource[];
  /** AssumeRole*: the role (the record's resources) and its account. */
  roleArn?: string;
  roleAccount?: string;
}

/** Pieces of the elements being written (one call at a time, synchronously). */
const ELEMENTS = new TextPieces();

/** The part of a call's elements made from its input alone (so the same for the same input). */
export type InputElements = Omit<CallElements, 'responseElements'>;

/** The call's elements made from its decoded input (undefined or null: refused before decoding). */
export function inputElements(f: CallFacts, inputValue: unknown): InputElements {
  const model = loadModel(f.service);
  const decoded = inputValue !== undefined && inputValue !== null;
  const input = (decoded ? inputValue : {}) as Record<string, unknown>;
  const roleAccount = assumedRoleAccount(f.name, input);
  const roleArn = roleAccount ? (input.RoleArn as string) : undefined;
  const p = ELEMENTS;
  p.reset();
  const requestParameters =
    decoded && elementsInto(p, model, model.operation(f.name)?.input?.shape, input) ? p.join() : 'null';
  const recordResources = roleArn && roleAccount ? [{ type: 'AWS::IAM::Role', ARN: roleArn }] : undefined;
  return {
    requestParameters,
    resources: lookupResources(recordResources, input),
    roleArn: roleAccount ? roleArn : undefined,
    roleAccount,
  };
}

/**
 * The call's elements, from its decoded input and output (input undefined or null: refused before
 * decoding); `fromInput`, if given, is inputElements(f, inputValue), made before for the same input.
 */
export function callElements(
  f: CallFacts,
  inputValue: unknown,
  outputValue: unknown,
  fromInput: InputElements = inputElements(f, inputValue),
): CallElements {
  const model = loadModel(f.service);
  const p = ELEMENTS;
  p.reset();
  let requestParameters = fromInput.requestParameters;
  let responseElements =
    f.errorCode === undefined &&
    !f.readOnly &&
    outputValue !== undefined &&
    outputValue !== null &&
    elementsInto(p, model, model.operation(f.name)?.output?.shape, outputValue)
      ? p.join()
      : 'null';
  // Over CloudTrail's event size, the request and response elements go; the event stays.
  if (requestParameters.length + responseElements.length > MAX_RECORD_CHARS)
    requestParameters = responseElements = 'null';
  return {
    requestParameters,
    responseElements,
    resources: fromInput.resources,
    roleArn: fromInput.roleArn,
    roleAccount: fromInput.roleAccount,
  };
}

/**
 * The call's records: one, or two (sharing a sharedEventID) for a cross-account AssumeRole. `inputValue`
 * undefined or null: the request was refused before it was decoded.
 */
export function buildCallEvents(f: CallFacts, inputValue: unknown, outputValue: unknown): BuiltEvent[] {
  return assembleCallEvents(f, callElements(f, inputValue, outputValue));
}

/** The call's records from its facts and elements. */
export function assembleCallEvents(f: CallFacts, el: CallElements): BuiltEvent[] {
  const name = f.name;
  const readOnly = f.readOnly;
  const { roleArn, roleAccount } = el;
  // The record's text in pieces, joined once per record (concatenated, it made an intermediate string per
  // member). Everything but the identity, the event id and the recipient is the same in both accounts'
  // records; those three (and the sharedEventID) are slots filled in per record.
  const p = PARTS;
  p.reset();
  p.add(RECORD_START);
  p.add(''); // the identity: slot 1
  p.add(callHead(f));
  if (f.errorCode !== undefined) {
    p.add(',"errorCode":');
    p.add(jsonString(f.errorCode));
    p.add(',"errorMessage":');
    p.add(jsonString(f.errorMessage ?? ''));
  }
  p.add(',"requestParameters":');
  p.add(el.requestParameters);
  p.add(RESPONSE_ELEMENTS);
  p.add(el.responseElements);
  // Our own ids (UUIDs) and account ids (12 digits) need no escaping.
  p.add(',"requestID":"');
  p.add(f.requestId);
  p.add('","eventID":"');
  const idSlot = p.n;
  p.add('');
  p.add(readOnly ? '","readOnly":true' : '","readOnly":false');
  if (roleArn && roleAccount) {
    p.add(',"resources":[{"accountId":"');
    p.add(roleAccount);
    p.add('","type":"AWS::IAM::Role","ARN":');
    p.add(jsonString(roleArn));
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

  const time = new Date(f.timeMs);
  const username = keyPart(f.username);
  const accessKeyId = keyPart(f.accessKeyId);
  const resources = el.resources;
  // A literal, not `{ ...base, … }`: V8's object spread here cost ~3 µs a record, half the record's cost.
  const event = (account: string, id: string, json: string): BuiltEvent => ({
    account,
    time,
    id,
    region: f.region,
    json,
    name,
    source: f.source,
    username,
    accessKeyId,
    readOnly,
    resources,
  });
  const id = f.eventId;
  if (roleAccount && f.otherIdentity !== undefined) {
    const shared = f.sharedEventId ?? randomUUID();
    const otherId = f.otherEventId ?? eventId();
    return [
      event(f.account, id, recordJson(f.identity, id, f.account, shared)),
      event(roleAccount, otherId, recordJson(f.otherIdentity, otherId, roleAccount, shared)),
    ];
  }
  return [event(f.account, id, recordJson(f.identity, id, f.account, undefined))];
}

/** The last head made: a client mostly repeats the same call from the same place, within a second. */
let lastHead: { second: number; f: CallFacts; text: string } | undefined;

/** The record's members from eventTime to userAgent, as JSON text (leading comma included). */
function callHead(f: CallFacts): string {
  const second = Math.floor(f.timeMs / 1000);
  const last = lastHead;
  if (
    last &&
    last.second === second &&
    last.f.name === f.name &&
    last.f.source === f.source &&
    last.f.region === f.region &&
    last.f.sourceIp === f.sourceIp &&
    last.f.userAgent === f.userAgent
  )
    return last.text;
  const text =
    ',"eventTime":' +
    JSON.stringify(isoSeconds(f.timeMs)) +
    ',"eventSource":' +
    JSON.stringify(f.source) +
    ',"eventName":' +
    JSON.stringify(f.name) +
    ',"awsRegion":' +
    JSON.stringify(f.region) +
    ',"sourceIPAddress":' +
    JSON.stringify(f.sourceIp) +
    ',"userAgent":' +
    JSON.stringify(f.userAgent.slice(0, 1024));
  lastHead = { second, f, text };
  return text;
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

/** A value LookupEvents can be keyed by (the store's key rules), else undefined. */
export function keyPart(v: string | undefined): string | undefined {
  return v && v.length <= 1024 && !v.includes('\u0000') ? v : undefined;
}
