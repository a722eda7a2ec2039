// Roles, instance profiles, service-linked roles and OIDC/SAML providers with real clients (boto3,
// the AWS CLI, SDK v3) against `rolechain serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  IAMClient,
  CreateRoleCommand,
  GetRoleCommand,
  CreateInstanceProfileCommand,
  AddRoleToInstanceProfileCommand,
  GetInstanceProfileCommand,
  DeleteRoleCommand,
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

/** Runs boto3 code with `iam` and `err(fn)` (the ClientError's code, message and status); prints JSON last. */
function py(body: string): any {
  const script = `import boto3, json, botocore, botocore.config, datetime
iam = boto3.client('iam')
def err(fn):
    try:
        fn()
    except botocore.exceptions.ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
    return None
def dump(x):
    print(json.dumps(x, default=str))
${body}`;
  const r = python(script, creds());
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

test('boto3: role lifecycle, trust principals, tags, inline and managed policies, conflicts', () => {
  const out = py(`
t = ${JSON.stringify(EC2_TRUST)}
r = iam.create_role(RoleName='E2ERole', Path='/e2e/', AssumeRolePolicyDocument=t, Description='d', MaxSessionDuration=7200, Tags=[{'Key':'k','Value':'v'}])['Role']
g = iam.get_role(RoleName='E2ERole')['Role']
dup = err(lambda: iam.create_role(RoleName='e2erole', AssumeRolePolicyDocument=t))
bad_principal = err(lambda: iam.create_role(RoleName='X', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${TEST_ACCOUNT}:role/Nope'},'Action':'sts:AssumeRole'}]})))
raw = boto3.client('iam', config=botocore.config.Config(parameter_validation=False))
bad_duration = err(lambda: raw.create_role(RoleName='X', AssumeRolePolicyDocument=t, MaxSessionDuration=100))
missing = err(lambda: iam.get_role(RoleName='Nope'))
iam.update_role(RoleName='E2ERole', MaxSessionDuration=3600, Description='d2')
iam.tag_role(RoleName='E2ERole', Tags=[{'Key':'k2','Value':'v2'}])
iam.untag_role(RoleName='E2ERole', TagKeys=['k'])
tags = iam.list_role_tags(RoleName='E2ERole')['Tags']
iam.put_role_policy(RoleName='E2ERole', PolicyName='inline', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}]}))
inline = iam.get_role_policy(RoleName='E2ERole', PolicyName='inline')
iam.attach_role_policy(RoleName='E2ERole', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
attached = iam.list_attached_role_policies(RoleName='E2ERole')['AttachedPolicies']
no_policy = err(lambda: iam.attach_role_policy(RoleName='E2ERole', PolicyArn='arn:aws:iam::aws:policy/NoSuchThing'))
conflict1 = err(lambda: iam.delete_role(RoleName='E2ERole'))
iam.detach_role_policy(RoleName='E2ERole', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
conflict2 = err(lambda: iam.delete_role(RoleName='E2ERole'))
iam.delete_role_policy(RoleName='E2ERole', PolicyName='inline')
iam.put_role_permissions_boundary(RoleName='E2ERole', PermissionsBoundary='arn:aws:iam::aws:policy/PowerUserAccess')
pb = iam.get_role(RoleName='E2ERole')['Role']['PermissionsBoundary']
iam.delete_role_permissions_boundary(RoleName='E2ERole')
listed = [x['RoleName'] for x in iam.list_roles(PathPrefix='/e2e/')['Roles']]
pages = [len(p['Roles']) for p in iam.get_paginator('list_roles').paginate(PaginationConfig={'PageSize': 1})]
iam.delete_role(RoleName='E2ERole')
dump(dict(r=r, g=g, dup=dup, bad_principal=bad_principal, bad_duration=bad_duration, missing=missing, tags=tags,
  inline=inline['PolicyDocument'], attached=attached, no_policy=no_policy, conflict1=conflict1, conflict2=conflict2,
  pb=pb, listed=listed, pages=pages, gone=err(lambda: iam.get_role(RoleName='E2ERole'))))
`);
  assert.match(out.r.RoleId, /^AROA[A-Z2-7]{17}$/);
  assert.equal(out.r.Arn, `arn:aws:iam::${TEST_ACCOUNT}:role/e2e/E2ERole`);
  assert.deepEqual(
    out.r.AssumeRolePolicyDocument,
    JSON.parse(EC2_TRUST),
    'boto3 decodes the URL-encoded document',
  );
  assert.equal(out.g.MaxSessionDuration, 7200);
  assert.deepEqual(out.g.RoleLastUsed, {});
  assert.deepEqual(out.dup, ['EntityAlreadyExists', 'Role with name e2erole already exists.', 409]);
  assert.deepEqual(out.bad_principal, [
    'MalformedPolicyDocument',
    `Invalid principal in policy: "AWS":"arn:aws:iam::${TEST_ACCOUNT}:role/Nope"`,
    400,
  ]);
  assert.equal(out.bad_duration[0], 'ValidationError');
  assert.deepEqual(out.missing, ['NoSuchEntity', 'The role with name Nope cannot be found.', 404]);
  assert.deepEqual(out.tags, [{ Key: 'k2', Value: 'v2' }]);
  assert.deepEqual(out.inline.Statement[0].Action, 's3:GetObject');
  assert.deepEqual(out.attached, [
    { PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' },
  ]);
  assert.deepEqual(out.no_policy, [
    'NoSuchEntity',
    'Policy arn:aws:iam::aws:policy/NoSuchThing does not exist or is not attachable.',
    404,
  ]);
  assert.deepEqual(out.conflict1, [
    'DeleteConflict',
    'Cannot delete entity, must detach all policies first.',
    409,
  ]);
  assert.deepEqual(out.conflict2, [
    'DeleteConflict',
    'Cannot delete entity, must delete policies first.',
    409,
  ]);
  assert.equal(out.pb.PermissionsBoundaryArn, 'arn:aws:iam::aws:policy/PowerUserAccess');
  assert.deepEqual(out.listed, ['E2ERole']);
  assert.ok(out.pages.length >= 1 && out.pages.every((n: number) => n <= 1));
  assert.equal(out.gone[0], 'NoSuchEntity');
});

test('boto3: instance profiles — one role max, DeleteConflict, listings', () => {
  const out = py(`
t = ${JSON.stringify(EC2_TRUST)}
iam.create_role(RoleName='IpRole', AssumeRolePolicyDocument=t)
iam.create_role(RoleName='IpRole2', AssumeRolePolicyDocument=t)
ip = iam.create_instance_profile(InstanceProfileName='E2EProfile', Path='/e2e/')['InstanceProfile']
iam.add_role_to_instance_profile(InstanceProfileName='E2EProfile', RoleName='IpRole')
full = err(lambda: iam.add_role_to_instance_profile(InstanceProfileName='E2EProfile', RoleName='IpRole2'))
got = iam.get_instance_profile(InstanceProfileName='E2EProfile')['InstanceProfile']
for_role = [p['InstanceProfileName'] for p in iam.list_instance_profiles_for_role(RoleName='IpRole')['InstanceProfiles']]
conflict = err(lambda: iam.delete_instance_profile(InstanceProfileName='E2EProfile'))
role_conflict = err(lambda: iam.delete_role(RoleName='IpRole'))
iam.tag_instance_profile(InstanceProfileName='E2EProfile', Tags=[{'Key':'a','Value':'b'}])
tags = iam.list_instance_profile_tags(InstanceProfileName='E2EProfile')['Tags']
iam.remove_role_from_instance_profile(InstanceProfileName='E2EProfile', RoleName='IpRole')
iam.delete_instance_profile(InstanceProfileName='E2EProfile')
missing = err(lambda: iam.get_instance_profile(InstanceProfileName='E2EProfile'))
dump(dict(ip=ip, full=full, got=got, for_role=for_role, conflict=conflict, role_conflict=role_conflict, tags=tags, missing=missing))
`);
  assert.match(out.ip.InstanceProfileId, /^AIPA[A-Z2-7]{17}$/);
  assert.equal(out.ip.Arn, `arn:aws:iam::${TEST_ACCOUNT}:instance-profile/e2e/E2EProfile`);
  assert.deepEqual(out.ip.Roles, []);
  assert.deepEqual(out.full, [
    'LimitExceeded',
    'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    409,
  ]);
  assert.equal(out.got.Roles[0].RoleName, 'IpRole');
  assert.deepEqual(out.got.Roles[0].AssumeRolePolicyDocument, JSON.parse(EC2_TRUST));
  assert.deepEqual(out.for_role, ['E2EProfile']);
  assert.deepEqual(out.conflict, [
    'DeleteConflict',
    'Cannot delete entity, must remove roles from instance profile first.',
    409,
  ]);
  assert.deepEqual(out.role_conflict, [
    'DeleteConflict',
    'Cannot delete entity, must remove roles from instance profile first.',
    409,
  ]);
  assert.deepEqual(out.tags, [{ Key: 'a', Value: 'b' }]);
  assert.deepEqual(out.missing, ['NoSuchEntity', 'Instance Profile E2EProfile cannot be found.', 404]);
});

test('boto3: service-linked role create, protected, delete with status', () => {
  const out = py(`
r = iam.create_service_linked_role(AWSServiceName='elasticloadbalancing.amazonaws.com')['Role']
prot = err(lambda: iam.put_role_policy(RoleName=r['RoleName'], PolicyName='p', PolicyDocument='{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'))
taken = err(lambda: iam.create_service_linked_role(AWSServiceName='elasticloadbalancing.amazonaws.com'))
task = iam.delete_service_linked_role(RoleName=r['RoleName'])['DeletionTaskId']
st = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)['Status']
dump(dict(r=r, prot=prot, taken=taken, st=st))
`);
  assert.equal(out.r.RoleName, 'AWSServiceRoleForElasticLoadBalancing');
  assert.equal(out.r.Path, '/aws-service-role/elasticloadbalancing.amazonaws.com/');
  assert.deepEqual(out.prot, [
    'UnmodifiableEntity',
    "Cannot perform the operation on the protected role 'AWSServiceRoleForElasticLoadBalancing' - this role is only modifiable by AWS",
    400,
  ]);
  assert.equal(out.taken[0], 'InvalidInput');
  assert.equal(out.st, 'SUCCEEDED');
});

test('boto3: OIDC and SAML providers', () => {
  const meta = `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${'A'.repeat(1100)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
  const out = py(`
arn = iam.create_open_id_connect_provider(Url='https://token.actions.githubusercontent.com', ClientIDList=['sts.amazonaws.com'], ThumbprintList=['6938fd4d98bab03faadb97b34396831e3780aea1'])['OpenIDConnectProviderArn']
dup = err(lambda: iam.create_open_id_connect_provider(Url='https://token.actions.githubusercontent.com'))
iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID='app')
iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=['a'*40])
oidc = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
role = iam.create_role(RoleName='GitHubActions', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Federated':arn},'Action':'sts:AssumeRoleWithWebIdentity'}]}))['Role']['RoleName']
oidc_list = iam.list_open_id_connect_providers()['OpenIDConnectProviderList']
iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
oidc_gone = err(lambda: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn))
saml = iam.create_saml_provider(Name='Okta', SAMLMetadataDocument=${JSON.stringify(meta)})['SAMLProviderArn']
got = iam.get_saml_provider(SAMLProviderArn=saml)
bad = err(lambda: iam.create_saml_provider(Name='Bad', SAMLMetadataDocument='x'*1000))
slist = iam.list_saml_providers()['SAMLProviderList']
iam.delete_saml_provider(SAMLProviderArn=saml)
dump(dict(arn=arn, dup=dup, oidc=oidc, role=role, oidc_list=oidc_list, oidc_gone=oidc_gone, saml=saml, got=got, bad=bad, slist=slist))
`);
  const arn = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
  assert.equal(out.arn, arn);
  assert.equal(out.dup[0], 'EntityAlreadyExists');
  assert.equal(out.oidc.Url, 'token.actions.githubusercontent.com');
  assert.deepEqual(out.oidc.ClientIDList, ['sts.amazonaws.com', 'app']);
  assert.deepEqual(out.oidc.ThumbprintList, ['a'.repeat(40)]);
  assert.equal(out.role, 'GitHubActions');
  assert.deepEqual(out.oidc_list, [{ Arn: arn }]);
  assert.deepEqual(out.oidc_gone, ['NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`, 404]);
  assert.equal(out.saml, `arn:aws:iam::${TEST_ACCOUNT}:saml-provider/Okta`);
  assert.equal(out.got.SAMLMetadataDocument, meta);
  assert.deepEqual(out.bad, ['InvalidInput', 'Could not parse metadata', 400]);
  assert.equal(out.slist.length, 1);
});

