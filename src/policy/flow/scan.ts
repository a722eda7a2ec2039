// Scanning one policy for a request: the innermost loop of the engine. It returns a small result code
// and leaves the deciding statement in a reusable scratch record, so the hot path allocates nothing.

import type { CompiledPolicy, CompiledStatement } from '../compile.js';
import type { RequestContext } from '../context.js';
import { NO_MATCH, type PrincipalMatch } from '../match/principal.js';
import type { RequestPrincipal } from '../principal.js';

export const NONE = 0;
export const ALLOW = 1;
export const DENY = 2;
export type ScanResult = 0 | 1 | 2;

/** The request, prepared once per evaluation. */
export interface ScanRequest {
  service: string;
  lowerAction: string;
  resource: string;
  context: RequestContext;
  principal: RequestPrincipal;
}

/** Where the deciding statements of a scan were found. Reused across calls: copy what you keep. */
export interface ScanHit {
  /** The first matching Deny statement (when DENY). */
  deny: CompiledStatement | undefined;
  /** The Allow statement with the strongest principal match (when ALLOW). */
  allow: CompiledStatement | undefined;
  /** For policies with Principal elements: how the allow statement named the caller. */
  grant: PrincipalMatch;
}

export function newHit(): ScanHit {
  return { deny: undefined, allow: undefined, grant: NO_MATCH };
}

/**
 * Scans `policy`. Deny wins and stops the scan. Without `needAllow` (an allow of this kind is already
 * known), only Deny statements are checked. With `withPrincipal`, statements must name the caller
 * (resource and trust policies); the strongest grant among matching allows is kept. Other policy types
 * carry no Principal element and skip the check.
 */
export function scanPolicy(
  policy: CompiledPolicy,
  req: ScanRequest,
  withPrincipal: boolean,
  needAllow: boolean,
  hit: ScanHit,
): ScanResult {
  const list = policy.statementsFor(req.service);
  let result: ScanResult = NONE;
  hit.deny = undefined;
  hit.allow = undefined;
  hit.grant = NO_MATCH;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    // An allow is not needed, or one is known and this one cannot improve it: only denies matter.
    if (s.allow && (!needAllow || (result === ALLOW && (!withPrincipal || hit.grant === 4)))) continue;
    if (!s.action(req.lowerAction)) continue;
    if (!s.resource(req.resource, req.context)) continue;
    let grant: PrincipalMatch = 4;
    if (withPrincipal) {
      if (s.principal === undefined) continue;
      grant = s.principal(req.principal);
      if (grant === NO_MATCH) continue;
      if (s.allow && result === ALLOW && grant <= hit.grant) continue;
    }
    if (s.condition !== undefined && !s.condition(req.context)) continue;
    if (!s.allow) {
      hit.deny = s;
      return DENY;
    }
    result = ALLOW;
    hit.allow = s;
    hit.grant = grant;
  }
  return result;
}
