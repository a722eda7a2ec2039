// The inverse of the parser: a PolicyDocument back to IAM JSON (every list as an array). Used to
// show a normalised document and by the round-trip property test.

import type { PolicyDocument, PrincipalSpec, Statement } from './ast.js';

type Json = string | Json[] | { [k: string]: Json };

function principalToJson(p: PrincipalSpec): Json {
  const o: { [k: string]: Json } = {};
  if (p.aws.length > 0) o.AWS = [...p.aws];
  if (p.service.length > 0) o.Service = [...p.service];
  if (p.federated.length > 0) o.Federated = [...p.federated];
  if (p.canonicalUser.length > 0) o.CanonicalUser = [...p.canonicalUser];
  if (p.wildcard && Object.keys(o).length === 0) return '*';
  return o;
}

function statementToJson(st: Statement): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  if (st.sid !== undefined) o.Sid = st.sid;
  o.Effect = st.effect;
  if (st.principal) o.Principal = principalToJson(st.principal);
  if (st.notPrincipal) o.NotPrincipal = principalToJson(st.notPrincipal);
  if (st.action) o.Action = [...st.action];
  if (st.notAction) o.NotAction = [...st.notAction];
  if (st.resource) o.Resource = [...st.resource];
  if (st.notResource) o.NotResource = [...st.notResource];
  if (st.conditions.length > 0) {
    const cond: { [op: string]: { [key: string]: Json } } = {};
    for (const c of st.conditions) (cond[c.operator] ??= {})[c.key] = [...c.values];
    o.Condition = cond;
  }
  return o;
}

/** The document as a JSON value: `{Version?, Id?, Statement: [...]}`. */
export function policyToJson(doc: PolicyDocument): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  if (doc.version !== undefined) o.Version = doc.version;
  if (doc.id !== undefined) o.Id = doc.id;
  o.Statement = doc.statements.map(statementToJson);
  return o;
}

/** The document as compact JSON text. */
export function serializePolicy(doc: PolicyDocument): string {
  return JSON.stringify(policyToJson(doc));
}
