// rolechain/policy: the IAM policy engine alone (pure: no Node built-ins, runs in a browser).
//
// Typical use by a server, per request:
//
//   const doc = parsePolicy(json, 'identity');                       // once, when the policy is stored
//   const compiled = compilePolicy(doc, { type: 'identity', arn });  // once, cached with the policy
//   const d = evaluate({
//     principal: { type: 'AssumedRole', arn: sessionArn, accountId, roleArn, userId },
//     action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '222222222222',
//     context: makeContext({ 'aws:SourceIp': ip, 'aws:PrincipalTag/team': 'blue' }),
//     identityPolicies: [compiled], boundary, sessionPolicies, resourcePolicy,
//     scps: [[rootScp], [ouScp], [accountScp]],   // the principal's account; undefined = no org / management account
//     rcps: [[rootRcp], [accountRcp]],             // the resource's account; undefined likewise
//   });
//   if (!d.allowed) throw accessDenied(accessDeniedMessage(d, { principalArn, action, resource }));
//
// evaluate() allocates only the Decision; explainDecision / matchedStatements build the rich
// explanation lazily. Trust policies go in `resourcePolicy` with meta.type 'trust'.

export * from './ast.js';
export * from './context.js';
export * from './parse/index.js';
export * from './conditions/index.js';
export * from './variables.js';
export type { PrincipalType, RequestPrincipal } from './principal.js';
export { compilePolicy, type CompiledPolicy, type CompiledStatement, type PolicyMeta } from './compile.js';
export { evaluate, type EvaluationRequest } from './evaluate.js';
export type { Decision, DecisionEffect, DecisionSource } from './flow/decision.js';
export {
  accessDeniedMessage,
  explainDecision,
  matchedStatements,
  type DecisionExplanation,
  type DeniedRequest,
  type MatchedStatement,
  type MessageOptions,
} from './explain.js';
export { compileGlob } from './match/glob.js';
export { compileActionList } from './match/action.js';
export { compileResourceList, compileResourcePattern } from './match/resource.js';
export { compilePrincipal, compileNotPrincipal, type PrincipalMatch } from './match/principal.js';
