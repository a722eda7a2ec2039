// Principal / NotPrincipal: shape (syntax) and value checks, and helpers for the server, which must
// check that named users and roles exist (IAM answers "Invalid principal in policy" when they do not).

import type { PolicyDocument, PrincipalSpec } from './ast.js';
import { Msg, MalformedPolicyError } from './errors.js';
import { PARTITIONS } from './resources.js';

type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

function syntax(): never {
  throw new MalformedPolicyError(Msg.syntax);
}

function values(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return syntax();
  for (const x of v) if (typeof x !== 'string') syntax();
  return v as string[];
}

/** Parses the JSON value of a Principal/NotPrincipal element; throws "Syntax errors" on bad shapes. */
export function parsePrincipalSpec(raw: unknown): PrincipalSpec {
  if (raw === '*') return { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return syntax();
  const spec: PrincipalSpec = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] };
  for (const key of Object.keys(raw)) {
    const list = values((raw as Record<string, unknown>)[key]);
    switch (key as PrincipalType) {
      case 'AWS':
        spec.aws = list;
        if (list.includes('*')) spec.wildcard = true;
        break;
      case 'Service':
        spec.service = list;
        break;
      case 'Federated':
        spec.federated = list;
        break;
      case 'CanonicalUser':
        spec.canonicalUser = list;
        break;
      default:
        syntax();
    }
  }
  return spec;
}

export type AwsPrincipalKind =
  'wildcard' | 'account' | 'root' | 'user' | 'role' | 'assumed-role' | 'federated-user' | 'unique-id';

export interface AwsPrincipalInfo {
  kind: AwsPrincipalKind;
  /** The 12-digit account, for every kind but wildcard and unique-id. */
  accountId?: string;
  partition?: string;
  /** User/role name (without path), assumed role's role name, federated user's name. */
  name?: string;
  /** User/role path, "/" when none. */
  path?: string;
  /** Session name of an assumed-role principal. */
  session?: string;
}

const NAME = '[\\w+=,.@-]+';
const IAM_PRINCIPAL_RE = new RegExp(
  `^arn:([a-z-]+):iam::(\\d{12}):(?:(root)|(user|role)(/(?:${NAME}/)*)(${NAME}))$`,
);
const STS_PRINCIPAL_RE = new RegExp(
  `^arn:([a-z-]+):sts::(\\d{12}):(?:assumed-role/(${NAME})/(${NAME})|federated-user/(${NAME}))$`,
);
const UNIQUE_ID_RE = /^(AIDA|AROA)[0-9A-Z]{12,124}$/;

/** Classifies a value of `"AWS"`; undefined if IAM would reject it as a principal. */
export function classifyAwsPrincipal(value: string): AwsPrincipalInfo | undefined {
  if (value === '*') return { kind: 'wildcard' };
  if (/^\d{12}$/.test(value)) return { kind: 'account', accountId: value };
  if (UNIQUE_ID_RE.test(value)) return { kind: 'unique-id' };
  let m = IAM_PRINCIPAL_RE.exec(value);
  if (m && PARTITIONS.has(m[1]!)) {
    if (m[3]) return { kind: 'root', partition: m[1]!, accountId: m[2]! };
    return { kind: m[4] as 'user' | 'role', partition: m[1]!, accountId: m[2]!, path: m[5]!, name: m[6]! };
  }
  m = STS_PRINCIPAL_RE.exec(value);
  if (m && PARTITIONS.has(m[1]!)) {
    if (m[3]) return { kind: 'assumed-role', partition: m[1]!, accountId: m[2]!, name: m[3], session: m[4]! };
    return { kind: 'federated-user', partition: m[1]!, accountId: m[2]!, name: m[5]! };
  }
  return undefined;
}

// A service principal is a DNS name: "ec2.amazonaws.com", "states.eu-west-1.amazonaws.com", ...
const HOST_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const FEDERATED_ARN_RE = /^arn:([a-z-]+):iam::\d{12}:(?:saml-provider\/[\w.-]+|oidc-provider\/[^\s*?]+)$/;
const CANONICAL_USER_RE = /^[0-9a-fA-F]{64}$/;

function isFederated(v: string): boolean {
  const m = FEDERATED_ARN_RE.exec(v);
  return (m !== null && PARTITIONS.has(m[1]!)) || HOST_RE.test(v);
}

/** IAM's error for the first invalid value of `spec`, or undefined if all are well-formed. */
export function principalSpecError(spec: PrincipalSpec): string | undefined {
  if (
    !spec.wildcard &&
    spec.aws.length + spec.service.length + spec.federated.length + spec.canonicalUser.length === 0
  ) {
    return Msg.emptyPrincipal;
  }
  for (const v of spec.aws) if (!classifyAwsPrincipal(v)) return Msg.invalidPrincipal('AWS', v);
  for (const v of spec.service) if (!HOST_RE.test(v)) return Msg.invalidPrincipal('SERVICE', v);
  for (const v of spec.federated) if (!isFederated(v)) return Msg.invalidPrincipal('FEDERATED', v);
  for (const v of spec.canonicalUser) {
    if (!CANONICAL_USER_RE.test(v)) return Msg.invalidPrincipal('CANONICAL_USER', v);
  }
  return undefined;
}

/**
 * The distinct `"AWS"` principal values of a parsed document (Principal and NotPrincipal), without "*",
 * in document order: the server checks that the users/roles/accounts they name exist.
 */
export function listAwsPrincipals(doc: PolicyDocument): string[] {
  const seen = new Set<string>();
  for (const st of doc.statements) {
    for (const spec of [st.principal, st.notPrincipal]) {
      if (!spec) continue;
      for (const v of spec.aws) if (v !== '*') seen.add(v);
    }
  }
  return [...seen];
}
