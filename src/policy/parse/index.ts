// The policy parser: JSON text (or an already-parsed JSON value) to a validated PolicyDocument,
// rejecting exactly what IAM / Organizations reject, with their messages.

import type { PolicyDocument, PolicyKind } from './ast.js';
import { Msg, MalformedPolicyError } from './errors.js';
import { parseShape } from './syntax.js';
import { runCommonPhases } from './phases.js';
import { runKindRules } from './kinds.js';

export { MalformedPolicyError } from './errors.js';
export { isValidConditionOperator, baseConditionOperator } from './operators.js';
export { policySizeWithoutWhitespace } from './size.js';
export { listAwsPrincipals, classifyAwsPrincipal } from './principals.js';
export type { AwsPrincipalInfo, AwsPrincipalKind } from './principals.js';
export { policyToJson, serializePolicy } from './serialize.js';

export interface ParseOptions {
  /**
   * The document is a customer managed policy (CreatePolicy, CreatePolicyVersion): IAM then requires
   * "Version": "2012-10-17". Inline, trust and session policies may omit it or use 2008-10-17.
   */
  managed?: boolean;
  /** The document is AWS's own (e.g. the RCPFullAWSAccess RCP): skip rules AWS imposes on customers only. */
  awsManaged?: boolean;
}

function isOrganizations(kind: PolicyKind): boolean {
  return kind === 'scp' || kind === 'rcp';
}

function decode(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document);
  } catch {
    throw new MalformedPolicyError(Msg.syntax);
  }
}

function parseIam(document: unknown, kind: PolicyKind, options: ParseOptions): PolicyDocument {
  const parsed = parseShape(decode(document));
  const org = isOrganizations(kind);
  runCommonPhases(parsed, {
    requireCurrentVersion: options.managed === true || org,
    // Other services' resource policies (S3, KMS) allow spaces and more in Sids; IAM does not.
    checkSidCharacters: kind !== 'resource',
  });
  runKindRules(kind, parsed.doc.statements, { awsManaged: options.awsManaged === true });
  return parsed.doc;
}

/**
 * Parses and validates a policy document of the given kind.
 * @param document JSON text, or a JSON value already parsed (e.g. from a CloudFormation-like input).
 * @throws MalformedPolicyError whose message is AWS's wording. Organizations policies (scp, rcp) get
 *   Organizations' single message for every fault, as Organizations does.
 */
export function parsePolicy(
  document: string | unknown,
  kind: PolicyKind,
  options: ParseOptions = {},
): PolicyDocument {
  if (!isOrganizations(kind)) return parseIam(document, kind, options);
  try {
    return parseIam(document, kind, options);
  } catch (e) {
    if (e instanceof MalformedPolicyError) throw new MalformedPolicyError(Msg.organizations);
    throw e;
  }
}
