// The parsed, validated form of an IAM policy document. The parser (src/policy/parse/) produces it
// from JSON; the compiler (src/policy/compile.ts) turns it into matchers. Nothing here does I/O.

/** The kinds of policy IAM validates differently. */
export type PolicyKind =
  | 'identity' // user/group/role inline and managed policies
  | 'resource' // resource-based policies (bucket policy, ...)
  | 'trust' // a role's AssumeRolePolicyDocument
  | 'boundary' // permissions boundary (a managed policy used as one)
  | 'session' // AssumeRole Policy / PolicyArns
  | 'scp' // Organizations service control policy
  | 'rcp'; // Organizations resource control policy

export type Effect = 'Allow' | 'Deny';

/** Principal / NotPrincipal, normalised: every value list is an array, possibly empty. */
export interface PrincipalSpec {
  /** `"Principal": "*"` (or `{"AWS": "*"}`, kept in `aws` as "*"). */
  wildcard: boolean;
  /** Account ids, account root ARNs, user/role/assumed-role/federated-user ARNs, unique ids (AIDA…/AROA…), "*". */
  aws: string[];
  /** Service principals, e.g. ec2.amazonaws.com. */
  service: string[];
  /** Federated principals: OIDC provider host/ARN, SAML provider ARN, cognito-identity.amazonaws.com, ... */
  federated: string[];
  canonicalUser: string[];
}

/** One condition clause: operator + key + the values as written (always strings after normalisation). */
export interface ConditionClause {
  /** The operator exactly as written, e.g. "ForAnyValue:StringLikeIfExists". */
  operator: string;
  /** The condition key exactly as written, e.g. "aws:PrincipalTag/team" (matching is case-insensitive). */
  key: string;
  /** Values as strings: JSON booleans and numbers become their string form, as IAM does. */
  values: string[];
}

export interface Statement {
  /** Position in the Statement array (0-based); a single-object Statement is index 0. */
  index: number;
  sid?: string;
  effect: Effect;
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** Condition clauses in document order; all must hold (AND). */
  conditions: ConditionClause[];
}

export interface PolicyDocument {
  /** "2012-10-17", "2008-10-17" or undefined when absent. Policy variables only work with 2012-10-17. */
  version?: string;
  id?: string;
  statements: Statement[];
}
