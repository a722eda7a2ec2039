// Properties: wildcard matching agrees with a regex reference; adding a Deny never turns a deny into
// an allow; a boundary or a session policy never widens access.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeContext } from '../../../../src/policy/context.js';
import { evaluate, type EvaluationRequest } from '../../../../src/policy/evaluate.js';
import { compileGlob } from '../../../../src/policy/match/glob.js';
import { compileResourceList } from '../../../../src/policy/match/resource.js';
import type { RequestPrincipal } from '../../../../src/policy/principal.js';
import { A, B, type StatementJson, alice, bobB, pol, session } from '../flow/helpers.js';

const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Reference for a free glob: * → .*, ? → . */
function globRegex(p: string): RegExp {
  return new RegExp(`^${[...p].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : esc(c))).join('')}$`, 's');
}

/** Reference for the ARN rule: inside the first five segments * → [^:]* (or .* when it ends a segment), ? → [^:]. */
function arnRegex(p: string): RegExp {
  let colons = 0;
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === ':') colons++;
    if (colons >= 5) out += c === '*' ? '.*' : c === '?' ? '.' : esc(c);
    else if (c === '*') out += p[i + 1] === ':' || i + 1 === p.length ? '.*' : '[^:]*';
    else if (c === '?') out += '[^:]';
    else out += esc(c);
  }
  return new RegExp(`^${out}$`, 's');
}

const alphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?');
const textAlphabet = fc.constantFrom('a', 'b', ':', '/');
const pattern = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(''));
const subject = fc.array(textAlphabet, { maxLength: 14 }).map((a) => a.join(''));

describe('wildcards agree with a regex reference', () => {
  it('free glob (actions)', () => {
    fc.assert(
      fc.property(pattern, subject, (p, s) => compileGlob(p)(s) === globRegex(p).test(s)),
      { numRuns: 5000 },
    );
  });
  it('ARN-segment glob (resources)', () => {
    const ctx = makeContext({});
    fc.assert(
      fc.property(pattern, subject, (p, s) => compileResourceList([p], true)(s, ctx) === arnRegex(p).test(s)),
      { numRuns: 5000 },
    );
  });
  it('a pattern matches itself when it has no wildcards', () => {
    fc.assert(fc.property(subject, (s) => compileResourceList([s], true)(s, makeContext({}))));
  });
});

// Random policies over a small universe so that matches are frequent.
const actions = ['s3:GetObject', 's3:PutObject', 'iam:GetUser', 'ec2:RunInstances'];
const actionPatterns = [...actions, 's3:*', '*', 'iam:Get*', '*:Get*', 'ec2:Run?nstances'];
const resources = ['arn:aws:s3:::b/x', 'arn:aws:s3:::c/y', '*'];
const resourcePatterns = ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::c/y', 'arn:aws:s3:::*'];
const principals: RequestPrincipal[] = [alice, session, bobB];
const principalJson = [
  { AWS: A },
  { AWS: B },
  { AWS: alice.arn! },
  { AWS: session.arn! },
  { AWS: session.roleArn! },
  '*' as const,
];

const statement = (withPrincipal: boolean): fc.Arbitrary<StatementJson> =>
  fc
    .record({
      effect: fc.constantFrom('Allow' as const, 'Allow' as const, 'Deny' as const),
      not: fc.boolean(),
      acts: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
      res: fc.subarray(resourcePatterns, { minLength: 1, maxLength: 2 }),
      pr: fc.constantFrom(...principalJson),
      notPr: fc.boolean(),
      cond: fc.boolean(),
    })
    .map(({ effect, not, acts, res, pr, notPr, cond }): StatementJson => ({
      Effect: effect,
      ...(not ? { NotAction: acts } : { Action: acts }),
      Resource: res,
      ...(withPrincipal ? (notPr && pr !== '*' ? { NotPrincipal: pr } : { Principal: pr as '*' }) : {}),
      ...(cond ? { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } } : {}),
    }));

const policyOf = (kind: 'identity' | 'boundary' | 'session' | 'resource' | 'scp', withPrincipal = false) =>
  fc.array(statement(withPrincipal), { minLength: 1, maxLength: 4 }).map((s) => pol(kind, s));

