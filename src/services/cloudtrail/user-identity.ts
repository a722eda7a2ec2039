// CloudTrail's userIdentity element, per identity type, built field by field from the Caller. Never
// serialises the caller's session object (it holds the session's secret key): only named fields.
import type { Caller } from '../caller.js';
import type { SessionInfo } from '../sts/authenticate-session.js';
import type { Store } from '../../store/index.js';
import { getUserByName } from '../iam/model.js';
import { isoSeconds } from './format.js';

export type UserIdentity = Record<string, unknown> & { type: string };

const identityJson = new WeakMap<Caller, string>();

/**
 * userIdentityOf as JSON text, made once per Caller: a caller (a key's owner, an opened session) makes many
 * calls, and its identity element does not change while the object lives.
 */
export function userIdentityJson(caller: Caller, store?: Store): string {
  let json = identityJson.get(caller);
  if (json === undefined) {
    json = JSON.stringify(userIdentityOf(caller, store));
    identityJson.set(caller, json);
  }
  return json;
}

/** The identity of an authenticated caller, as its own account's trail shows it. */
export function userIdentityOf(caller: Caller, store?: Store): UserIdentity {
  const session = caller.session as SessionInfo | undefined;
  const base: UserIdentity = {
    type: caller.type,
    principalId: caller.userId,
    arn: caller.arn,
    accountId: caller.accountId,
  };
  if (caller.accessKeyId !== undefined) base.accessKeyId = caller.accessKeyId;
  switch (caller.type) {
    case 'Root':
      if (session) base.sessionContext = sessionContext(session, {});
      return base;
    case 'IAMUser':
      if (caller.userName !== undefined) base.userName = caller.userName;
      if (session) base.sessionContext = sessionContext(session, {});
      return base;
    case 'AssumedRole': {
      const role = caller.role;
      const issuer = role
        ? {
            type: 'Role',
            principalId: role.id,
            arn: role.arn,
            accountId: caller.accountId,
            userName: role.name,
          }
        : {};
      if (session) base.sessionContext = sessionContext(session, issuer);
      return base;
    }
    case 'FederatedUser': {
      const origin = session?.claims.origin;
      if (session) base.sessionContext = sessionContext(session, federationIssuer(origin?.arn, store));
      return base;
    }
    default:
      return base;
  }
}

function sessionContext(s: SessionInfo, issuer: Record<string, unknown>): Record<string, unknown> {
  const c = s.claims;
  const webId =
    c.type === 'WebIdentityUser' && c.origin?.provider
      ? { federatedProvider: c.origin.provider, attributes: {} }
      : {};
  const ctx: Record<string, unknown> = {
    sessionIssuer: issuer,
    webIdFederationData: webId,
    attributes: {
      creationDate: isoSeconds(c.iat),
      mfaAuthenticated: s.mfaAuthenticated ? 'true' : 'false',
    },
  };
  if (s.sourceIdentity !== undefined) ctx.sourceIdentity = s.sourceIdentity;
  return ctx;
}

/** GetFederationToken sessions: the IAM user (or root) that created them. */
function federationIssuer(arn: string | undefined, store: Store | undefined): Record<string, unknown> {
  if (!arn) return {};
  const m = /^arn:aws:iam::(\d{12}):(root|user\/(?:.*\/)?([^/]+))$/.exec(arn);
  if (!m) return {};
  const accountId = m[1]!;
  if (m[2] === 'root') return { type: 'Root', principalId: accountId, arn, accountId };
  const user = store ? getUserByName(store, accountId, m[3]!) : undefined;
  return { type: 'IAMUser', principalId: user?.userId ?? '', arn, accountId, userName: m[3]! };
}

/** AssumeRoleWithWebIdentity's caller: the token's subject at its provider. */
export function webIdentityUser(provider: string, audience: string, subject: string): UserIdentity {
  return {
    type: 'WebIdentityUser',
    principalId: `${provider}:${audience}:${subject}`,
    userName: subject,
    identityProvider: provider,
  };
}

/** AssumeRoleWithSAML's caller: the assertion's subject, qualified by its provider's NameQualifier. */
export function samlUser(nameQualifier: string, subject: string): UserIdentity {
  return {
    type: 'SAMLUser',
    principalId: `${nameQualifier}:${subject}`,
    userName: subject,
    identityProvider: nameQualifier,
  };
}

/** How a resource account's trail shows a caller from another account. */
export function awsAccountIdentity(caller: Caller): UserIdentity {
  const id: UserIdentity = { type: 'AWSAccount', principalId: caller.userId, accountId: caller.accountId };
  if (caller.accessKeyId !== undefined) id.accessKeyId = caller.accessKeyId;
  return id;
}

/** A call an AWS service makes on its own (e.g. EC2 fetching instance-profile credentials). */
export function awsServiceIdentity(invokedBy: string): UserIdentity {
  return { type: 'AWSService', invokedBy };
}

/** A request whose credentials could not be verified: only what the request claimed. */
export function unknownIdentity(accountId: string, accessKeyId: string | undefined): UserIdentity {
  const id: UserIdentity = { type: 'Unknown', principalId: '', accountId };
  if (accessKeyId !== undefined) id.accessKeyId = accessKeyId;
  return id;
}

/** LookupEvents' Username for an identity: the user, "root", the role session or the web subject. */
export function usernameOf(caller: Caller | undefined): string | undefined {
  if (!caller) return undefined;
  switch (caller.type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return caller.userName;
    case 'AssumedRole':
      return caller.sessionName;
    case 'FederatedUser':
      return caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
    default:
      return undefined;
  }
}
