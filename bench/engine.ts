// Engine micro-benchmarks: decisions per second and p99 latency of evaluate() for three workloads, and
// the same identity10 workload through @cloud-copilot/iam-simulate (AGPL: only ever imported here, in
// bench/, never from src/) measured in the same run.
//
//   npx tsx bench/engine.ts             (while iterating)
//   node dist/bench/engine.js           (the numbers to report)

import { runSimulation } from '@cloud-copilot/iam-simulate';
import {
  type CompiledPolicy,
  type EvaluationRequest,
  type RequestPrincipal,
  compilePolicy,
  evaluate,
  makeContext,
  parsePolicy,
} from '../src/policy/index.js';
import type { PolicyKind } from '../src/policy/ast.js';

const A = '111122223333';
const B = '444455556666';

function compile(json: object, type: PolicyKind, name: string): CompiledPolicy {
  return compilePolicy(parsePolicy(JSON.stringify(json), type), { type, name });
}

/** A 10-statement identity policy with action/resource wildcards and two kinds of condition. */
const identity10Json = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'S3Read',
      Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*'],
      Resource: ['arn:aws:s3:::data-*', 'arn:aws:s3:::data-*/*'],
    },
    {
      Sid: 'S3WriteTeam',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::data-*/team/*',
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': 'blue' },
        IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
      },
    },
    { Sid: 'Ec2Describe', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
    {
      Sid: 'Ec2Run',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:StartInstances', 'ec2:StopInstances'],
      Resource: 'arn:aws:ec2:*:111122223333:instance/*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
    },
    {
      Sid: 'Dynamo',
      Effect: 'Allow',
      Action: 'dynamodb:*',
      Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/app-*',
    },
    {
      Sid: 'Logs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: 'arn:aws:logs:*:*:log-group:/app/*',
    },
    {
      Sid: 'Kms',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: 'arn:aws:kms:us-east-1:111122223333:key/*',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    },
    {
      Sid: 'Sqs',
      Effect: 'Allow',
      Action: 'sqs:*Message*',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:app-*',
    },
    { Sid: 'DenySecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::data-secret/*' },
    {
      Sid: 'DenyIamWrite',
      Effect: 'Deny',
      Action: ['iam:Create*', 'iam:Delete*', 'iam:Put*'],
      Resource: '*',
    },
  ],
};

const principal: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${A}:assumed-role/App/i-0abc`,
  roleArn: `arn:aws:iam::${A}:role/App`,
  accountId: A,
  userId: 'AROAAPP:i-0abc',
};
const context = makeContext({
  'aws:PrincipalTag/team': 'blue',
  'aws:SourceIp': '10.1.2.3',
  'aws:PrincipalAccount': A,
});

/** Mixed requests: allows, implicit and explicit denies, condition-gated statements. */
const requests: [string, string][] = [
  ['s3:GetObject', 'arn:aws:s3:::data-lake/raw/file.csv'],
  ['s3:PutObject', 'arn:aws:s3:::data-lake/team/out.csv'],
  ['s3:GetObject', 'arn:aws:s3:::data-secret/key'],
  ['ec2:RunInstances', 'arn:aws:ec2:us-east-1:111122223333:instance/i-123'],
  ['ec2:DescribeInstances', '*'],
  ['kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/abcd'],
  ['iam:CreateUser', 'arn:aws:iam::111122223333:user/x'],
  ['sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:app-queue'],
];

interface Measured {
  opsPerSec: number;
  p99us: number;
}

/** Throughput over a time budget, then p99 from individually timed calls. */
function measure(run: (i: number) => unknown, budgetMs = 1000): Measured {
  for (let i = 0; i < 20000; i++) run(i); // warm-up
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    for (let i = 0; i < 10000; i++) run(ops + i);
    ops += 10000;
    now = performance.now();
  }
  const opsPerSec = ops / ((now - start) / 1000);
  const samples = new Float64Array(50000);
  for (let i = 0; i < samples.length; i++) {
    const t0 = process.hrtime.bigint();
    run(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  samples.sort();
  return {
    opsPerSec: Math.round(opsPerSec),
    p99us: Number(samples[Math.floor(samples.length * 0.99)].toFixed(3)),
  };
}

function identity10(): Measured {
  const policy = compile(identity10Json, 'identity', 'identity10');
  const reqs: EvaluationRequest[] = requests.map(([action, resource]) => ({
    principal,
    action,
    resource,
    context,
    identityPolicies: [policy],
  }));
  return measure((i) => evaluate(reqs[i & 7]));
}

function fullFlow(): Measured {
  const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const rootScp = compile(allowAll, 'scp', 'FullAWSAccess');
  const ouScp = compile(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: ['organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Deny',
          NotAction: ['iam:*', 'sts:*', 's3:*', 'ec2:*', 'kms:*', 'sqs:*', 'logs:*', 'dynamodb:*'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
        },
      ],
    },
    'scp',
    'RegionLock',
  );
  const boundary = compile(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:*', 'ec2:*', 'kms:*', 'sqs:*', 'logs:*', 'dynamodb:*', 'iam:*'],
          Resource: '*',
        },
      ],
    },
    'boundary',
    'Boundary',
  );
  const session = compile(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*', 'kms:*', 'sqs:*', 'iam:*'], Resource: '*' }],
    },
    'session',
    'Session',
  );
  const identity = compile(identity10Json, 'identity', 'identity10');
  const resourcePolicy = compile(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CrossAccount',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${B}:role/App` },
          Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::data-lake', 'arn:aws:s3:::data-lake/*'],
        },
        {
          Sid: 'DenyInsecure',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::data-lake/*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
    'resource',
    'BucketPolicy',
  );
  const crossPrincipal: RequestPrincipal = {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${B}:assumed-role/App/i-0abc`,
    roleArn: `arn:aws:iam::${B}:role/App`,
    accountId: B,
    userId: 'AROAAPP:i-0abc',
  };
  const ctx = makeContext({
    'aws:PrincipalTag/team': 'blue',
    'aws:SourceIp': '10.1.2.3',
    'aws:SecureTransport': true,
    'aws:RequestedRegion': 'us-east-1',
  });
  const reqs: EvaluationRequest[] = [
    ['s3:GetObject', 'arn:aws:s3:::data-lake/raw/file.csv'],
    ['s3:PutObject', 'arn:aws:s3:::data-lake/team/out.csv'],
    ['s3:GetObject', 'arn:aws:s3:::data-lake/x'],
    ['s3:DeleteObject', 'arn:aws:s3:::data-lake/x'],
  ].map(([action, resource]) => ({
    principal: crossPrincipal,
    action,
    resource,
    resourceAccount: A,
    context: ctx,
    identityPolicies: [identity],
    boundary,
    sessionPolicies: [session],
    resourcePolicy,
    scps: [[rootScp], [ouScp]],
  }));
  return measure((i) => evaluate(reqs[i & 3]));
}

/** Deterministic PRNG (mulberry32) so every run sees the same workload. */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function manyPolicies(): Measured {
  const rnd = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const services = [
    's3',
    'ec2',
    'iam',
    'kms',
    'sqs',
    'sns',
    'dynamodb',
    'lambda',
    'logs',
    'cloudwatch',
    'rds',
    'ecr',
    'ecs',
    'secretsmanager',
    'ssm',
  ];
  const verbs = ['Get', 'List', 'Describe', 'Put', 'Create', 'Delete', 'Update', 'Tag'];
  const nouns = [
    'Object',
    'Bucket',
    'Instance',
    'User',
    'Role',
    'Key',
    'Queue',
    'Topic',
    'Table',
    'Function',
    'Parameter',
    'Secret',
  ];
  const action = () => `${pick(services)}:${pick(verbs)}${pick(nouns)}`;
  const resourceOf = (a: string, name: string) => {
    const svc = a.slice(0, a.indexOf(':'));
    if (svc === 's3') return `arn:aws:s3:::${name}/obj`;
    return `arn:aws:${svc}:${svc === 'iam' ? '' : 'us-east-1'}:${A}:${svc === 'iam' ? 'role' : 'thing'}/${name}`;
  };
  const names = ['alpha', 'beta', 'gamma', 'delta', 'prod-1', 'prod-2', 'dev-1', 'dev-2'];
  const policies: CompiledPolicy[] = [];
  for (let p = 0; p < 1000; p++) {
    const statements = [];
    const n = 1 + Math.floor(rnd() * 8);
    for (let s = 0; s < n; s++) {
      const svc = pick(services);
      const kind = rnd();
      statements.push({
        Effect: rnd() < 0.1 ? 'Deny' : 'Allow',
        Action:
          kind < 0.3
            ? [`${svc}:${pick(verbs)}*`]
            : kind < 0.4
              ? [`${svc}:*`]
              : [action(), action(), action()],
        Resource:
          rnd() < 0.4
            ? '*'
            : svc === 's3'
              ? `arn:aws:s3:::${pick(names)}*/*`
              : `arn:aws:${svc}:${svc === 'iam' ? '' : '*'}:${A}:${svc === 'iam' ? 'role' : 'thing'}/${pick(names)}*`,
        ...(rnd() < 0.2
          ? { Condition: { StringEquals: { 'aws:PrincipalTag/team': pick(['blue', 'red']) } } }
          : {}),
      });
    }
    policies.push(compile({ Version: '2012-10-17', Statement: statements }, 'identity', `managed-${p}`));
  }
  // 200 principals, each with 5 managed policies drawn from the 1,000.
  const principals = Array.from({ length: 200 }, (_, i) => ({
    principal: {
      type: 'IAMUser' as const,
      arn: `arn:aws:iam::${A}:user/u${i}`,
      accountId: A,
      userId: `AIDA${i}`,
    },
    policies: Array.from({ length: 5 }, () => policies[Math.floor(rnd() * 1000)]),
  }));
  const ctx = makeContext({ 'aws:PrincipalTag/team': 'blue' });
  const reqs: EvaluationRequest[] = Array.from({ length: 8192 }, () => {
    const who = pick(principals);
    const a = action();
    return {
      principal: who.principal,
      action: a,
      resource: resourceOf(a, pick(names)),
      context: ctx,
      identityPolicies: who.policies,
    };
  });
  return measure((i) => evaluate(reqs[i & 8191]));
}

/** The identity10 workload through iam-simulate's public API (it takes policy JSON per simulation). */
async function iamSimulateIdentity10(budgetMs = 1500): Promise<{ opsPerSec: number; agree: number }> {
  const sims = requests.map(([action, resource]) => ({
    request: {
      principal: principal.arn!,
      action,
      resource: { resource, accountId: A },
      contextVariables: { 'aws:PrincipalTag/team': 'blue', 'aws:SourceIp': '10.1.2.3' },
    },
    identityPolicies: [{ name: 'identity10', policy: identity10Json }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }));
  const ours = compile(identity10Json, 'identity', 'identity10');
  let agree = 0;
  for (let i = 0; i < sims.length; i++) {
    const r = await runSimulation(sims[i], {});
    const theirs = r.resultType === 'single' ? r.result.analysis.result : 'Error';
    const mine = evaluate({
      principal,
      action: requests[i][0],
      resource: requests[i][1],
      context,
      identityPolicies: [ours],
      requireResourcePolicy: requests[i][0].startsWith('kms:'), // KMS: the key policy must allow too
    }).effect;
    const mapped = {
      Allowed: 'Allow',
      ExplicitlyDenied: 'ExplicitDeny',
      ImplicitlyDenied: 'ImplicitDeny',
    } as Record<string, string>;
    if (mapped[theirs] === mine) agree++;
  }
  for (let i = 0; i < 200; i++) await runSimulation(sims[i & 7], {}); // warm-up
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    for (let i = 0; i < 100; i++) await runSimulation(sims[(ops + i) & 7], {});
    ops += 100;
  }
  return { opsPerSec: Math.round(ops / ((performance.now() - start) / 1000)), agree };
}

export async function runEngineBench(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const id = identity10();
  out['engine.identity10.opsPerSec'] = id.opsPerSec;
  out['engine.identity10.p99us'] = id.p99us;
  const full = fullFlow();
  out['engine.fullFlow.opsPerSec'] = full.opsPerSec;
  out['engine.fullFlow.p99us'] = full.p99us;
  const many = manyPolicies();
  out['engine.manyPolicies.opsPerSec'] = many.opsPerSec;
  out['engine.manyPolicies.p99us'] = many.p99us;
  const sim = await iamSimulateIdentity10();
  out['engine.iamSimulate.identity10.opsPerSec'] = sim.opsPerSec;
  out['engine.iamSimulate.identity10.agreement'] = sim.agree / requests.length;
  out['engine.vsIamSimulate.identity10'] = Number((id.opsPerSec / sim.opsPerSec).toFixed(1));
  return out;
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) console.log(JSON.stringify(await runEngineBench(), null, 2));
