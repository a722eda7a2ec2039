// The identity-side policies of a federated-user session (GetFederationToken). AWS evaluates such a
// session with the policies of the IAM user who called GetFederationToken — read at each request, so
// later changes to the user apply — intersected with the session policies sealed in the token, and
// limited by the user's permissions boundary. A session made by the root user has root's permissions
// (everything) as its identity side, so only its session policies limit it. When the user no longer
// exists, nothing is allowed.
import type { Store } from '../../store/index.js';
import type { Caller } from '../caller.js';
import { compiledDocument, userPolicies, type PrincipalPolicies } from '../iam/principal-policies.js';
import type { SessionInfo } from './authenticate-session.js';

const ROOT_PERMISSIONS =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const USER_ARN_RE = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/;

export function federatedUserPolicies(store: Store, c: Caller): PrincipalPolicies {
  const origin = (c.session as SessionInfo | undefined)?.claims.origin?.arn;
  if (origin === undefined) return { identity: [] };
  if (origin === `arn:aws:iam::${c.accountId}:root`) {
    return { identity: [compiledDocument(ROOT_PERMISSIONS, 'identity', { name: 'root user' })] };
  }
  const m = USER_ARN_RE.exec(origin);
  if (!m || m[1] !== c.accountId) return { identity: [] };
  // The session's principal tags are its session tags, not the user's.
  const { identity, boundary } = userPolicies(store, c.accountId, m[2]!);
  return { identity, boundary };
}
