// The policies that apply to a principal, compiled for the engine: a user's inline and attached
// policies plus those of its groups, or a role's; and the permissions boundary. Compiled policies are
// cached by document text, so a request only walks records in the store's mirror and looks up a map.
import { compilePolicy, parsePolicy, type CompiledPolicy, type PolicyKind } from '../../policy/index.js';
import type { Store } from '../../store/index.js';
import { findManagedPolicy } from './managed-policies.js';
import { getGroupByName, getRoleByName, getUserByName, type InlinePolicies, type Tag } from './model.js';

export interface PrincipalPolicies {
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** The user's or role's tags (aws:PrincipalTag/…). */
  tags?: readonly Tag[];
}

/**
 * Compiled policies by document text, then by what names them. Keyed by the stored text itself, not by a
 * key string concatenated with it: the store hands out the same string each time and V8 keeps a string's
 * hash, so a lookup does not copy and hash a whole policy document on every request.
 */
const cache = new Map<string, Map<string, CompiledPolicy>>();
let cached = 0;
const MAX_CACHE = 50_000;

/** Parses and compiles a stored document once; documents were validated when written. */
export function compiledDocument(
  text: string,
  kind: PolicyKind,
  meta: { arn?: string; name?: string; versionId?: string },
): CompiledPolicy {
  let byMeta = cache.get(text);
  const key = `${kind}\u0000${meta.arn ?? ''}\u0000${meta.name ?? ''}\u0000${meta.versionId ?? ''}`;
  let c = byMeta?.get(key);
  if (!c) {
    if (cached >= MAX_CACHE) {
      cache.clear();
      cached = 0;
      byMeta = undefined;
    }
    c = compilePolicy(parsePolicy(text, kind), { type: kind, ...meta });
    if (!byMeta) cache.set(text, (byMeta = new Map()));
    byMeta.set(key, c);
    cached++;
  }
  return c;
}

function addInline(out: CompiledPolicy[], inline: InlinePolicies, ownerArn: string): void {
  for (const name of Object.keys(inline)) {
    out.push(compiledDocument(inline[name]!, 'identity', { name, arn: ownerArn }));
  }
}

function addManaged(out: CompiledPolicy[], store: Store, account: string, arns: readonly string[]): void {
  for (const arn of arns) {
    const p = findManagedPolicy(store, account, arn);
    if (p) out.push(compiledDocument(p.defaultDocument(), 'identity', { arn }));
  }
}

function boundaryOf(store: Store, account: string, arn: string | undefined): CompiledPolicy | undefined {
  if (!arn) return undefined;
  const p = findManagedPolicy(store, account, arn);
  // A boundary whose policy was deleted allows nothing (AWS refuses the deletion while it is in use).
  return p
    ? compiledDocument(p.defaultDocument(), 'boundary', { arn })
    : compilePolicy({ version: '2012-10-17', statements: [] }, { type: 'boundary', arn });
}

export function userPolicies(store: Store, account: string, userName: string): PrincipalPolicies {
  const user = getUserByName(store, account, userName);
  if (!user) return { identity: [] };
  const identity: CompiledPolicy[] = [];
  addInline(identity, user.inlinePolicies, user.arn);
  addManaged(identity, store, account, user.attachedPolicyArns);
  for (const g of user.groups) {
    const group = getGroupByName(store, account, g);
    if (!group) continue;
    addInline(identity, group.inlinePolicies, group.arn);
    addManaged(identity, store, account, group.attachedPolicyArns);
  }
  return { identity, boundary: boundaryOf(store, account, user.permissionsBoundaryArn), tags: user.tags };
}

export function rolePolicies(store: Store, account: string, roleName: string): PrincipalPolicies {
  const role = getRoleByName(store, account, roleName);
  if (!role) return { identity: [] };
  const identity: CompiledPolicy[] = [];
  addInline(identity, role.inlinePolicies, role.arn);
  addManaged(identity, store, account, role.attachedPolicyArns);
  return { identity, boundary: boundaryOf(store, account, role.permissionsBoundaryArn), tags: role.tags };
}
