// cloudtrail:LookupEvents — the caller's account's event history, newest first: at most one lookup
// attribute, a time range, pages of at most 50 with an opaque NextToken bound to the query it came
// from. Reads its own writes: the recorder's buffer is flushed first.
import { createHash } from 'node:crypto';
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import type { EventQuery, StoredEvent } from '../../../store/index.js';
import { auditRecorder } from '../recorder.js';

interface Input {
  LookupAttributes?: { AttributeKey: string; AttributeValue: string }[];
  StartTime?: Date;
  EndTime?: Date;
  EventCategory?: string;
  MaxResults?: number;
  NextToken?: string;
}

const KEYS = new Set([
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
]);

const invalidAttributes = (m: string) => new AwsError('InvalidLookupAttributesException', m);
const invalidNextToken = () =>
  new AwsError('InvalidNextTokenException', 'Invalid NextToken. Make sure the token is not modified.');

export default defineOperation<Input>({
  name: 'LookupEvents',
  readOnly: true,
  authz: () => ({ action: 'cloudtrail:LookupEvents', resource: '*' }),
  async handler(ctx, input) {
    const attrs = input.LookupAttributes ?? [];
    if (attrs.length > 1) throw invalidAttributes('You cannot specify more than one lookup attribute.');
    const attr = attrs[0];
    if (attr && !KEYS.has(attr.AttributeKey)) {
      throw invalidAttributes(`Lookup attribute key ${attr.AttributeKey} is not supported.`);
    }
    if (input.StartTime && input.EndTime && input.StartTime.getTime() > input.EndTime.getTime()) {
      throw new AwsError('InvalidTimeRangeException', 'Start time must be before end time.');
    }
    const max = input.MaxResults ?? 50;
    if (!Number.isInteger(max) || max < 1 || max > 50) {
      throw new AwsError('InvalidMaxResultsException', 'Maximum results must be between 1 and 50.');
    }
    // CloudTrail Insights events are not produced: that category is always empty.
    if (input.EventCategory === 'insight') return { Events: [] };

    const fingerprint = queryFingerprint(ctx.caller.accountId, input);
    const q: EventQuery = { account: ctx.caller.accountId, limit: max + 1 };
    if (input.StartTime) q.start = input.StartTime;
    if (input.EndTime) q.end = input.EndTime;
    if (attr) q.attribute = { key: attr.AttributeKey, value: attr.AttributeValue };
    if (input.NextToken !== undefined) q.before = openToken(input.NextToken, fingerprint);

    await auditRecorder(ctx.env)?.flush();
    const found = await ctx.env.store.queryEvents(q);
    const page = found.slice(0, max);
    const last = page[page.length - 1];
    return {
      Events: page.map(toEvent),
      NextToken: found.length > max && last ? sealToken(last, fingerprint) : undefined,
    };
  },
});

function toEvent(e: StoredEvent) {
  return {
    EventId: e.id,
    EventName: e.name,
    ReadOnly: e.readOnly ? 'true' : 'false',
    AccessKeyId: e.accessKeyId,
    EventTime: e.time,
    EventSource: e.source,
    Username: e.username,
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: e.json,
  };
}

/** A token only pages the query it came from (same account, attribute and time range). */
function queryFingerprint(account: string, input: Input): string {
  const a = input.LookupAttributes?.[0];
  return createHash('sha256')
    .update(
      JSON.stringify([
        account,
        a?.AttributeKey,
        a?.AttributeValue,
        input.StartTime?.getTime(),
        input.EndTime?.getTime(),
      ]),
    )
    .digest('base64url')
    .slice(0, 16);
}

function sealToken(last: StoredEvent, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, t: last.time.getTime(), id: last.id, f: fingerprint })).toString(
    'base64url',
  );
}

function openToken(token: string, fingerprint: string): { time: Date; id: string } {
  if (token.length > 1024) throw invalidNextToken();
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: unknown;
      t?: unknown;
      id?: unknown;
      f?: unknown;
    };
    if (
      v.v === 1 &&
      typeof v.t === 'number' &&
      Number.isFinite(v.t) &&
      typeof v.id === 'string' &&
      v.id.length > 0 &&
      v.f === fingerprint
    ) {
      return { time: new Date(v.t), id: v.id };
    }
  } catch {
    // fall through
  }
  throw invalidNextToken();
}
