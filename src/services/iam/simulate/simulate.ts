// The policy simulator (SimulatePrincipalPolicy / SimulateCustomPolicy) on the engine: each
// action × resource is evaluated as a request would be, and the answer carries the decision, the
// statements that matched (with their source policy and position in its text), the context keys the
// matching statements use but the caller did not supply, and the permissions boundary's verdict.
import {
  compilePolicy,
  evaluate,
  matchedStatements,
  MalformedPolicyError,
  parsePolicy,
  type CompiledPolicy,
  type EvaluationRequest,
  type PolicyKind,
  type RequestContext,
  type RequestPrincipal,
} from '../../../policy/index.js';
import { invalidInput } from '../errors.js';
import { statementSpans, type StatementSpan } from './positions.js';

export type SourcePolicyType =
  'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

/** One policy the simulation takes into account, with what the simulator reports about it. */
export interface SimPolicy {
  text: string;
  compiled: CompiledPolicy;
  sourceId: string;
  /** Undefined for the caller's PolicyInputList entries (IAM reports no type for them). */
  sourceType?: SourcePolicyType;
  spans(): StatementSpan[];
}

let nextId = 0;

/** Parses and compiles a policy for the simulator. Input documents that do not parse are InvalidInput. */
export function simPolicy(
  text: string,
  kind: PolicyKind,
  sourceId: string,
  sourceType: SourcePolicyType | undefined,
  opts: { fromInput: boolean },
): SimPolicy {
  let doc;
  try {
    doc = parsePolicy(text, kind);
  } catch (e) {
    if (opts.fromInput && e instanceof MalformedPolicyError) throw invalidInput(`${sourceId}: ${e.message}`);
    throw e;
  }
  let spans: StatementSpan[] | undefined;
  return {
    text,
    compiled: compilePolicy(doc, { type: kind, id: `sim${nextId++}`, name: sourceId }),
    sourceId,
    sourceType,
    spans: () => (spans ??= statementSpans(text)),
  };
}

export interface Simulation {
  principal: RequestPrincipal;
  identity: SimPolicy[];
  boundary?: SimPolicy;
  resourcePolicy?: SimPolicy;
  actions: readonly string[];
  /** Empty = "*". */
  resources: readonly string[];
  resourceAccount?: string;
  context: RequestContext;
}

const DECISION = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' } as const;

export function simulate(sim: Simulation): Record<string, unknown>[] {
  const byId = new Map<string, SimPolicy>();
  for (const p of [...sim.identity, sim.boundary, sim.resourcePolicy])
    if (p) byId.set(p.compiled.meta.id!, p);
  const resources = sim.resources.length > 0 ? sim.resources : ['*'];
  const results: Record<string, unknown>[] = [];
  for (const action of sim.actions) {
    for (const resource of resources) {
      const req: EvaluationRequest = {
        principal: sim.principal,
        action,
        resource,
        resourceAccount: sim.resourceAccount,
        context: sim.context,
        identityPolicies: sim.identity.map((p) => p.compiled),
        boundary: sim.boundary?.compiled,
        resourcePolicy: sim.resourcePolicy?.compiled,
      };
      const d = evaluate(req);
      const matched = matchedStatements(req);
      const statements = matched.map((m) => {
        const p = byId.get(m.policyId ?? '');
        const span = p?.spans()[m.index];
        return {
          SourcePolicyId: p?.sourceId ?? m.policyName,
          SourcePolicyType: p?.sourceType,
          StartPosition: span?.start,
          EndPosition: span?.end,
        };
      });
      const missing = missingContextKeys(sim, action, resource);
      const boundaryDetail = sim.boundary
        ? {
            AllowedByPermissionsBoundary:
              matched.some((m) => m.policyType === 'boundary' && m.effect === 'Allow') &&
              !matched.some((m) => m.policyType === 'boundary' && m.effect === 'Deny'),
          }
        : undefined;
      const decision = DECISION[d.effect];
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: decision,
        MatchedStatements: statements,
        MissingContextValues: missing,
        PermissionsBoundaryDecisionDetail: boundaryDetail,
        ResourceSpecificResults:
          sim.resources.length > 0
            ? [
                {
                  EvalResourceName: resource,
                  EvalResourceDecision: decision,
                  MatchedStatements: statements,
                  MissingContextValues: missing,
                  PermissionsBoundaryDecisionDetail: boundaryDetail,
                },
              ]
            : undefined,
      });
    }
  }
  return results;
}

/** Condition keys of the statements that apply to the action and resource but are absent from the context. */
function missingContextKeys(sim: Simulation, action: string, resource: string): string[] {
  const lowerAction = action.toLowerCase();
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...sim.identity, sim.boundary, sim.resourcePolicy]) {
    if (!p) continue;
    for (const s of p.compiled.statements) {
      if (!s.action(lowerAction) || !s.resource(resource, sim.context)) continue;
      for (const c of s.source.conditions) {
        const k = c.key.toLowerCase();
        if (sim.context.has(k) || seen.has(k)) continue;
        seen.add(k);
        out.push(c.key);
      }
    }
  }
  return out;
}

/** GetContextKeysFor*Policy: every condition key the policies use, once (case-insensitively), in order. */
export function contextKeysOf(policies: readonly SimPolicy[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of policies) {
    for (const s of p.compiled.document.statements) {
      for (const c of s.conditions) {
        const k = c.key.toLowerCase();
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(c.key);
      }
    }
  }
  return out;
}
