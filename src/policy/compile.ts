// Turns a parsed policy into matchers, once, so that evaluating a request parses no JSON, builds no
// regexes and allocates (almost) nothing. Statements are indexed by the service prefix of their
// actions: a request for s3:GetObject scans only the statements that can match s3 actions plus the
// ones whose actions have a wildcard prefix (`*`, `s3*:…`) or that use NotAction.

import type { PolicyDocument, PolicyKind, Statement } from './ast.js';
import { compileConditions } from './conditions/index.js';
import type { RequestContext } from './context.js';
import { actionServicePrefix, compileActionList } from './match/action.js';
import { compileNotPrincipal, compilePrincipal, type PrincipalMatcher } from './match/principal.js';
import { compileResourceList, type ResourceMatcher } from './match/resource.js';

export interface PolicyMeta {
  /** Which role the policy plays in the decision flow. */
  type: PolicyKind;
  /** Managed policy / SCP / RCP ARN, role ARN for a trust policy, resource ARN for a resource policy. */
  arn?: string;
  /** Policy name (inline policies have only a name). */
  name?: string;
  /** Managed policy version, e.g. "v3". */
  versionId?: string;
  /** Free-form id for the simulator's SourcePolicyId (defaults to name or ARN). */
  id?: string;
}

export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly allow: boolean;
  /** Takes the *lowercased* request action. */
  readonly action: (lowerAction: string) => boolean;
  readonly resource: ResourceMatcher;
  /** Present when the statement has Principal or NotPrincipal. */
  readonly principal: PrincipalMatcher | undefined;
  /** Present when the statement has conditions. */
  readonly condition: ((ctx: RequestContext) => boolean) | undefined;
  readonly source: Statement;
}

export interface CompiledPolicy {
  readonly meta: PolicyMeta;
  readonly document: PolicyDocument;
  /** All statements in document order. */
  readonly statements: readonly CompiledStatement[];
  /** The statements that can match an action of this (lowercased) service prefix, in document order. */
  statementsFor(service: string): readonly CompiledStatement[];
}

const always = (): boolean => true;

function compileStatement(s: Statement, version: string | undefined): CompiledStatement {
  const variables = version === '2012-10-17';
  let action: (a: string) => boolean = always;
  if (s.action) action = compileActionList(s.action);
  else if (s.notAction) {
    const m = compileActionList(s.notAction);
    action = (a) => !m(a);
  }
  let resource: ResourceMatcher = always;
  if (s.resource) resource = compileResourceList(s.resource, variables);
  else if (s.notResource) {
    const m = compileResourceList(s.notResource, variables);
    resource = (r, ctx) => !m(r, ctx);
  }
  let principal: PrincipalMatcher | undefined;
  if (s.principal) principal = compilePrincipal(s.principal);
  else if (s.notPrincipal) principal = compileNotPrincipal(s.notPrincipal);
  return {
    index: s.index,
    sid: s.sid,
    allow: s.effect === 'Allow',
    action,
    resource,
    principal,
    condition: s.conditions.length > 0 ? compileConditions(s.conditions, version) : undefined,
    source: s,
  };
}

/** The service prefixes a statement is limited to, or undefined when it can match any service. */
function servicesOf(s: Statement): Set<string> | undefined {
  if (!s.action) return undefined; // NotAction (or no action at all) matches across services
  const out = new Set<string>();
  for (const a of s.action) {
    const prefix = actionServicePrefix(a);
    if (prefix === undefined) return undefined;
    out.add(prefix);
  }
  return out;
}

export function compilePolicy(doc: PolicyDocument, meta: PolicyMeta): CompiledPolicy {
  const statements = doc.statements.map((s) => compileStatement(s, doc.version));
  const anyService: CompiledStatement[] = [];
  const byService = new Map<string, CompiledStatement[]>();
  statements.forEach((cs, i) => {
    const services = servicesOf(doc.statements[i]);
    if (services === undefined) anyService.push(cs);
    else
      for (const svc of services) {
        let list = byService.get(svc);
        if (!list) byService.set(svc, (list = []));
        list.push(cs);
      }
  });
  // Merge the any-service statements into every bucket, keeping document order.
  for (const [svc, list] of byService) {
    byService.set(
      svc,
      [...list, ...anyService].sort((a, b) => a.index - b.index),
    );
  }
  return {
    meta,
    document: doc,
    statements,
    statementsFor: (service) => byService.get(service) ?? anyService,
  };
}
