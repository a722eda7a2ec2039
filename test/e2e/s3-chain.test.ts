// Seed 000 to the data: a user in account ABC (the management account) assumes RoleABC, which assumes
// RoleXYZ in account XYZ (a member account created with Organizations), which reads
// s3://web-application-bucket in XYZ. Without the hop the read is denied (cross account, no bucket policy);
// a bucket-policy grant to RoleABC works only together with RoleABC's own identity policy. Then Block
// Public Access and anonymous access through a public bucket policy. All with boto3.
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

const XYZ = '222222222222';

const SCRIPT = `
import boto3, botocore, json, os, urllib.request
url = os.environ['ROLECHAIN_URL']
A = '${TEST_ACCOUNT}'
XYZ = '${XYZ}'
out = {}
def code(f):
    try:
        f()
        return 'OK'
    except botocore.exceptions.ClientError as e:
        return e.response['Error']['Code']
def session(c):
    return boto3.Session(aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'], region_name='us-east-1')

org = boto3.client('organizations')
org.create_organization(FeatureSet='ALL')
st = org.create_account(Email='xyz@example.com', AccountName='XYZ', Tags=[{'Key':'rolechain:account-id','Value':XYZ}])['CreateAccountStatus']
assert org.describe_create_account_status(CreateAccountRequestId=st['Id'])['CreateAccountStatus']['State'] == 'SUCCEEDED'

# Account XYZ's administrator (an admin user of ABC through OrganizationAccountAccessRole: root users
# may not assume roles) builds the bucket.
iam = boto3.client('iam')
iam.create_user(UserName='ops')
iam.attach_user_policy(UserName='ops', PolicyArn='arn:aws:iam::aws:policy/AdministratorAccess')
ok = iam.create_access_key(UserName='ops')['AccessKey']
ops = boto3.Session(aws_access_key_id=ok['AccessKeyId'], aws_secret_access_key=ok['SecretAccessKey'], region_name='us-east-1')
admin = session(ops.client('sts').assume_role(RoleArn=f'arn:aws:iam::{XYZ}:role/OrganizationAccountAccessRole', RoleSessionName='admin')['Credentials'])
xiam = admin.client('iam')
xs3 = admin.client('s3')
xs3.create_bucket(Bucket='web-application-bucket')
xs3.put_object(Bucket='web-application-bucket', Key='index.html', Body=b'<h1>XYZ</h1>')

# Account ABC: RoleABC (trusting the account, so an IAM user with permission may assume it) and a user.
iam.create_role(RoleName='RoleABC', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':f'arn:aws:iam::{A}:root'},'Action':'sts:AssumeRole'}]}))
iam.attach_role_policy(RoleName='RoleABC', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
iam.put_role_policy(RoleName='RoleABC', PolicyName='hop', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':f'arn:aws:iam::{XYZ}:role/RoleXYZ'}]}))
iam.create_role(RoleName='RoleNoS3', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':f'arn:aws:iam::{A}:root'},'Action':'sts:AssumeRole'}]}))
xiam.create_role(RoleName='RoleXYZ', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':f'arn:aws:iam::{A}:role/RoleABC'},'Action':'sts:AssumeRole'}]}))
xiam.attach_role_policy(RoleName='RoleXYZ', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
iam.create_user(UserName='app')
iam.put_user_policy(UserName='app', PolicyName='abc', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':[f'arn:aws:iam::{A}:role/RoleABC', f'arn:aws:iam::{A}:role/RoleNoS3']}]}))
k = iam.create_access_key(UserName='app')['AccessKey']
user = boto3.Session(aws_access_key_id=k['AccessKeyId'], aws_secret_access_key=k['SecretAccessKey'], region_name='us-east-1')

abc = session(user.client('sts').assume_role(RoleArn=f'arn:aws:iam::{A}:role/RoleABC', RoleSessionName='web')['Credentials'])
xyz = session(abc.client('sts').assume_role(RoleArn=f'arn:aws:iam::{XYZ}:role/RoleXYZ', RoleSessionName='web')['Credentials'])
out['chain_identity'] = xyz.client('sts').get_caller_identity()['Arn']
out['chain_read'] = xyz.client('s3').get_object(Bucket='web-application-bucket', Key='index.html')['Body'].read().decode()
out['chain_list'] = [o['Key'] for o in xyz.client('s3').list_objects_v2(Bucket='web-application-bucket')['Contents']]
out['chain_put'] = code(lambda: xyz.client('s3').put_object(Bucket='web-application-bucket', Key='x', Body=b'x'))
out['no_hop_read'] = code(lambda: abc.client('s3').get_object(Bucket='web-application-bucket', Key='index.html'))
try:
    abc.client('s3').get_object(Bucket='web-application-bucket', Key='index.html')
except botocore.exceptions.ClientError as e:
    out['no_hop_message'] = e.response['Error']['Message']
out['user_read'] = code(lambda: user.client('s3').get_object(Bucket='web-application-bucket', Key='index.html'))

# A bucket policy granting RoleABC (and RoleNoS3) s3:GetObject: enough only with the identity side too.
xs3.put_bucket_policy(Bucket='web-application-bucket', Policy=json.dumps({'Version':'2012-10-17','Statement':[{'Sid':'ABC','Effect':'Allow','Principal':{'AWS':[f'arn:aws:iam::{A}:role/RoleABC', f'arn:aws:iam::{A}:role/RoleNoS3']},'Action':'s3:GetObject','Resource':'arn:aws:s3:::web-application-bucket/*'}]}))
out['grant_abc_read'] = abc.client('s3').get_object(Bucket='web-application-bucket', Key='index.html')['Body'].read().decode()
nos3 = session(user.client('sts').assume_role(RoleArn=f'arn:aws:iam::{A}:role/RoleNoS3', RoleSessionName='nos3')['Credentials'])
out['grant_without_identity'] = code(lambda: nos3.client('s3').get_object(Bucket='web-application-bucket', Key='index.html'))
out['grant_list_not_granted'] = code(lambda: abc.client('s3').list_objects_v2(Bucket='web-application-bucket'))
out['policy_status'] = xs3.get_bucket_policy_status(Bucket='web-application-bucket')['PolicyStatus']['IsPublic']

# Block Public Access: a public policy is refused while BlockPublicPolicy is on (the default).
public = json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::web-application-bucket/*'}]})
out['public_blocked'] = code(lambda: xs3.put_bucket_policy(Bucket='web-application-bucket', Policy=public))
def anon(key='index.html'):
    try:
        return urllib.request.urlopen(f'{url}/web-application-bucket/{key}').read().decode()
    except urllib.error.HTTPError as e:
        return f'{e.code} ' + e.read().decode().split('<Code>')[1].split('</Code>')[0]
out['anon_before'] = anon()
xs3.delete_public_access_block(Bucket='web-application-bucket')
xs3.put_bucket_policy(Bucket='web-application-bucket', Policy=public)
out['public_status'] = xs3.get_bucket_policy_status(Bucket='web-application-bucket')['PolicyStatus']['IsPublic']
out['anon_public'] = anon()
out['anon_missing'] = anon('nope')
xs3.put_public_access_block(Bucket='web-application-bucket', PublicAccessBlockConfiguration={'RestrictPublicBuckets': True})
out['anon_restricted'] = anon()
out['cross_account_restricted'] = code(lambda: nos3.client('s3').get_object(Bucket='web-application-bucket', Key='index.html'))
out['owner_still_reads'] = code(lambda: xyz.client('s3').get_object(Bucket='web-application-bucket', Key='index.html'))
out['malformed'] = code(lambda: xs3.put_bucket_policy(Bucket='web-application-bucket', Policy='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}'))
# The data events in the bucket owner's trail: who read the object, through which session.
ev = [json.loads(e['CloudTrailEvent']) for e in admin.client('cloudtrail').lookup_events(LookupAttributes=[{'AttributeKey':'EventName','AttributeValue':'GetObject'}], MaxResults=50)['Events']]
out['trail_all_data'] = all(e['eventCategory'] == 'Data' and e['managementEvent'] is False for e in ev)
out['trail_chain_read'] = [e['resources'] for e in ev if e['userIdentity'].get('arn') == f'arn:aws:sts::{XYZ}:assumed-role/RoleXYZ/web' and 'errorCode' not in e][:1]
out['trail_cross_account'] = sorted({e['userIdentity']['type'] + ':' + e['userIdentity'].get('accountId', '') for e in ev if e['recipientAccountId'] == XYZ and e['userIdentity'].get('accountId') == A})
print(json.dumps(out))
`;

