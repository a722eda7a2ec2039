// Explanations, built only when someone asks: AWS's access denied messages, a structured account of
// the deciding policy, and the statements that matched (for the policy simulator APIs).

import type { PolicyKind } from './ast.js';
import type { CompiledPolicy, CompiledStatement } from './compile.js';
import type { EvaluationRequest } from './evaluate.js';
import type { Decision, DecisionSource } from './flow/decision.js';
import { NO_MATCH } from './match/principal.js';

/** How AWS names each policy type inside access denied messages. */
const article = (phrase: string): string => (/^[aeiou]/.test(phrase) ? `an ${phrase}` : `a ${phrase}`);

const PHRASE: Record<Exclude<DecisionSource, 'root'>, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
};

export interface DeniedRequest {
  /** The caller's ARN; omitted for anonymous callers. */
  principalArn?: string;
  action: string;
  resource: string;
}

export interface MessageOptions {
  /**
   * Append the denying policy's ARN to explicit-deny messages (AWS does this for same-account and
   * same-organization requests: "… with an explicit deny in a service control policy: arn:…").
   */
  includePolicyArn?: boolean;
}

/**
 * AWS's access denied message for a denied decision, e.g.
 * `User: arn:aws:iam::111122223333:user/bob is not authorized to perform: iam:ListRoles on resource:
 * arn:aws:iam::111122223333:role/ because no identity-based policy allows the iam:ListRoles action`.
 * A trust policy that does not name the caller gives AWS's plain AssumeRole message (no reason).
 */
export function accessDeniedMessage(d: Decision, req: DeniedRequest, opts: MessageOptions = {}): string {
  const head = `User: ${req.principalArn ?? 'anonymous'} is not authorized to perform: ${req.action} on resource: ${req.resource}`;
  if (d.allowed || d.source === 'root') return head;
  if (d.effect === 'ExplicitDeny') {
    const arn = opts.includePolicyArn ? d.policy?.meta.arn : undefined;
    return `${head} with an explicit deny in ${article(PHRASE[d.source])}${arn ? `: ${arn}` : ''}`;
  }
  if (d.source === 'trust') return head;
  return `${head} because no ${PHRASE[d.source]} allows the ${req.action} action`;
}

export interface DecisionExplanation {
  effect: Decision['effect'];
  /** Which policy type allowed, denied explicitly, or failed to allow. */
  source: DecisionSource;
  policyType?: PolicyKind;
  policyArn?: string;
  policyName?: string;
  sid?: string;
  statementIndex?: number;
  /** SCP/RCP: the organization level, 0 = root. */
  level?: number;
  /** One readable sentence. */
  summary: string;
}

function where(policy: CompiledPolicy | undefined, s: CompiledStatement | undefined): string {
  if (!policy) return '';
  const name = policy.meta.arn ?? policy.meta.name ?? policy.meta.id ?? 'an unnamed policy';
  const stmt = s ? (s.sid !== undefined ? `statement "${s.sid}"` : `statement #${s.index}`) : '';
  return ` (${name}${stmt ? `, ${stmt}` : ''})`;
}

export function explainDecision(d: Decision): DecisionExplanation {
  let summary: string;
  const at = where(d.policy, d.statement);
  const lvl = d.level !== undefined ? ` at organization level ${d.level}` : '';
  if (d.effect === 'Allow') {
    summary =
      d.source === 'root'
        ? 'Allowed: the root user has full access within its own account'
        : `Allowed by ${article(PHRASE[d.source])}${at}` +
          (d.resourcePolicy
            ? ` together with the resource-based policy${where(d.resourcePolicy, d.resourceStatement)}`
            : '');
  } else if (d.effect === 'ExplicitDeny') {
    summary = `Explicitly denied by ${article(PHRASE[d.source as Exclude<DecisionSource, 'root'>])}${lvl}${at}`;
  } else {
    summary = `Implicitly denied: no ${PHRASE[d.source as Exclude<DecisionSource, 'root'>]}${lvl} allows the request`;
  }
  return {
    effect: d.effect,
    source: d.source,
    policyType: d.policy?.meta.type,
    policyArn: d.policy?.meta.arn,
    policyName: d.policy?.meta.name,
    sid: d.statement?.sid,
    statementIndex: d.statement?.index,
    level: d.level,
    summary,
  };
}

export interface MatchedStatement {
  policyType: PolicyKind;
  /** meta.id ?? meta.name ?? meta.arn: the simulator's SourcePolicyId. */
  policyId?: string;
  policyArn?: string;
  policyName?: string;
  sid?: string;
  index: number;
  effect: 'Allow' | 'Deny';
}

function statementMatches(
  s: CompiledStatement,
  lowerAction: string,
  req: EvaluationRequest,
  withPrincipal: boolean,
): boolean {
  if (!s.action(lowerAction) || !s.resource(req.resource, req.context)) return false;
  if (withPrincipal && (s.principal === undefined || s.principal(req.principal) === NO_MATCH)) return false;
  return s.condition === undefined || s.condition(req.context);
}

/** Every statement of every applicable policy that matches the request (not only the deciding one). */
export function matchedStatements(req: EvaluationRequest): MatchedStatement[] {
  const lowerAction = req.action.toLowerCase();
  const out: MatchedStatement[] = [];
  const visit = (policy: CompiledPolicy, withPrincipal: boolean): void => {
    for (const s of policy.statements) {
      if (!statementMatches(s, lowerAction, req, withPrincipal)) continue;
      out.push({
        policyType: policy.meta.type,
        policyId: policy.meta.id ?? policy.meta.name ?? policy.meta.arn,
        policyArn: policy.meta.arn,
        policyName: policy.meta.name,
        sid: s.sid,
        index: s.index,
        effect: s.allow ? 'Allow' : 'Deny',
      });
    }
  };
  for (const level of req.scps ?? []) for (const pol of level) visit(pol, false);
  for (const level of req.rcps ?? []) for (const pol of level) visit(pol, false);
  if (req.resourcePolicy) visit(req.resourcePolicy, true);
  for (const pol of req.identityPolicies ?? []) visit(pol, false);
  if (req.boundary) visit(req.boundary, false);
  for (const pol of req.sessionPolicies ?? []) visit(pol, false);
  return out;
}
