// Whether a bucket policy is "public" in S3's Block Public Access sense: some Allow statement grants to
// everyone ("*" / {"AWS": "*"}) without a condition that pins the caller to fixed values of one of the
// keys S3 accepts as restricting (source IP ranges narrower than /8, VPCs, accounts, ARNs, org ids…).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
import type { PolicyDocument, Statement } from '../../policy/ast.js';

const FIXING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgpaths',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

function grantsEveryone(st: Statement): boolean {
  const p = st.principal;
  return p !== undefined && (p.wildcard || p.aws.includes('*'));
}

function fixesCaller(st: Statement): boolean {
  for (const c of st.conditions) {
    const op = c.operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
    const key = c.key.toLowerCase();
    if (c.values.some((v) => v.includes('*') || v.includes('?'))) continue;
    if (key === 'aws:sourceip' && op === 'IpAddress') {
      // S3 treats a range of /8 or wider (and 0.0.0.0/0) as public.
      if (c.values.every((v) => !v.includes('/') || Number(v.split('/')[1]) > (v.includes(':') ? 32 : 8)))
        return true;
      continue;
    }
    if (!FIXING_KEYS.has(key)) continue;
    if (/^(StringEquals|StringEqualsIgnoreCase|ArnEquals|ArnLike|StringLike)$/.test(op)) return true;
  }
  return false;
}

export function isPublicPolicy(doc: PolicyDocument): boolean {
  return doc.statements.some((st) => st.effect === 'Allow' && grantsEveryone(st) && !fixesCaller(st));
}
