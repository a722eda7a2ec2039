// Managed policies, AWS managed policies, authorization details and the simulator with real
// clients (boto3, the AWS CLI, SDK v3) against `rolechain serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  IAMClient,
  CreatePolicyCommand,
  GetPolicyVersionCommand,
  ListPoliciesCommand,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import { startServer, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python } from '../helpers/clients.js';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(async () => {
  await s.stop();
});

const creds = () => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });

function py(body: string): unknown {
  const script = `import boto3, json, botocore\niam = boto3.client('iam')\n${body}`;
  const r = python(script, creds());
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

test('boto3: policy lifecycle with versions, tags and errors', () => {
  const out = py(`
doc = ${JSON.stringify(DOC)}
p = iam.create_policy(PolicyName='E2E', Path='/e2e/', PolicyDocument=doc, Description='d', Tags=[{'Key':'k','Value':'v'}])['Policy']
arn = p['Arn']
errs = {}
try:
    iam.create_policy(PolicyName='e2e', PolicyDocument=doc)
except botocore.exceptions.ClientError as e:
    errs['dup'] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
for i in range(4):
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc, SetAsDefault=(i == 1))
try:
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc)
except botocore.exceptions.ClientError as e:
    errs['limit'] = [e.response['Error']['Code'], e.response['Error']['Message']]
versions = [v['VersionId'] for v in iam.list_policy_versions(PolicyArn=arn)['Versions']]
got = iam.get_policy(PolicyArn=arn)['Policy']
ver = iam.get_policy_version(PolicyArn=arn, VersionId='v1')['PolicyVersion']
iam.tag_policy(PolicyArn=arn, Tags=[{'Key':'x','Value':'y'}])
tags = iam.list_policy_tags(PolicyArn=arn)['Tags']
try:
    iam.delete_policy(PolicyArn=arn)
except botocore.exceptions.ClientError as e:
    errs['versions'] = e.response['Error']['Code']
for v in ['v2', 'v4', 'v5']:
    iam.delete_policy_version(PolicyArn=arn, VersionId=v)
iam.set_default_policy_version(PolicyArn=arn, VersionId='v1')
iam.delete_policy_version(PolicyArn=arn, VersionId='v3')
iam.delete_policy(PolicyArn=arn)
try:
    iam.get_policy(PolicyArn=arn)
except botocore.exceptions.ClientError as e:
    errs['gone'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps({'arn': arn, 'errs': errs, 'versions': versions, 'default': got['DefaultVersionId'], 'desc': got.get('Description'), 'doc': ver['Document'], 'tags': tags}))
`) as any;
  assert.equal(out.arn, `arn:aws:iam::${TEST_ACCOUNT}:policy/e2e/E2E`);
  assert.deepEqual(out.errs.dup, [
    'EntityAlreadyExists',
    'A policy called e2e already exists. Duplicate names are not allowed.',
    409,
  ]);
  assert.equal(out.errs.limit[0], 'LimitExceeded');
  assert.equal(out.errs.versions, 'DeleteConflict');
  assert.deepEqual(out.errs.gone, ['NoSuchEntity', 404]);
  assert.deepEqual(out.versions, ['v5', 'v4', 'v3', 'v2', 'v1']);
  assert.equal(out.default, 'v3');
  assert.equal(out.desc, 'd');
  // boto3 decodes the URL-encoded document into a dict.
  assert.deepEqual(out.doc, JSON.parse(DOC));
  assert.deepEqual(out.tags, [
    { Key: 'k', Value: 'v' },
    { Key: 'x', Value: 'y' },
  ]);
});

test('boto3: AWS managed policies are listed, readable, attachable and unmodifiable', () => {
  const out = py(`
arn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
iam.create_role(RoleName='E2ERole', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}]}))
iam.attach_role_policy(RoleName='E2ERole', PolicyArn=arn)
p = iam.get_policy(PolicyArn=arn)['Policy']
v = iam.get_policy_version(PolicyArn=arn, VersionId=p['DefaultVersionId'])['PolicyVersion']
n = sum(len(page['Policies']) for page in iam.get_paginator('list_policies').paginate(Scope='AWS'))
attached = [x['PolicyName'] for x in iam.list_policies(OnlyAttached=True)['Policies']]
ents = iam.list_entities_for_policy(PolicyArn=arn)
errs = {}
try:
    iam.delete_policy(PolicyArn=arn)
except botocore.exceptions.ClientError as e:
    errs['delete'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
details = iam.get_account_authorization_details(Filter=['Role', 'AWSManagedPolicy'])
print(json.dumps({'count': p['AttachmentCount'], 'stmts': v['Document']['Statement'], 'n': n, 'attached': attached,
  'roles': [r['RoleName'] for r in ents['PolicyRoles']], 'errs': errs,
  'detailRoles': [r['RoleName'] for r in details['RoleDetailList']], 'detailPolicies': [x['PolicyName'] for x in details['Policies']],
  'trust': details['RoleDetailList'][0]['AssumeRolePolicyDocument']}))
`) as any;
  assert.equal(out.count, 1);
  assert.ok(JSON.stringify(out.stmts).includes('s3:Get*'));
  assert.ok(out.n > 1000, String(out.n));
  assert.ok(out.attached.includes('AmazonS3ReadOnlyAccess'));
  assert.deepEqual(out.roles, ['E2ERole']);
  assert.deepEqual(out.errs.delete, ['AccessDenied', 403]);
  assert.deepEqual(out.detailRoles, ['E2ERole']);
  assert.deepEqual(out.detailPolicies, ['AmazonS3ReadOnlyAccess']);
  assert.equal(out.trust.Statement[0].Principal.Service, 'ec2.amazonaws.com');
});

test('boto3: simulate principal and custom policies, context keys', () => {
  const out = py(`
arn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
iam.create_role(RoleName='SimRole', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}]}))
iam.attach_role_policy(RoleName='SimRole', PolicyArn=arn)
role = iam.get_role(RoleName='SimRole')['Role']['Arn']
r = iam.simulate_principal_policy(PolicySourceArn=role, ActionNames=['s3:GetObject', 's3:PutObject'])['EvaluationResults']
c = iam.simulate_custom_policy(PolicyInputList=[json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'s3:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}]})],
  ActionNames=['s3:GetObject'], ContextEntries=[{'ContextKeyName':'aws:SecureTransport','ContextKeyValues':['false'],'ContextKeyType':'boolean'}])['EvaluationResults']
k = iam.get_context_keys_for_custom_policy(PolicyInputList=[json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}}]})])
print(json.dumps({'r': [[x['EvalActionName'], x['EvalDecision'], [m['SourcePolicyId'] for m in x['MatchedStatements']]] for x in r],
  'c': [c[0]['EvalDecision'], c[0]['MatchedStatements'][0]['SourcePolicyId'], c[0]['MatchedStatements'][0]['StartPosition']], 'k': k['ContextKeyNames']}))
`) as any;
  assert.deepEqual(out.r, [
    ['s3:GetObject', 'allowed', ['AmazonS3ReadOnlyAccess']],
    ['s3:PutObject', 'implicitDeny', []],
  ]);
  assert.deepEqual(out.c, ['explicitDeny', 'PolicyInputList.1', { Line: 1, Column: 41 }]);
  assert.deepEqual(out.k, ['aws:SourceIp']);
});

test('AWS CLI: create-policy, list-policies --scope Local, get-policy-version', { skip: !hasAwsCli }, () => {
  const c = awsCli(['iam', 'create-policy', '--policy-name', 'CliPolicy', '--policy-document', DOC], creds());
  assert.equal(c.status, 0, c.stderr);
  const arn = (JSON.parse(c.stdout) as any).Policy.Arn as string;
  const l = awsCli(['iam', 'list-policies', '--scope', 'Local'], creds());
  assert.equal(l.status, 0, l.stderr);
  assert.ok((JSON.parse(l.stdout) as any).Policies.some((p: any) => p.Arn === arn));
  const v = awsCli(['iam', 'get-policy-version', '--policy-arn', arn, '--version-id', 'v1'], creds());
  assert.equal(v.status, 0, v.stderr);
  assert.deepEqual((JSON.parse(v.stdout) as any).PolicyVersion.Document, JSON.parse(DOC));
  const e = awsCli(
    ['iam', 'get-policy', '--policy-arn', `arn:aws:iam::${TEST_ACCOUNT}:policy/Nope`],
    creds(),
  );
  assert.notEqual(e.status, 0);
  assert.match(e.stderr, /NoSuchEntity.*Policy arn:aws:iam::\d{12}:policy\/Nope was not found\./);
});

test('SDK v3: CreatePolicy, GetPolicyVersion, ListPolicies paging, SimulateCustomPolicy', async () => {
  const iam = new IAMClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  });
  const p = await iam.send(new CreatePolicyCommand({ PolicyName: 'SdkPolicy', PolicyDocument: DOC }));
  assert.ok(p.Policy?.CreateDate instanceof Date);
  const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: p.Policy!.Arn!, VersionId: 'v1' }));
  assert.equal(decodeURIComponent(v.PolicyVersion!.Document!), DOC);
  const page = await iam.send(new ListPoliciesCommand({ MaxItems: 10 }));
  assert.equal(page.Policies?.length, 10);
  assert.equal(page.IsTruncated, true);
  const next = await iam.send(new ListPoliciesCommand({ MaxItems: 10, Marker: page.Marker }));
  assert.notEqual(next.Policies![0]!.Arn, page.Policies![0]!.Arn);
  const sim = await iam.send(
    new SimulateCustomPolicyCommand({
      PolicyInputList: [DOC],
      ActionNames: ['s3:GetObject', 's3:PutObject'],
    }),
  );
  assert.deepEqual(
    sim.EvaluationResults!.map((r) => r.EvalDecision),
    ['allowed', 'implicitDeny'],
  );
});
