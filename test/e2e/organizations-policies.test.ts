// SCPs and RCPs enforced on real requests, driven with boto3 and the AWS CLI: a deny SCP on an OU
// blocks the admin role (OrganizationAccountAccessRole) of the account below it but not the management
// account nor an account elsewhere; an allow-list SCP without FullAWSAccess blocks what it does not
// list; an RCP denies sts:AssumeRole into a member account from an account outside the organization.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, TEST_ACCOUNT, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python, type Creds } from '../helpers/clients.js';

const A = '222222222222'; // in OU "workloads"
const B = '333333333333'; // directly under the root
const C = '444444444444'; // created, then removed from the organization: an outsider

let s: TestServer;
let alice: Creds;
let ids: { org: string; root: string; ou: string };
const root = (): Creds => ({ url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });

function py(script: string, c: Creds): string {
  const r = python(`import boto3,json,os\n${script}`, c);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/** Credentials of a role session, assumed by `c` with the AWS CLI. */
function assume(roleArn: string, c: Creds): Creds {
  const out = py(
    `k=boto3.client('sts').assume_role(RoleArn='${roleArn}', RoleSessionName='tt')['Credentials']
print(json.dumps([k['AccessKeyId'],k['SecretAccessKey'],k['SessionToken']]))`,
    c,
  );
  const [accessKeyId, secretAccessKey, sessionToken] = JSON.parse(out) as string[];
  return { url: s.url, accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, sessionToken };
}

const oaar = (acct: string) => `arn:aws:iam::${acct}:role/OrganizationAccountAccessRole`;

/** Runs an IAM call with boto3 and returns "OK" or "<code>: <message>". */
function iamCall(c: Creds, call: string): string {
  return py(
    `iam=boto3.client('iam')
try:
  iam.${call}
  print('OK')
except Exception as e:
  print(e.response['Error']['Code'] + ': ' + e.response['Error']['Message'])`,
    c,
  );
}

before(async () => {
  s = await startServer();
  const out = py(
    `o=boto3.client('organizations')
org=o.create_organization(FeatureSet='ALL')['Organization']
for acct,name in (('${A}','A'),('${B}','B'),('${C}','C')):
  o.create_account(Email=name+'@example.com', AccountName=name, Tags=[{'Key':'rolechain:account-id','Value':acct}])
r=o.list_roots()['Roots'][0]
ou=o.create_organizational_unit(ParentId=r['Id'], Name='workloads')['OrganizationalUnit']
o.move_account(AccountId='${A}', SourceParentId=r['Id'], DestinationParentId=ou['Id'])
iam=boto3.client('iam')
iam.create_user(UserName='alice')
iam.put_user_policy(UserName='alice', PolicyName='assume', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}]}))
k=iam.create_access_key(UserName='alice')['AccessKey']
print(json.dumps({'org':org['Id'],'root':r['Id'],'ou':ou['Id'],'roots':r['PolicyTypes'],'k':[k['AccessKeyId'],k['SecretAccessKey']]}))`,
    root(),
  );
  const o = JSON.parse(out);
  assert.deepEqual(o.roots, [], 'no policy type is enabled in a new organization');
  ids = { org: o.org, root: o.root, ou: o.ou };
  alice = { url: s.url, accessKeyId: o.k[0], secretAccessKey: o.k[1] };
  // In A, a role that trusts account C and the management account (the RCP test's target).
  py(
    `boto3.client('iam').create_role(RoleName='partner', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':['arn:aws:iam::${C}:root','arn:aws:iam::${TEST_ACCOUNT}:root']},'Action':'sts:AssumeRole'}]}))`,
    assume(oaar(A), alice),
  );
});

after(async () => {
  await s?.stop();
});

test('a deny SCP on an OU blocks the admin role below it, not the management account nor other accounts (boto3, AWS CLI)', () => {
  const a = assume(oaar(A), alice);
  const b = assume(oaar(B), alice);
  assert.equal(iamCall(a, 'list_roles()'), 'OK', 'no SCP type enabled yet');
  const scp = py(
    `o=boto3.client('organizations')
print(json.dumps(o.enable_policy_type(RootId='${ids.root}', PolicyType='SERVICE_CONTROL_POLICY')['Root']['PolicyTypes']))
p=o.create_policy(Name='no-iam-reads', Description='deny', Type='SERVICE_CONTROL_POLICY', Content=json.dumps({'Version':'2012-10-17','Statement':[{'Sid':'NoRoles','Effect':'Deny','Action':'iam:ListRoles','Resource':'*'}]}))['Policy']['PolicySummary']
o.attach_policy(PolicyId=p['Id'], TargetId='${ids.ou}')
print(json.dumps([x['Name'] for x in o.list_policies_for_target(TargetId='${ids.ou}', Filter='SERVICE_CONTROL_POLICY')['Policies']]))
print(p['Id'])`,
    root(),
  ).split('\n');
  assert.deepEqual(JSON.parse(scp[0]!), [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
  assert.deepEqual(JSON.parse(scp[1]!), ['FullAWSAccess', 'no-iam-reads']);
  const policyId = scp[2]!;

  const sessionArn = `arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/tt`;
  assert.equal(
    iamCall(a, 'list_roles()'),
    `AccessDenied: User: ${sessionArn} is not authorized to perform: iam:ListRoles on resource: * with an explicit deny in a service control policy`,
  );
  assert.equal(iamCall(a, "get_role(RoleName='partner')"), 'OK', 'other actions still allowed');
  assert.equal(iamCall(b, 'list_roles()'), 'OK', 'B is not below the OU');
  assert.equal(iamCall(root(), 'list_roles()'), 'OK');

  // Attached at the root, the deny reaches B too, but never the management account.
  py(`boto3.client('organizations').attach_policy(PolicyId='${policyId}', TargetId='${ids.root}')`, root());
  assert.match(iamCall(b, 'list_roles()'), /^AccessDenied: .* explicit deny in a service control policy$/);
  assert.equal(iamCall(root(), 'list_roles()'), 'OK', 'the management account is exempt');
  const mgmtAdmin = py(
    `iam=boto3.client('iam')
iam.create_role(RoleName='admin', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${TEST_ACCOUNT}:root'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='admin', PolicyName='all', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}))
print('ok')`,
    root(),
  );
  assert.equal(mgmtAdmin, 'ok');
  assert.equal(iamCall(assume(`arn:aws:iam::${TEST_ACCOUNT}:role/admin`, alice), 'list_roles()'), 'OK');

  if (hasAwsCli) {
    // The same through the AWS CLI: the denied call and the SCP's detachment lifting it.
    const denied = awsCli(['iam', 'list-roles'], a);
    assert.notEqual(denied.status, 0);
    assert.match(denied.stderr, /AccessDenied.*with an explicit deny in a service control policy/);
    for (const target of [ids.root, ids.ou]) {
      const d = awsCli(
        ['organizations', 'detach-policy', '--policy-id', policyId, '--target-id', target],
        root(),
      );
      assert.equal(d.status, 0, d.stderr);
    }
    const ok = awsCli(['iam', 'list-roles'], a);
    assert.equal(ok.status, 0, ok.stderr);
    const targets = awsCli(['organizations', 'list-targets-for-policy', '--policy-id', policyId], root());
    assert.deepEqual(JSON.parse(targets.stdout).Targets, []);
  } else {
    py(
      `o=boto3.client('organizations')
for t in ('${ids.root}','${ids.ou}'): o.detach_policy(PolicyId='${policyId}', TargetId=t)`,
      root(),
    );
  }
  assert.equal(iamCall(a, 'list_roles()'), 'OK');
});

test('an allow-list SCP without FullAWSAccess at one level blocks everything it does not list', () => {
  const a = assume(oaar(A), alice);
  const out = py(
    `o=boto3.client('organizations')
def err(f):
  try:
    f(); return 'OK'
  except Exception as e:
    return e.response['Error']['Code'] + '/' + e.response.get('Reason', '')
p=o.create_policy(Name='only-reads', Description='allow list', Type='SERVICE_CONTROL_POLICY', Content=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['iam:Get*','iam:List*','sts:*'],'Resource':'*'}]}))['Policy']['PolicySummary']
print(err(lambda: o.detach_policy(PolicyId='p-FullAWSAccess', TargetId='${ids.ou}')))
o.attach_policy(PolicyId=p['Id'], TargetId='${ids.ou}')
print(err(lambda: o.detach_policy(PolicyId='p-FullAWSAccess', TargetId='${ids.ou}')))
print(err(lambda: o.detach_policy(PolicyId=p['Id'], TargetId='${ids.ou}')))
print(err(lambda: o.attach_policy(PolicyId=p['Id'], TargetId='${ids.ou}')))
print(err(lambda: o.delete_policy(PolicyId=p['Id'])))`,
    root(),
  ).split('\n');
  assert.deepEqual(out, [
    'ConstraintViolationException/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    'OK',
    'ConstraintViolationException/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    'DuplicatePolicyAttachmentException/',
    'PolicyInUseException/',
  ]);
  assert.equal(iamCall(a, 'list_roles()'), 'OK');
  assert.equal(
    iamCall(a, "create_user(UserName='bob')"),
    `AccessDenied: User: arn:aws:sts::${A}:assumed-role/OrganizationAccountAccessRole/tt is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/bob because no service control policy allows the iam:CreateUser action`,
  );
  const b = assume(oaar(B), alice);
  assert.equal(iamCall(b, "create_user(UserName='bob')"), 'OK', 'B keeps FullAWSAccess at every level');
  // Restore FullAWSAccess on the OU for the next test.
  py(`boto3.client('organizations').attach_policy(PolicyId='p-FullAWSAccess', TargetId='${ids.ou}')`, root());
  assert.equal(iamCall(a, "create_user(UserName='bob')"), 'OK');
});

test('an RCP denies sts:AssumeRole into a member account from outside the organization (aws:PrincipalOrgID)', () => {
  // C leaves the organization; its admin role session is an outside principal.
  const c = assume(oaar(C), alice);
  py(`boto3.client('organizations').remove_account_from_organization(AccountId='${C}')`, root());
  const partner = `arn:aws:iam::${A}:role/partner`;
  const tryAssume = (who: Creds) =>
    py(
      `try:
  boto3.client('sts').assume_role(RoleArn='${partner}', RoleSessionName='xx'); print('OK')
except Exception as e:
  print(e.response['Error']['Code'])`,
      who,
    );
  assert.equal(tryAssume(c), 'OK', 'no RCP yet');
  const out = py(
    `o=boto3.client('organizations')
o.enable_policy_type(RootId='${ids.root}', PolicyType='RESOURCE_CONTROL_POLICY')
p=o.create_policy(Name='org-only', Description='perimeter', Type='RESOURCE_CONTROL_POLICY', Content=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Deny','Principal':'*','Action':'sts:AssumeRole','Resource':'*','Condition':{'StringNotEqualsIfExists':{'aws:PrincipalOrgID':'${ids.org}'}}}]}))['Policy']['PolicySummary']
o.attach_policy(PolicyId=p['Id'], TargetId='${ids.root}')
print(json.dumps(sorted(x['Name'] for x in o.list_policies_for_target(TargetId='${A}', Filter='RESOURCE_CONTROL_POLICY')['Policies'])))
print(json.dumps(sorted(x['Type'] for x in o.list_roots()['Roots'][0]['PolicyTypes'])))`,
    root(),
  ).split('\n');
  assert.deepEqual(JSON.parse(out[0]!), ['RCPFullAWSAccess']);
  assert.deepEqual(JSON.parse(out[1]!), ['RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
  assert.equal(tryAssume(c), 'AccessDenied', 'outside the organization');
  assert.equal(tryAssume(alice), 'OK', 'inside the organization (management account)');
  if (hasAwsCli) {
    const r = awsCli(['sts', 'assume-role', '--role-arn', partner, '--role-session-name', 'xx'], c);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /AccessDenied/);
  }
  py(
    `o=boto3.client('organizations')
o.disable_policy_type(RootId='${ids.root}', PolicyType='RESOURCE_CONTROL_POLICY')`,
    root(),
  );
  assert.equal(tryAssume(c), 'OK', 'RCPs disabled: detached everywhere');
});

test('organization context keys: aws:PrincipalOrgID and aws:PrincipalOrgPaths in an identity policy', () => {
  const a = assume(oaar(A), alice);
  const path = `${ids.org}/${ids.root}/${ids.ou}/`;
  py(
    `iam=boto3.client('iam')
iam.create_role(RoleName='pathy', AssumeRolePolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::${TEST_ACCOUNT}:root'},'Action':'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='pathy', PolicyName='p', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[
 {'Effect':'Allow','Action':'iam:ListRoles','Resource':'*','Condition':{'ForAnyValue:StringLike':{'aws:PrincipalOrgPaths':'${ids.org}/${ids.root}/${ids.ou}/*'}}},
 {'Effect':'Allow','Action':'iam:ListUsers','Resource':'*','Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-other00000'}}},
 {'Effect':'Allow','Action':'iam:ListGroups','Resource':'*','Condition':{'StringEquals':{'aws:ResourceOrgID':'${ids.org}','aws:ResourceAccount':'${A}'}}}]}))`,
    a,
  );
  assert.ok(path.startsWith('o-'));
  const pathy = assume(`arn:aws:iam::${A}:role/pathy`, alice);
  assert.equal(iamCall(pathy, 'list_roles()'), 'OK');
  assert.match(iamCall(pathy, 'list_users()'), /^AccessDenied: .*because no identity-based policy allows/);
  assert.equal(iamCall(pathy, 'list_groups()'), 'OK');
});
