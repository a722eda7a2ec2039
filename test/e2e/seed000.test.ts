// Seed 000 (../shared/seeds/000_793331894f5db553.txt): the article's boto3 script, run unchanged apart
// from the endpoint (boto3 reads AWS_ENDPOINT_URL). Two placeholders of the article are filled in:
// ACCOUNT_ID (from sts get_caller_identity) and RoleXYZ's policy ARN, which the article's text cuts
// off after "arn:aws:iam::aws" (completed with AmazonS3ReadOnlyAccess, as for RoleABC).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { python } from '../helpers/clients.js';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(async () => {
  await s.stop();
});

const SCRIPT = `
import boto3
ACCOUNT_ID = boto3.client('sts').get_caller_identity()['Account']
iam_client = boto3.client('iam')
response = iam_client.create_role(
RoleName='RoleABC',
AssumeRolePolicyDocument='''{
"Version": "2012-10-17",
"Statement": [{
"Effect": "Allow",
"Principal": {
"Service": "ec2.amazonaws.com"
},
"Action": "sts:AssumeRole"
}]
}'''
)
# Attach policies to RoleABC
response = iam_client.attach_role_policy(
RoleName='RoleABC',
PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
)
response = iam_client.create_role(
RoleName='RoleXYZ',
AssumeRolePolicyDocument='''{
"Version": "2012-10-17",
"Statement": [{
"Effect": "Allow",
"Principal": {
"AWS": "arn:aws:iam::ACCOUNT_ID:role/RoleABC"
},
"Action": "sts:AssumeRole"
}]
}'''.replace('ACCOUNT_ID', ACCOUNT_ID)
)
# Attach policies to RoleXYZ
response = iam_client.attach_role_policy(
RoleName='RoleXYZ',
PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
)
response = iam_client.create_instance_profile(
InstanceProfileName='InstanceProfileABC'
)
response = iam_client.add_role_to_instance_profile(
InstanceProfileName='InstanceProfileABC',
RoleName='RoleABC'
)
response = iam_client.create_policy(
PolicyName='PolicyXYZ',
PolicyDocument='''{
"Version": "2012-10-17",
"Statement": [{
"Effect": "Allow",
"Action": "s3:*",
"Resource": "arn:aws:s3:::web-application-bucket/*"
}]
}'''
)
policy_arn = response['Policy']['Arn']
response = iam_client.attach_role_policy(
RoleName='RoleXYZ',
PolicyArn=policy_arn
)
response = iam_client.create_instance_profile(
InstanceProfileName='InstanceProfileEC2'
)
response = iam_client.add_role_to_instance_profile(
InstanceProfileName='InstanceProfileEC2',
RoleName='RoleABC'
)
# What the article's summary claims, read back.
import json
xyz = iam_client.get_role(RoleName='RoleXYZ')['Role']
print(json.dumps({
  'xyz_trust': xyz['AssumeRolePolicyDocument'],
  'xyz_policies': sorted(p['PolicyName'] for p in iam_client.list_attached_role_policies(RoleName='RoleXYZ')['AttachedPolicies']),
  'abc_policies': [p['PolicyName'] for p in iam_client.list_attached_role_policies(RoleName='RoleABC')['AttachedPolicies']],
  'abc_profiles': [p['InstanceProfileName'] for p in iam_client.list_instance_profiles_for_role(RoleName='RoleABC')['InstanceProfiles']],
  'ec2_profile_roles': [r['RoleName'] for r in iam_client.get_instance_profile(InstanceProfileName='InstanceProfileEC2')['InstanceProfile']['Roles']],
  'policy_arn': policy_arn,
}))
`;

test('seed 000: the role-chaining script runs against rolechain and leaves what it describes', () => {
  const r = python(SCRIPT, { url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.equal(out.xyz_trust.Statement[0].Principal.AWS, `arn:aws:iam::${TEST_ACCOUNT}:role/RoleABC`);
  assert.deepEqual(out.xyz_policies, ['AmazonS3ReadOnlyAccess', 'PolicyXYZ']);
  assert.deepEqual(out.abc_policies, ['AmazonS3ReadOnlyAccess']);
  assert.deepEqual(out.abc_profiles, ['InstanceProfileABC', 'InstanceProfileEC2']);
  assert.deepEqual(out.ec2_profile_roles, ['RoleABC']);
  assert.equal(out.policy_arn, `arn:aws:iam::${TEST_ACCOUNT}:policy/PolicyXYZ`);
});

test('seed 000 as the article printed it: the literal ACCOUNT_ID placeholder is an invalid principal', () => {
  const r = python(
    `import boto3, botocore
iam = boto3.client('iam')
iam.create_role(RoleName='Base', AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}')
try:
    iam.create_role(RoleName='Literal', AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::ACCOUNT_ID:role/Base"},"Action":"sts:AssumeRole"}]}')
    print('created')
except botocore.exceptions.ClientError as e:
    print(e.response['Error']['Code'], e.response['Error']['Message'])
`,
    { url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout.trim(),
    'MalformedPolicyDocument Invalid principal in policy: "AWS":"arn:aws:iam::ACCOUNT_ID:role/Base"',
  );
});
