// Authorizes one action on one resource for the caller of a request, with the policy engine, and
// throws AccessDenied with AWS's message built from the engine's explanation.
import type { OperationContext, AuthzCheck } from '../services/types.js';
import type { ServerEnv } from '../services/env.js';
import { accessDenied } from '../wire/errors.js';

export class Authorizer {
  constructor(private readonly env: ServerEnv) {}

  authorize(ctx: OperationContext, check: AuthzCheck): void {
    const c = ctx.caller;
    if (c.type === 'Root') return;
    // Until the IAM policy sources are wired in, only root may act.
    throw accessDenied(
      `User: ${c.arn} is not authorized to perform: ${check.action} on resource: ${check.resource} because no identity-based policy allows the ${check.action} action`,
    );
  }

  get store() {
    return this.env.store;
  }
}
