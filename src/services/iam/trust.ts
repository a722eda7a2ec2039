// Role trust policies on IAM's write paths: the 2,048-character quota (ACLSizePerRole), the engine's
// parser for kind "trust", then IAM's existence check — a user, role or identity provider a policy
// names must exist when the policy is written ("Invalid principal in policy"). Account roots, service
// principals, sessions and unique ids are accepted as they are.
// When a user or role named in trust policies is deleted, AWS shows its unique id (AIDA…/AROA…) in
// the stored documents instead of the ARN, so a new entity of the same name is not trusted:
// rewriteDeletedPrincipal does that rewrite.
import type { PolicyDocument } from '../../policy/ast.js';
import { classifyAwsPrincipal, listAwsPrincipals } from '../../policy/parse/index.js';
import type { Store } from '../../store/index.js';
import { VersionConflictError } from '../../store/errors.js';
import { malformedPolicyDocument } from './errors.js';
import { KIND, type RoleRecord, type UserRecord } from './model.js';
import { checkPolicyDocument } from './policy-doc.js';
import { iamQuotas } from './quotas.js';

/** Validates a trust policy as IAM does on CreateRole / UpdateAssumeRolePolicy; returns the parsed doc. */
export function checkTrustPolicy(store: Store, text: string): PolicyDocument {
  const doc = checkPolicyDocument(text, {
    kind: 'trust',
    maxChars: iamQuotas().trustPolicyChars,
    quotaName: 'ACLSizePerRole',
  });
  for (const value of listAwsPrincipals(doc)) {
    if (!awsPrincipalExists(store, value)) throw invalidPrincipal('AWS', value);
  }
  for (const st of doc.statements) {
    for (const spec of [st.principal, st.notPrincipal]) {
      for (const value of spec?.federated ?? []) {
        if (!federatedPrincipalExists(store, value)) throw invalidPrincipal('FEDERATED', value);
      }
    }
  }
  return doc;
}

function invalidPrincipal(type: string, value: string) {
  return malformedPolicyDocument(`Invalid principal in policy: "${type}":"${value}"`);
}

/** Whether an `"AWS"` principal value names something that exists (or needs not to). */
export function awsPrincipalExists(store: Store, value: string): boolean {
  const info = classifyAwsPrincipal(value);
  if (!info) return false;
  if (info.kind !== 'user' && info.kind !== 'role') return true;
  const kind = info.kind === 'user' ? KIND.user : KIND.role;
  const rec = store.getByName<UserRecord | RoleRecord>(kind, info.accountId!, info.name!);
  return rec !== undefined && rec.data.path === info.path;
}

const OIDC_ARN_RE = /^arn:[a-z-]+:iam::(\d{12}):oidc-provider\/(.+)$/;
const SAML_ARN_RE = /^arn:[a-z-]+:iam::(\d{12}):saml-provider\/(.+)$/;

/** IAM identity-provider ARNs must name an existing provider; well-known hosts always exist. */
export function federatedPrincipalExists(store: Store, value: string): boolean {
  let m = OIDC_ARN_RE.exec(value);
  if (m) return store.get(KIND.oidcProvider, m[1]!, m[2]!) !== undefined;
  m = SAML_ARN_RE.exec(value);
  if (m) return store.get(KIND.samlProvider, m[1]!, m[2]!) !== undefined;
  return true;
}

/**
 * Replaces `arn` by `uniqueId` in the "AWS" principals of every role's trust policy (all accounts: a
 * role may trust another account's principal). Call it after deleting the user or role `arn` names.
 * Resolves to the number of roles rewritten.
 */
export async function rewriteDeletedPrincipal(
  store: Store,
  _account: string,
  arn: string,
  uniqueId: string,
): Promise<number> {
  let rewritten = 0;
  for (const rec of store.list<RoleRecord>(KIND.role)) {
    // A cheap textual filter first: most trust policies do not mention the ARN at all.
    if (!rec.data.assumeRolePolicyDocument.includes(arn)) continue;
    for (let attempt = 0; ; attempt++) {
      const cur = store.get<RoleRecord>(KIND.role, rec.account, rec.id);
      if (!cur) break;
      const text = replacePrincipal(cur.data.assumeRolePolicyDocument, arn, uniqueId);
      if (text === undefined) break;
      try {
        await store.put(
          {
            kind: KIND.role,
            account: cur.account,
            id: cur.id,
            name: cur.name,
            data: { ...cur.data, assumeRolePolicyDocument: text },
          },
          { expectVersion: cur.version },
        );
        rewritten++;
        break;
      } catch (e) {
        if (!(e instanceof VersionConflictError) || attempt >= 5) throw e;
      }
    }
  }
  return rewritten;
}

/** The document with `arn` replaced in Principal/NotPrincipal "AWS" values; undefined if unchanged. */
export function replacePrincipal(text: string, arn: string, uniqueId: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object') return undefined;
  const raw = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : [raw];
  let changed = false;
  for (const st of statements) {
    if (st === null || typeof st !== 'object') continue;
    for (const key of ['Principal', 'NotPrincipal']) {
      const spec = (st as Record<string, unknown>)[key];
      if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) continue;
      const aws = (spec as Record<string, unknown>).AWS;
      if (aws === arn) {
        (spec as Record<string, unknown>).AWS = uniqueId;
        changed = true;
      } else if (Array.isArray(aws) && aws.includes(arn)) {
        (spec as Record<string, unknown>).AWS = aws.map((v) => (v === arn ? uniqueId : v));
        changed = true;
      }
    }
  }
  return changed ? JSON.stringify(doc) : undefined;
}
