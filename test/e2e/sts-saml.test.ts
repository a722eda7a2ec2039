// SAML federation with real clients: the simulated IdP's metadata uploaded with
// `aws iam create-saml-provider`, a role trusting the provider with a saml:aud condition, then
// AssumeRoleWithSAML with the AWS CLI and boto3 and GetCallerIdentity with the returned credentials;
// a condition mismatch (AccessDenied), a tampered assertion (InvalidIdentityToken), and an IdP whose
// certificate comes from `openssl req -x509`, its assertions signed by xml-crypto in the test. The server
// runs as its own process (the AWS CLI and python are run synchronously).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { mintSamlAssertion, samlMetadata } from '../../src/cli/saml.js';
import { assertionXml } from '../../src/services/sts/saml/simulated.js';
import { startServer, tempDir, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python, type Creds } from '../helpers/clients.js';

const ENTITY = 'urn:example:corp-idp';
let server: TestServer;
let root: { accessKeyId: string; secretAccessKey: string };
let account: string;
let providerArn: string;
let roleArn: string;
let dir: string;

const creds = (): Creds => ({ url: server.url, ...root });
const client = () => ({ endpoint: server.url, region: 'us-east-1', credentials: root });

function trust(provider: string, condition: Record<string, unknown>) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: provider },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: condition,
      },
    ],
  });
}

async function createRole(name: string, doc: string): Promise<string> {
  const iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: root });
  return (await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc }))).Role!
    .Arn!;
}

function createProvider(name: string, metadata: string): string {
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, metadata);
  const r = awsCli(
    ['iam', 'create-saml-provider', '--name', name, '--saml-metadata-document', `file://${file}`],
    creds(),
  );
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { SAMLProviderArn: string }).SAMLProviderArn;
}

before(async () => {
  dir = tempDir('rolechain-sts-saml-');
  server = await startServer();
  root = { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  account = server.accountId;
  if (!hasAwsCli) return;
  providerArn = createProvider('CorpIdP', await samlMetadata({ ...client(), entityId: ENTITY }));
  roleArn = await createRole(
    'saml-dev',
    trust(providerArn, { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } }),
  );
});