const requestArb = fc.record({
  principal: fc.constantFrom(...principals),
  action: fc.constantFrom(...actions),
  resource: fc.constantFrom(...resources),
  crossAccount: fc.boolean(),
  team: fc.constantFrom('blue', 'red'),
  identity: fc.array(policyOf('identity'), { maxLength: 3 }),
  boundary: fc.option(policyOf('boundary'), { nil: undefined }),
  session: fc.option(fc.array(policyOf('session'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  resourcePolicy: fc.option(policyOf('resource', true), { nil: undefined }),
  scps: fc.option(fc.array(fc.array(policyOf('scp'), { maxLength: 2 }), { minLength: 1, maxLength: 3 }), {
    nil: undefined,
  }),
});

type Arb = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;
function toRequest(r: Arb): EvaluationRequest {
  return {
    principal: r.principal,
    action: r.action,
    resource: r.resource,
    resourceAccount: r.crossAccount ? (r.principal.accountId === A ? B : A) : undefined,
    context: makeContext({ 'aws:PrincipalTag/team': r.team }),
    identityPolicies: r.identity,
    boundary: r.boundary,
    sessionPolicies: r.principal.type === 'AssumedRole' ? r.session : undefined,
    resourcePolicy: r.resourcePolicy,
    scps: r.scps,
  };
}

describe('decision-flow properties', () => {
  it('adding a Deny statement never turns a deny into an allow', () => {
    fc.assert(
      fc.property(
        requestArb,
        statement(false),
        fc.constantFrom('identity', 'boundary', 'session', 'scp'),
        (r, st, where) => {
          const req = toRequest(r);
          const before = evaluate(req);
          const deny = pol(where === 'scp' ? 'scp' : (where as 'identity'), [{ ...st, Effect: 'Deny' }]);
          const after =
            where === 'identity'
              ? evaluate({ ...req, identityPolicies: [...(req.identityPolicies ?? []), deny] })
              : where === 'scp'
                ? evaluate({
                    ...req,
                    scps: req.scps
                      ? [...req.scps.slice(0, -1), [...req.scps[req.scps.length - 1], deny]]
                      : undefined,
                  })
                : where === 'session'
                  ? evaluate({
                      ...req,
                      sessionPolicies: req.sessionPolicies ? [...req.sessionPolicies, deny] : undefined,
                    })
                  : evaluate({
                      ...req,
                      boundary: req.boundary
                        ? pol('boundary', [
                            ...req.boundary.document.statements.map(toJson),
                            { ...st, Effect: 'Deny' },
                          ])
                        : undefined,
                    });
          return before.allowed || !after.allowed;
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('a permissions boundary never widens access', () => {
    fc.assert(
      fc.property(requestArb, policyOf('boundary'), (r, b) => {
        const req = toRequest(r);
        const without = evaluate({ ...req, boundary: undefined });
        const withB = evaluate({ ...req, boundary: b });
        return without.allowed || !withB.allowed;
      }),
      { numRuns: 3000 },
    );
  });
  it('a session policy never widens access', () => {
    fc.assert(
      fc.property(requestArb, fc.array(policyOf('session'), { minLength: 1, maxLength: 2 }), (r, s) => {
        const req = { ...toRequest(r), principal: session };
        const without = evaluate({ ...req, sessionPolicies: undefined });
        const withS = evaluate({ ...req, sessionPolicies: s });
        return without.allowed || !withS.allowed;
      }),
      { numRuns: 3000 },
    );
  });
  it('SCPs never widen access', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const req = toRequest(r);
        return evaluate({ ...req, scps: undefined }).allowed || !evaluate(req).allowed;
      }),
      { numRuns: 2000 },
    );
  });
  it('an explicit deny is reported with its statement', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const d = evaluate(toRequest(r));
        if (d.effect === 'ExplicitDeny') assert.ok(d.statement && !d.statement.allow && d.policy);
        if (d.effect === 'Allow' && d.source !== 'root') assert.ok(d.statement?.allow);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

function toJson(s: import('../../../../src/policy/ast.js').Statement): StatementJson {
  return {
    Sid: s.sid,
    Effect: s.effect,
    Action: s.action,
    NotAction: s.notAction,
    Resource: s.resource,
    NotResource: s.notResource,
    Condition: s.conditions.length
      ? { [s.conditions[0].operator]: { [s.conditions[0].key]: s.conditions[0].values } }
      : undefined,
  };
}
