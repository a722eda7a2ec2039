// The condition keys AWS sets on every request (aws:CurrentTime, aws:SourceIp, …), written straight into
// the engine's context map with their lowercased names: every authorization decision starts with them,
// the server's Authorizer and the unsigned federated AssumeRole operations alike.
import type { ContextValue } from '../policy/index.js';
import type { OperationContext } from './types.js';
import { isoSeconds } from './cloudtrail/format.js';

export function setGlobalKeys(
  m: Map<string, ContextValue>,
  ctx: Pick<OperationContext, 'now' | 'sourceIp' | 'userAgent' | 'region'>,
): void {
  m.set('aws:currenttime', isoSeconds(ctx.now));
  m.set('aws:epochtime', String(Math.floor(ctx.now.getTime() / 1000)));
  m.set('aws:sourceip', ctx.sourceIp);
  m.set('aws:securetransport', 'false');
  if (ctx.userAgent !== undefined) m.set('aws:useragent', ctx.userAgent);
  m.set('aws:requestedregion', ctx.region);
  m.set('aws:principalisawsservice', 'false');
  m.set('aws:viaawsservice', 'false');
}
