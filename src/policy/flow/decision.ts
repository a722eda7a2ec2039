// The outcome of one evaluation: compact, built once per request. The rich explanation (messages,
// matched statements) is derived from it on demand, in explain.ts.

import type { CompiledPolicy, CompiledStatement } from '../compile.js';

export type DecisionEffect = 'Allow' | 'ImplicitDeny' | 'ExplicitDeny';

/**
 * The policy type that decided. For an Allow: the grant that allowed ('root' = the root user inside its
 * own account). For an ExplicitDeny: the type holding the Deny statement. For an ImplicitDeny: the type
 * that failed to allow.
 */
export type DecisionSource =
  'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp' | 'root';

export interface Decision {
  readonly effect: DecisionEffect;
  readonly allowed: boolean;
  readonly source: DecisionSource;
  /** The deciding policy: the one with the Deny, or the allowing one. Absent for implicit denies. */
  readonly policy?: CompiledPolicy;
  /** The deciding statement inside `policy`. */
  readonly statement?: CompiledStatement;
  /** SCP / RCP decisions: the organization level (0 = root, then OUs, last = account). */
  readonly level?: number;
  /** An Allow that needed the resource policy as well (cross account, or an account-principal trust). */
  readonly resourcePolicy?: CompiledPolicy;
  readonly resourceStatement?: CompiledStatement;
}

export function explicitDeny(
  source: DecisionSource,
  policy: CompiledPolicy,
  statement: CompiledStatement | undefined,
  level?: number,
): Decision {
  return level === undefined
    ? { effect: 'ExplicitDeny', allowed: false, source, policy, statement }
    : { effect: 'ExplicitDeny', allowed: false, source, policy, statement, level };
}

export function implicitDeny(source: DecisionSource, level?: number): Decision {
  return level === undefined
    ? { effect: 'ImplicitDeny', allowed: false, source }
    : { effect: 'ImplicitDeny', allowed: false, source, level };
}

export function allow(
  source: DecisionSource,
  policy?: CompiledPolicy,
  statement?: CompiledStatement,
  resourcePolicy?: CompiledPolicy,
  resourceStatement?: CompiledStatement,
): Decision {
  return { effect: 'Allow', allowed: true, source, policy, statement, resourcePolicy, resourceStatement };
}
