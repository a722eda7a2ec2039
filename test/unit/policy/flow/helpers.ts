// A tiny AST builder for tests, independent of the parser: policy JSON-ish objects → CompiledPolicy.

import type {
  ConditionClause,
  PolicyDocument,
  PolicyKind,
  PrincipalSpec,
  Statement,
} from '../../../../src/policy/ast.js';
import { compilePolicy, type CompiledPolicy } from '../../../../src/policy/compile.js';
import type { RequestPrincipal } from '../../../../src/policy/principal.js';

type OneOrMany = string | string[];
type PrincipalJson =
  '*' | { AWS?: OneOrMany; Service?: OneOrMany; Federated?: OneOrMany; CanonicalUser?: OneOrMany };

export interface StatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: OneOrMany;
  NotAction?: OneOrMany;
  Resource?: OneOrMany;
  NotResource?: OneOrMany;
  Principal?: PrincipalJson;
  NotPrincipal?: PrincipalJson;
  Condition?: Record<string, Record<string, OneOrMany | boolean | number>>;
}

const arr = (v: OneOrMany | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

export function principalSpec(p: PrincipalJson): PrincipalSpec {
  if (p === '*') return { wildcard: true, aws: ['*'], service: [], federated: [], canonicalUser: [] };
  return {
    wildcard: false,
    aws: arr(p.AWS) ?? [],
    service: arr(p.Service) ?? [],
    federated: arr(p.Federated) ?? [],
    canonicalUser: arr(p.CanonicalUser) ?? [],
  };
}

export function doc(statements: StatementJson[], version = '2012-10-17'): PolicyDocument {
  return {
    version,
    statements: statements.map((s, index): Statement => {
      const conditions: ConditionClause[] = [];
      for (const [operator, kv] of Object.entries(s.Condition ?? {}))
        for (const [key, v] of Object.entries(kv))
          conditions.push({ operator, key, values: (Array.isArray(v) ? v : [v]).map(String) });
      return {
        index,
        sid: s.Sid,
        effect: s.Effect,
        action: arr(s.Action),
        notAction: arr(s.NotAction),
        resource: arr(s.Resource),
        notResource: arr(s.NotResource),
        principal: s.Principal === undefined ? undefined : principalSpec(s.Principal),
        notPrincipal: s.NotPrincipal === undefined ? undefined : principalSpec(s.NotPrincipal),
        conditions,
      };
    }),
  };
}

export function pol(
  type: PolicyKind,
  statements: StatementJson[],
  name = `${type}-policy`,
  arn?: string,
): CompiledPolicy {
  return compilePolicy(doc(statements), { type, name, arn });
}

export const A = '111122223333';
export const B = '444455556666';

export const alice: RequestPrincipal = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${A}:user/alice`,
  accountId: A,
  userId: 'AIDAALICE',
};
export const session: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${A}:assumed-role/Dev/sess1`,
  roleArn: `arn:aws:iam::${A}:role/Dev`,
  accountId: A,
  userId: 'AROADEV:sess1',
};
export const root: RequestPrincipal = {
  type: 'Root',
  arn: `arn:aws:iam::${A}:root`,
  accountId: A,
  userId: A,
};
export const bobB: RequestPrincipal = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${B}:user/bob`,
  accountId: B,
  userId: 'AIDABOB',
};
export const anonymous: RequestPrincipal = { type: 'Anonymous' };
export const cloudtrail: RequestPrincipal = { type: 'Service', service: 'cloudtrail.amazonaws.com' };
