// STS operations beyond AssumeRole/GetCallerIdentity (registered by ./index.ts), and the rule AWS applies
// to the credentials GetSessionToken returns.
import type { OperationDef } from '../types.js';
import type { Caller } from '../caller.js';
import { AwsError, accessDenied, invalidClientTokenId } from '../../wire/errors.js';
import type { SessionInfo } from './authenticate-session.js';
import AssumeRoleWithWebIdentity from './operations/AssumeRoleWithWebIdentity.js';
import AssumeRoleWithSAML from './operations/AssumeRoleWithSAML.js';
import GetSessionToken from './operations/GetSessionToken.js';
import GetAccessKeyInfo from './operations/GetAccessKeyInfo.js';
import DecodeAuthorizationMessage from './operations/DecodeAuthorizationMessage.js';
import GetFederationToken from './operations/GetFederationToken.js';

export const stsExtraOperations: OperationDef[] = [
  AssumeRoleWithWebIdentity,
  AssumeRoleWithSAML,
  GetSessionToken,
  GetAccessKeyInfo,
  DecodeAuthorizationMessage,
  GetFederationToken,
];

/** STS operations the session of GetSessionToken may still call (GetFederationToken's: only GetCallerIdentity). */
const STS_ALLOWED_FROM_USER_SESSIONS = new Set(['AssumeRole', 'GetCallerIdentity']);

/**
 * AWS's limits on the credentials of GetSessionToken and GetFederationToken: no IAM call from a
 * GetSessionToken session created without MFA, nor from a federated user (AWS answers
 * InvalidClientTokenId), and no STS call but AssumeRole and GetCallerIdentity (federated users: only
 * GetCallerIdentity). Call it in the dispatcher after authentication, before authorization;
 * undefined = allowed.
 */
export function sessionTokenRestriction(
  caller: Caller,
  service: string,
  operation: string,
): AwsError | undefined {
  const s = caller.session as SessionInfo | undefined;
  if (!s) return undefined;
  const kind = s.claims.type;
  if (kind !== 'IAMUser' && kind !== 'Root' && kind !== 'FederatedUser') return undefined;
  if (service === 'iam' && (kind === 'FederatedUser' || s.claims.mfa === undefined))
    return invalidClientTokenId();
  if (service !== 'sts' || operation === 'GetCallerIdentity') return undefined;
  if (kind !== 'FederatedUser' && STS_ALLOWED_FROM_USER_SESSIONS.has(operation)) return undefined;
  return accessDenied(`Cannot call ${operation} with session credentials`);
}
