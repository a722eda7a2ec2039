// Mints temporary credentials: an ASIA access key id, a fresh secret, and the session token that seals
// both with the session's claims. Used by AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken, and
// the instance metadata service.
import type { ServerEnv } from '../env.js';
import * as ids from '../ids.js';
import { stsRuntime } from './runtime.js';
import { sealSession, type SessionClaims } from './session-token.js';

export interface IssuedCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

export function issueSession(
  env: ServerEnv,
  claims: Omit<SessionClaims, 'akid' | 'secret'>,
): { Credentials: IssuedCredentials; claims: SessionClaims } {
  const full: SessionClaims = { ...claims, akid: ids.accessKeyId('ASIA'), secret: ids.secretAccessKey() };
  const token = sealSession(stsRuntime(env).ring, full);
  return {
    Credentials: {
      AccessKeyId: full.akid,
      SecretAccessKey: full.secret,
      SessionToken: token,
      Expiration: new Date(full.exp),
    },
    claims: full,
  };
}
