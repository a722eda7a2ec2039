// Seed 000 as its diagram draws it, across two accounts: a web application on an EC2 instance in account
// ABC runs as RoleABC (credentials from the instance metadata service), assumes RoleXYZ in account XYZ, and
// reads s3://web-application-bucket there. Without the hop, RoleABC is refused: the bucket is another
// account's and its policy grants nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, BIN, type TestServer } from '../helpers/server.js';
import { python } from '../helpers/clients.js';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(async () => {
  await s.stop();
});

const ABC = '222222222222';
const XYZ = '333333333333';

// The organization, both accounts' roles, the bucket and the instance, built by administrators.
const SETUP = `
import boto3, json
org = boto3.client('organizations')
org.create_organization(FeatureSet='ALL')
for name, acct in (('ABC', '${ABC}'), ('XYZ', '${XYZ}')):
    org.create_account(Email=f'{name}@example.com', AccountName=name, Tags=[{'Key':'rolechain:account-id','Value':acct}])
iam = boto3.client('iam')
iam.create_user(UserName='ops')
iam.attach_user_policy(UserName='ops', PolicyArn='arn:aws:iam::aws:policy/AdministratorAccess')
k = iam.create_access_key(UserName='ops')['AccessKey']
ops = boto3.Session(aws_access_key_id=k['AccessKeyId'], aws_secret_access_key=k['SecretAccessKey'], region_name='us-east-1')
def admin(acct):
    c = ops.client('sts').assume_role(RoleArn=f'arn:aws:iam::{acct}:role/OrganizationAccountAccessRole', RoleSessionName='admin')['Credentials']
    return boto3.Session(aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'], region_name='us-east-1')
abc, xyz = admin('${ABC}'), admin('${XYZ}')
ai = abc.client('iam')
ai.create_role(RoleName='RoleABC', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}]}))
ai.attach_role_policy(RoleName='RoleABC', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
ai.put_role_policy(RoleName='RoleABC', PolicyName='chain', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'arn:aws:iam::${XYZ}:role/RoleXYZ'}]}))
ai.create_instance_profile(InstanceProfileName='InstanceProfileABC')
ai.add_role_to_instance_profile(InstanceProfileName='InstanceProfileABC', RoleName='RoleABC')
xi = xyz.client('iam')
xi.create_role(RoleName='RoleXYZ', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${ABC}:role/RoleABC'},'Action':'sts:AssumeRole'}]}))
xi.attach_role_policy(RoleName='RoleXYZ', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
xs3 = xyz.client('s3')
xs3.create_bucket(Bucket='web-application-bucket')
xs3.put_object(Bucket='web-application-bucket', Key='index.html', Body=b'<h1>XYZ</h1>')
i = abc.client('ec2').run_instances(ImageId='ami-0123456789abcdef0', MinCount=1, MaxCount=1, IamInstanceProfile={'Name':'InstanceProfileABC'})['Instances'][0]
c = abc.get_credentials()
print(json.dumps({'instance': i['InstanceId'], 'abc': [c.access_key, c.secret_key, c.token]}))
`;

// What runs on the instance: no keys in the environment, only the metadata service.
const ON_INSTANCE = `
import boto3, botocore, json
out = {'me': boto3.client('sts').get_caller_identity()['Arn']}
try:
    boto3.client('s3').get_object(Bucket='web-application-bucket', Key='index.html')
    out['no_hop'] = 'OK'
except botocore.exceptions.ClientError as e:
    out['no_hop'] = e.response['Error']['Code']
c = boto3.client('sts').assume_role(RoleArn='arn:aws:iam::${XYZ}:role/RoleXYZ', RoleSessionName='web')['Credentials']
xyz = boto3.Session(aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
out['hop'] = xyz.client('sts').get_caller_identity()['Arn']
out['read'] = xyz.client('s3').get_object(Bucket='web-application-bucket', Key='index.html')['Body'].read().decode()
print(json.dumps(out))
`;

test('seed 000 across accounts: instance (IMDS) → RoleABC → RoleXYZ reads the bucket; without the hop it is denied', () => {
  const setup = python(SETUP, { url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
  assert.equal(setup.status, 0, setup.stderr + setup.stdout);
  const { instance, abc } = JSON.parse(setup.stdout.trim().split('\n').pop()!) as {
    instance: string;
    abc: [string, string, string];
  };
  const envOut = spawnSync(process.execPath, [BIN, 'instance', 'env', instance, '--endpoint', s.url], {
    env: {
      PATH: process.env.PATH,
      AWS_ACCESS_KEY_ID: abc[0],
      AWS_SECRET_ACCESS_KEY: abc[1],
      AWS_SESSION_TOKEN: abc[2],
    },
    encoding: 'utf8',
  });
  assert.equal(envOut.status, 0, envOut.stderr);
  const imds = Object.fromEntries(
    [...envOut.stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
  );
  assert.match(imds.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? '', /^http:\/\/127\.0\.0\.1:\d+/);

  const run = python(
    ON_INSTANCE,
    { url: s.url, accessKeyId: '', secretAccessKey: '' },
    {
      ...imds,
      AWS_EC2_METADATA_DISABLED: 'false',
    },
  );
  assert.equal(run.status, 0, run.stderr + run.stdout);
  const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
  assert.equal(out.me, `arn:aws:sts::${ABC}:assumed-role/RoleABC/${instance}`);
  assert.equal(out.no_hop, 'AccessDenied');
  assert.equal(out.hop, `arn:aws:sts::${XYZ}:assumed-role/RoleXYZ/web`);
  assert.equal(out.read, '<h1>XYZ</h1>');
});