test('seed 000 end to end: user → RoleABC → RoleXYZ (another account) reads the bucket; bucket policies across accounts', () => {
  const r = python(SCRIPT, { url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.equal(out.chain_identity, `arn:aws:sts::${XYZ}:assumed-role/RoleXYZ/web`);
  assert.equal(out.chain_read, '<h1>XYZ</h1>');
  assert.deepEqual(out.chain_list, ['index.html']);
  assert.equal(out.chain_put, 'AccessDenied'); // read-only
  assert.equal(out.no_hop_read, 'AccessDenied');
  assert.equal(
    out.no_hop_message,
    `User: arn:aws:sts::${TEST_ACCOUNT}:assumed-role/RoleABC/web is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::web-application-bucket/index.html" because no resource-based policy allows the s3:GetObject action`,
  );
  assert.equal(out.user_read, 'AccessDenied');
  assert.equal(out.grant_abc_read, '<h1>XYZ</h1>');
  assert.equal(out.grant_without_identity, 'AccessDenied');
  assert.equal(out.grant_list_not_granted, 'AccessDenied');
  assert.equal(out.policy_status, false);
  assert.equal(out.public_blocked, 'AccessDenied');
  assert.equal(out.anon_before, '403 AccessDenied');
  assert.equal(out.public_status, true);
  assert.equal(out.anon_public, '<h1>XYZ</h1>');
  assert.equal(out.anon_missing, '403 AccessDenied'); // anonymous callers may not list: no NoSuchKey
  assert.equal(out.anon_restricted, '403 AccessDenied');
  assert.equal(out.cross_account_restricted, 'AccessDenied');
  assert.equal(out.owner_still_reads, 'OK');
  assert.equal(out.malformed, 'MalformedPolicy');
  assert.equal(out.trail_all_data, true);
  assert.deepEqual(out.trail_chain_read, [
    [
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::web-application-bucket/index.html' },
      { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::web-application-bucket', accountId: XYZ },
    ],
  ]);
  // RoleABC's reads from the other account are in the bucket owner's trail too (shared with the caller's).
  assert.deepEqual(out.trail_cross_account, [`AWSAccount:${TEST_ACCOUNT}`]);
});
