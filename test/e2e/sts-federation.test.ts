// GetFederationToken sessions with real clients (boto3): the federated user's permissions are the
// calling IAM user's policies (read at each request) intersected with the session policies, as AWS
// evaluates them; a root-made session is limited by its session policies alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { python, type Creds } from '../helpers/clients.js';

let s: TestServer;
let proxy: Creds;
const root = (): Creds => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });

before(async () => {
  s = await startServer();
  const r = python(
    `import boto3,json
boto3.client('organizations').create_organization(FeatureSet='ALL')
iam=boto3.client('iam')
iam.create_user(UserName='proxy')
iam.put_user_policy(UserName='proxy', PolicyName='p', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[
  {'Effect':'Allow','Action':'sts:GetFederationToken','Resource':'*'},
  {'Effect':'Allow','Action':['organizations:DescribeOrganization','organizations:ListAccounts'],'Resource':'*'}]}))
k=iam.create_access_key(UserName='proxy')['AccessKey']
print(json.dumps({'id':k['AccessKeyId'],'secret':k['SecretAccessKey']}))`,
    root(),
  );
  assert.equal(r.status, 0, r.stderr);
  const k = JSON.parse(r.stdout.trim().split('\n').pop()!);
  proxy = { url: s.url, accessKeyId: k.id, secretAccessKey: k.secret };
});

after(async () => {
  await s?.stop();
});

/** Gets a federation token for `bob` with `policy`, then tries each organizations call; prints code|message per call. */
const tryCalls = (policy: string | undefined, calls: string[], before = '') => `import boto3,json
${before}
kw={'Name':'bob'}
${policy ? `kw['Policy']=json.dumps(${policy})` : ''}
c=boto3.client('sts').get_federation_token(**kw)['Credentials']
o=boto3.client('organizations', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
for name in ${JSON.stringify(calls)}:
  try:
    getattr(o, name)(**({'AccountId':'${TEST_ACCOUNT}'} if name=='describe_account' else {}))
    print(name+'|ok')
  except o.exceptions.ClientError as e:
    print(name+'|'+e.response['Error']['Code']+'|'+e.response['Error']['Message'])`;

const BOB = `arn:aws:sts::${TEST_ACCOUNT}:federated-user/bob`;

test("a federated user may do what both the user's policies and the session policy allow", () => {
  const policy = `{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['organizations:DescribeOrganization','organizations:DescribeAccount'],'Resource':'*'}]}`;
  const r = python(tryCalls(policy, ['describe_organization', 'list_accounts', 'describe_account']), proxy);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, 2), [
    'describe_organization|ok',
    // The user allows it, the session policy does not.
    `list_accounts|AccessDeniedException|User: ${BOB} is not authorized to perform: organizations:ListAccounts on resource: * because no session policy allows the organizations:ListAccounts action`,
  ]);
  // The session policy allows it, the user's policies do not.
  assert.match(
    lines[2]!,
    /^describe_account\|AccessDeniedException\|User: \S+federated-user\/bob is not authorized to perform: organizations:DescribeAccount on resource: \S+ because no identity-based policy allows the organizations:DescribeAccount action$/,
  );
});

test("the user's policies are read at each request: removing them takes the federated user's access away", () => {
  const policy = `{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'organizations:*','Resource':'*'}]}`;
  const r = python(
    `${tryCalls(policy, ['describe_organization'])}
boto3.client('iam', aws_access_key_id='${s.accessKeyId}', aws_secret_access_key='${s.secretAccessKey}').put_user_policy(UserName='proxy', PolicyName='deny', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'organizations:DescribeOrganization','Resource':'*'}]}))
try:
  o.describe_organization(); print('still allowed')
except o.exceptions.ClientError as e:
  print(e.response['Error']['Code']+'|'+e.response['Error']['Message'])
boto3.client('iam', aws_access_key_id='${s.accessKeyId}', aws_secret_access_key='${s.secretAccessKey}').delete_user_policy(UserName='proxy', PolicyName='deny')`,
    proxy,
  );
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'describe_organization|ok',
    `AccessDeniedException|User: ${BOB} is not authorized to perform: organizations:DescribeOrganization on resource: * with an explicit deny in an identity-based policy`,
  ]);
});

test('without a session policy a federated user may do nothing; a root-made session is limited by its session policy', () => {
  const none = python(tryCalls(undefined, ['describe_organization']), proxy);
  assert.equal(none.status, 0, none.stderr);
  assert.match(none.stdout, /^describe_organization\|AccessDeniedException\|/);

  const policy = `{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'organizations:DescribeOrganization','Resource':'*'}]}`;
  const r = python(tryCalls(policy, ['describe_organization', 'list_accounts']), root());
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'describe_organization|ok');
  assert.match(lines[1]!, /^list_accounts\|AccessDeniedException\|.*because no session policy allows/);
});
