import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeContext } from '../../../../src/policy/context.js';
import { evaluate, type EvaluationRequest } from '../../../../src/policy/evaluate.js';
import { accessDeniedMessage, explainDecision, matchedStatements } from '../../../../src/policy/explain.js';
import { A, alice, bobB, pol, session } from './helpers.js';

const action = 'iam:ListRoles';
const resource = `arn:aws:iam::${A}:role/`;
const allowAll = pol('identity', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
const base = { principal: alice, action, resource, context: makeContext({}) };
const head = `User: ${alice.arn} is not authorized to perform: ${action} on resource: ${resource}`;
const msg = (over: Partial<EvaluationRequest>, opts = {}) =>
  accessDeniedMessage(evaluate({ ...base, ...over }), { principalArn: alice.arn, action, resource }, opts);

describe('access denied messages', () => {
  const scpArn = 'arn:aws:organizations::999988887777:policy/o-abc/service_control_policy/p-1';
  const cases: [string, Partial<EvaluationRequest>, string][] = [
    ['no identity policy', {}, `${head} because no identity-based policy allows the ${action} action`],
    [
      'scp deny',
      {
        identityPolicies: [allowAll],
        scps: [[pol('scp', [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }], 'x', scpArn)]],
      },
      `${head} with an explicit deny in a service control policy`,
    ],
    [
      'scp implicit',
      {
        identityPolicies: [allowAll],
        scps: [[pol('scp', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])]],
      },
      `${head} because no service control policy allows the ${action} action`,
    ],
    [
      'boundary',
      {
        identityPolicies: [allowAll],
        boundary: pol('boundary', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
      },
      `${head} because no permissions boundary allows the ${action} action`,
    ],
    [
      'boundary deny',
      {
        identityPolicies: [allowAll],
        boundary: pol('boundary', [{ Effect: 'Deny', Action: '*', Resource: '*' }]),
      },
      `${head} with an explicit deny in a permissions boundary`,
    ],
    [
      'session',
      {
        identityPolicies: [allowAll],
        sessionPolicies: [pol('session', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])],
      },
      `${head} because no session policy allows the ${action} action`,
    ],
    [
      'resource deny',
      {
        identityPolicies: [allowAll],
        resourcePolicy: pol('resource', [{ Effect: 'Deny', Action: '*', Resource: '*', Principal: '*' }]),
      },
      `${head} with an explicit deny in a resource-based policy`,
    ],
    [
      'rcp deny',
      {
        identityPolicies: [allowAll],
        rcps: [[pol('rcp', [{ Effect: 'Deny', Action: '*', Resource: '*', Principal: '*' }])]],
      },
      `${head} with an explicit deny in a resource control policy`,
    ],
    [
      'rcp implicit',
      { identityPolicies: [allowAll], rcps: [[]] },
      `${head} because no resource control policy allows the ${action} action`,
    ],
  ];
  for (const [name, over, want] of cases) it(name, () => assert.equal(msg(over), want));

  it('identity explicit deny phrase', () =>
    assert.equal(
      msg({ identityPolicies: [pol('identity', [{ Effect: 'Deny', Action: '*', Resource: '*' }])] }),
      `${head} with an explicit deny in an identity-based policy`,
    ));
  it('the enhanced form names the denying policy ARN', () => {
    const arn = 'arn:aws:organizations::999988887777:policy/o-abc/service_control_policy/p-1';
    const scp = pol('scp', [{ Effect: 'Deny', Action: '*', Resource: '*' }], 'DenyAll', arn);
    assert.equal(
      msg({ identityPolicies: [allowAll], scps: [[scp]] }, { includePolicyArn: true }),
      `${head} with an explicit deny in a service control policy: ${arn}`,
    );
  });
  it('cross account: no resource-based policy allows', () => {
    const d = evaluate({ ...base, principal: bobB, resourceAccount: A, identityPolicies: [allowAll] });
    assert.equal(
      accessDeniedMessage(d, { principalArn: bobB.arn, action, resource }),
      `User: ${bobB.arn} is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`,
    );
  });
  it('trust policy not naming the caller: AWS plain AssumeRole message', () => {
    const role = `arn:aws:iam::${A}:role/X`;
    const t = pol('trust', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: bobB.arn! } }]);
    const d = evaluate({ ...base, action: 'sts:AssumeRole', resource: role, resourcePolicy: t });
    assert.equal(
      accessDeniedMessage(d, { principalArn: session.arn, action: 'sts:AssumeRole', resource: role }),
      `User: ${session.arn} is not authorized to perform: sts:AssumeRole on resource: ${role}`,
    );
  });
});

describe('explanations', () => {
  it('names the deciding policy and statement', () => {
    const p = pol(
      'identity',
      [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      ],
      'Mine',
      'arn:aws:iam::111122223333:policy/Mine',
    );
    const e = explainDecision(evaluate({ ...base, identityPolicies: [p] }));
    assert.equal(e.effect, 'ExplicitDeny');
    assert.equal(e.source, 'identity');
    assert.equal(e.sid, 'NoIam');
    assert.equal(e.statementIndex, 1);
    assert.equal(e.policyArn, 'arn:aws:iam::111122223333:policy/Mine');
    assert.match(
      e.summary,
      /^Explicitly denied by an identity-based policy \(arn:aws:iam::111122223333:policy\/Mine, statement "NoIam"\)$/,
    );
  });
  it('implicit SCP deny names the level', () => {
    const e = explainDecision(evaluate({ ...base, identityPolicies: [allowAll], scps: [[allowAll], []] }));
    assert.equal(e.level, 1);
    assert.equal(e.source, 'scp');
  });
  it('matchedStatements lists every matching statement', () => {
    const p = pol('identity', [
      { Sid: 'A1', Effect: 'Allow', Action: 'iam:List*', Resource: '*' },
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Sid: 'A3', Effect: 'Allow', Action: '*', Resource: '*' },
    ]);
    const m = matchedStatements({ ...base, identityPolicies: [p] });
    assert.deepEqual(
      m.map((s) => [s.sid, s.index, s.effect]),
      [
        ['A1', 0, 'Allow'],
        ['A3', 2, 'Allow'],
      ],
    );
  });
});
