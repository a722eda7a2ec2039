// sts:DecodeAuthorizationMessage, and the encoding other services use for it. When an operation (EC2's,
// for instance) refuses a request with an "Encoded authorization failure message", the message is the
// decision's details in AWS's JSON shape, sealed with the server's master key (AES-256-GCM via the
// SecretBox) so that only rolechain can read it and nobody can forge one. Only principals of the
// account the request was made in can decode it (and need sts:DecodeAuthorizationMessage).
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import type { ServerEnv } from '../../env.js';

interface Input {
  EncodedMessage: string;
}

/** AWS's decoded message shape. */
export interface AuthorizationMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: {
    items: {
      statementId?: string;
      effect: string;
      principals?: unknown;
      actions?: unknown;
      resources?: unknown;
      conditions?: unknown;
    }[];
  };
  failures: { items: unknown[] };
  context: {
    principal: { id: string; name?: string; arn: string };
    action: string;
    resource: string;
    conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
  };
}

export interface AuthorizationMessageInput {
  /** The account of the denied request: only its principals may decode the message. */
  account: string;
  principal: { id: string; name?: string; arn: string };
  action: string;
  resource: string;
  explicitDeny: boolean;
  /** The request's context keys (as the engine saw them). */
  context?: Record<string, string | readonly string[]>;
  matchedStatements?: AuthorizationMessage['matchedStatements']['items'];
}

export function buildAuthorizationMessage(i: AuthorizationMessageInput): AuthorizationMessage {
  return {
    allowed: false,
    explicitDeny: i.explicitDeny,
    matchedStatements: { items: i.matchedStatements ?? [] },
    failures: { items: [] },
    context: {
      principal: i.principal,
      action: i.action,
      resource: i.resource,
      conditions: {
        items: Object.entries(i.context ?? {}).map(([key, v]) => ({
          key,
          values: { items: (typeof v === 'string' ? [v] : [...v]).map((value) => ({ value })) },
        })),
      },
    },
  };
}

const PREFIX = 'sb1:';

/** The opaque text to put after "Encoded authorization failure message: ". */
export function encodeAuthorizationMessage(env: ServerEnv, i: AuthorizationMessageInput): string {
  const sealed = env.secrets.seal(JSON.stringify({ a: i.account, m: buildAuthorizationMessage(i) }));
  return Buffer.from(sealed.slice(PREFIX.length), 'base64').toString('base64url');
}

const invalidMessage = () =>
  new AwsError('InvalidAuthorizationMessageException', 'The encoded authorization message is not valid.');

/** Opens an encoded message; undefined when it is not one of ours or was tampered with. */
export function decodeAuthorizationMessage(
  env: ServerEnv,
  encoded: string,
): { account: string; message: AuthorizationMessage } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  try {
    const raw = Buffer.from(encoded, 'base64url');
    if (raw.length < 29) return undefined;
    const o = JSON.parse(env.secrets.open(PREFIX + raw.toString('base64'))) as {
      a: string;
      m: AuthorizationMessage;
    };
    return { account: o.a, message: o.m };
  } catch {
    return undefined;
  }
}

export default defineOperation<Input, { DecodedMessage: string }>({
  name: 'DecodeAuthorizationMessage',
  readOnly: true,
  authz: () => ({ action: 'sts:DecodeAuthorizationMessage', resource: '*' }),
  handler(ctx, input) {
    const d = decodeAuthorizationMessage(ctx.env, input.EncodedMessage.trim());
    if (!d || d.account !== ctx.caller.accountId) throw invalidMessage();
    return { DecodedMessage: JSON.stringify(d.message) };
  },
});