after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('AssumeRoleWithSAML with real clients', { skip: !hasAwsCli && 'no AWS CLI' }, () => {
  it('aws sts assume-role-with-saml, then get-caller-identity with the session', async () => {
    const assertion = await mintSamlAssertion({
      ...client(),
      entityId: ENTITY,
      roles: [{ roleArn, providerArn }],
      sub: 'alice@example.com',
      sessionName: 'alice',
    });
    const r = awsCli(
      [
        'sts',
        'assume-role-with-saml',
        '--role-arn',
        roleArn,
        '--principal-arn',
        providerArn,
        '--saml-assertion',
        assertion,
      ],
      { url: server.url, accessKeyId: '', secretAccessKey: '' },
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
      AssumedRoleUser: { Arn: string };
      Subject: string;
      SubjectType: string;
      Issuer: string;
      Audience: string;
      NameQualifier: string;
    };
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${account}:assumed-role/saml-dev/alice`);
    assert.equal(out.Subject, 'alice@example.com');
    assert.equal(out.SubjectType, 'persistent');
    assert.equal(out.Issuer, ENTITY);
    assert.equal(out.Audience, 'https://signin.aws.amazon.com/saml');
    assert.match(out.NameQualifier, /^[A-Za-z0-9+/]{27}=$/);
    const who = awsCli(['sts', 'get-caller-identity'], {
      url: server.url,
      accessKeyId: out.Credentials.AccessKeyId,
      secretAccessKey: out.Credentials.SecretAccessKey,
      sessionToken: out.Credentials.SessionToken,
    });
    assert.equal(who.status, 0, who.stderr);
    assert.equal((JSON.parse(who.stdout) as { Arn: string }).Arn, out.AssumedRoleUser.Arn);
  });

  it('boto3 assume_role_with_saml (unsigned), then get_caller_identity; a tampered assertion is refused', async () => {
    const assertion = await mintSamlAssertion({
      ...client(),
      entityId: ENTITY,
      roles: [{ roleArn, providerArn }],
      sub: 'bob',
      attributes: { 'urn:oid:2.5.4.42': ['Bob'] },
    });
    const xml = Buffer.from(assertion, 'base64').toString('utf8');
    const tampered = Buffer.from(xml.replace('>bob<', '>eve<')).toString('base64');
    const r = python(
      `
import boto3, json, os
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
sts = boto3.client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL'], config=Config(signature_version=UNSIGNED))
r = sts.assume_role_with_saml(RoleArn=os.environ['ROLE'], PrincipalArn=os.environ['PROVIDER'], SAMLAssertion=os.environ['A'])
c = r['Credentials']
who = boto3.client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL'], aws_access_key_id=c['AccessKeyId'],
  aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken']).get_caller_identity()
err = None
try:
  sts.assume_role_with_saml(RoleArn=os.environ['ROLE'], PrincipalArn=os.environ['PROVIDER'], SAMLAssertion=os.environ['T'])
except ClientError as e:
  err = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps({'arn': who['Arn'], 'subject': r['Subject'], 'err': err}))
`,
      creds(),
      { ROLE: roleArn, PROVIDER: providerArn, A: assertion, T: tampered },
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { arn: string; subject: string; err: [string, string, number] };
    assert.equal(out.arn, `arn:aws:sts::${account}:assumed-role/saml-dev/bob`);
    assert.equal(out.subject, 'bob');
    assert.deepEqual(out.err, ['InvalidIdentityToken', 'Response signature invalid', 400]);
  });

  it('a trust condition that does not match is AccessDenied with AWS message', async () => {
    const strict = await createRole(
      'saml-admins',
      trust(providerArn, { StringEquals: { 'saml:sub': 'admin@example.com' } }),
    );
    const assertion = await mintSamlAssertion({
      ...client(),
      entityId: ENTITY,
      roles: [{ roleArn: strict, providerArn }],
      sub: 'alice@example.com',
      sessionName: 'alice',
    });
    const r = awsCli(
      [
        'sts',
        'assume-role-with-saml',
        '--role-arn',
        strict,
        '--principal-arn',
        providerArn,
        '--saml-assertion',
        assertion,
      ],
      { url: server.url, accessKeyId: '', secretAccessKey: '' },
    );
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      /\(AccessDenied\) when calling the AssumeRoleWithSAML operation: Not authorized to perform sts:AssumeRoleWithSAML/,
    );
  });

  it('minting needs rolechain:MintSamlAssertion', async () => {
    const r = awsCli(['iam', 'create-user', '--user-name', 'no-mint'], creds());
    assert.equal(r.status, 0, r.stderr);
    const k = JSON.parse(awsCli(['iam', 'create-access-key', '--user-name', 'no-mint'], creds()).stdout) as {
      AccessKey: { AccessKeyId: string; SecretAccessKey: string };
    };
    await assert.rejects(
      mintSamlAssertion({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: k.AccessKey.AccessKeyId, secretAccessKey: k.AccessKey.SecretAccessKey },
        entityId: ENTITY,
        roles: [{ roleArn, providerArn }],
        sub: 'mallory',
      }),
      /^Error: AccessDenied: .*rolechain:MintSamlAssertion/,
    );
  });

  it('minting refuses Role pairs of another account', async () => {
    await assert.rejects(
      mintSamlAssertion({
        ...client(),
        entityId: ENTITY,
        roles: [{ roleArn: 'arn:aws:iam::999999999999:role/victim', providerArn: providerArn }],
        sub: 'mallory',
      }),
      /^Error: AccessDenied: Simulated SAML assertions may only name roles and providers of your own account/,
    );
  });

  it('an IdP certificate made by openssl, assertions signed by xml-crypto (interop)', async (t) => {
    const key = join(dir, 'idp.key');
    const cert = join(dir, 'idp.crt');
    const o = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=idp.example.com',
      ],
      { encoding: 'utf8' },
    );
    if (o.status !== 0) return t.skip('openssl unavailable');
    const certPem = readFileSync(cert, 'utf8');
    const keyPem = readFileSync(key, 'utf8');
    const entity = 'https://idp.example.com/metadata';
    const body = certPem.replace(/-----[A-Z ]+-----|\s+/g, '');
    const metadata = `<?xml version="1.0"?>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entity}">
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <KeyDescriptor><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${body}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso"/>
  </IDPSSODescriptor>
</EntityDescriptor>`;
    const provider = createProvider('OpenSslIdP', metadata);
    const role = await createRole('saml-openssl', trust(provider, { StringEquals: { 'saml:iss': entity } }));
    const { xml } = assertionXml({
      account,
      entityId: entity,
      subject: 'carol',
      roles: [`${role},${provider}`],
      sessionName: 'carol',
      now: Date.now(),
    });
    // The IdP signs the whole Response, as e.g. Okta can: the assertion inside is unsigned.
    const sig = new SignedXml({
      privateKey: keyPem,
      publicCert: certPem,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: "/*[local-name(.)='Response']",
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    sig.computeSignature(xml, {
      prefix: 'ds',
      location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' },
    });
    const assertion = Buffer.from(sig.getSignedXml()).toString('base64');
    const r = python(
      `
import boto3, json, os
from botocore import UNSIGNED
from botocore.config import Config
sts = boto3.client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL'], config=Config(signature_version=UNSIGNED))
r = sts.assume_role_with_saml(RoleArn=os.environ['ROLE'], PrincipalArn=os.environ['PROVIDER'], SAMLAssertion=os.environ['A'])
print(json.dumps({'arn': r['AssumedRoleUser']['Arn'], 'issuer': r['Issuer']}))
`,
      creds(),
      { ROLE: role, PROVIDER: provider, A: assertion },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      arn: `arn:aws:sts::${account}:assumed-role/saml-openssl/carol`,
      issuer: entity,
    });
  });
});