test('SDK v3: create role, instance profile with the role, typed errors', async () => {
  const iam = new IAMClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  });
  const r = await iam.send(
    new CreateRoleCommand({ RoleName: 'SdkRole', AssumeRolePolicyDocument: EC2_TRUST }),
  );
  assert.equal(r.Role!.Arn, `arn:aws:iam::${TEST_ACCOUNT}:role/SdkRole`);
  assert.ok(r.Role!.CreateDate instanceof Date);
  const g = await iam.send(new GetRoleCommand({ RoleName: 'SdkRole' }));
  assert.deepEqual(JSON.parse(decodeURIComponent(g.Role!.AssumeRolePolicyDocument!)), JSON.parse(EC2_TRUST));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'SdkProfile' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'SdkProfile', RoleName: 'SdkRole' }),
  );
  const ip = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'SdkProfile' }));
  assert.equal(ip.InstanceProfile!.Roles![0]!.RoleName, 'SdkRole');
  await assert.rejects(iam.send(new DeleteRoleCommand({ RoleName: 'SdkRole' })), (e: any) => {
    assert.equal(e.name, 'DeleteConflictException');
    assert.equal(e.$metadata.httpStatusCode, 409);
    return true;
  });
  await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'NoSuchSdkRole' })), (e: any) => {
    assert.equal(e.name, 'NoSuchEntityException');
    assert.equal(e.message, 'The role with name NoSuchSdkRole cannot be found.');
    return true;
  });
});

test(
  'AWS CLI: create-role, get-role, list-instance-profiles-for-role',
  { skip: !hasAwsCli && 'no /usr/bin/aws' },
  () => {
    let r = awsCli(
      ['iam', 'create-role', '--role-name', 'CliRole', '--assume-role-policy-document', EC2_TRUST],
      creds(),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).Role.RoleName, 'CliRole');
    r = awsCli(['iam', 'get-role', '--role-name', 'CliRole'], creds());
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).Role.AssumeRolePolicyDocument, JSON.parse(EC2_TRUST));
    r = awsCli(['iam', 'list-instance-profiles-for-role', '--role-name', 'CliRole'], creds());
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).InstanceProfiles, []);
    r = awsCli(['iam', 'get-role', '--role-name', 'CliNope'], creds());
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /NoSuchEntity.*The role with name CliNope cannot be found\./);
  },
);
