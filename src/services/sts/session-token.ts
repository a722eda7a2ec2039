// Stateless session credentials. Everything a session is — who, which role, when it expires, its
// session policies, tags, source identity, chain depth, MFA, and its secret key — is sealed with
// AES-256-GCM into the session token itself. Verifying a request needs no lookup: open the token
// (cached, since SDKs send the same token for the life of the session), check the access key id
// matches, check expiry with the server clock. Tampered or truncated tokens fail authentication.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomBytesPooled } from '../random-pool.js';
import type { KeyRing } from './keyring.js';
import type { Tag } from '../iam/model.js';

export interface SessionClaims {
  /** The temporary access key id (ASIA…) this token belongs to. */
  akid: string;
  secret: string;
  account: string;
  type: 'AssumedRole' | 'FederatedUser' | 'IAMUser' | 'Root' | 'WebIdentityUser' | 'SAMLUser';
  arn: string;
  userId: string;
  role?: { arn: string; id: string; name: string; path: string };
  sessionName?: string;
  /** Issue and expiry times, ms since the epoch (server clock). */
  iat: number;
  exp: number;
  /** Session policy documents (inline Policy) and managed policy ARNs (PolicyArns). */
  policy?: string;
  policyArns?: string[];
  tags?: Tag[];
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** Role-chaining depth: 1 for a session assumed from long-term credentials. */
  depth: number;
  mfa?: { authTime: number };
  /** GetSessionToken sessions: which long-term key created it (for IAM-call rules). */
  parentAccessKeyId?: string;
  /** How the chain began: the original identity's ARN and, for web identity, the provider/subject. */
  origin?: { arn: string; accessKeyId?: string; provider?: string; subject?: string };
}

const VERSION = 1;

/** The token's 5-byte header (version, key id) per ring key: built once, not per token. */
const headers = new WeakMap<object, Buffer>();

export function sealSession(ring: KeyRing, claims: SessionClaims): string {
  const k = ring.current();
  let head = headers.get(k);
  if (!head) {
    head = Buffer.concat([Buffer.from([VERSION]), Buffer.from(k.kid, 'hex')]);
    headers.set(k, head);
  }
  const iv = randomBytesPooled(12);
  const c = createCipheriv('aes-256-gcm', k.key, iv);
  c.setAAD(head.subarray(1));
  const ct = c.update(JSON.stringify(claims), 'utf8');
  const fin = c.final();
  const parts = fin.length ? [head, iv, c.getAuthTag(), ct, fin] : [head, iv, c.getAuthTag(), ct];
  return Buffer.concat(parts).toString('base64');
}

/** Opens a token; undefined when it is not one of ours, tampered or truncated. */
export function openSession(ring: KeyRing, token: string): SessionClaims | undefined {
  const raw = Buffer.from(token, 'base64');
  if (raw.length < 1 + 4 + 12 + 16 + 2 || raw[0] !== VERSION) return undefined;
  const kid = raw.subarray(1, 5);
  const k = ring.get(kid.toString('hex'));
  if (!k) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', k.key, raw.subarray(5, 17));
    d.setAAD(kid);
    d.setAuthTag(raw.subarray(17, 33));
    const pt = Buffer.concat([d.update(raw.subarray(33)), d.final()]);
    return JSON.parse(pt.toString('utf8')) as SessionClaims;
  } catch {
    return undefined;
  }
}

/** A bounded cache of opened tokens: SigV4 on temporary credentials must not decrypt per request. */
export class SessionCache {
  private readonly map = new Map<string, SessionClaims>();
  constructor(private readonly max = 20_000) {}
  get(token: string): SessionClaims | undefined {
    return this.map.get(token);
  }
  set(token: string, claims: SessionClaims): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(token, claims);
  }
}
