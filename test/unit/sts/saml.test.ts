// AssumeRoleWithSAML's verification: signatures by the provider metadata's certificates only (Response
// or Assertion signed), refusal of tampering, signature wrapping (a second assertion, a moved signed
// element, a duplicated ID), DTDs, a certificate not in the metadata, expiry, audience, issuer, the Role
// attribute; and the operation: response shape, NameQualifier, saml:* keys in the trust policy, tags.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import AssumeRoleWithSAML from '../../../src/services/sts/operations/AssumeRoleWithSAML.js';
import { selfSignedCertificate, toPem } from '../../../src/services/sts/saml/certificate.js';
import {
  assertionXml,
  signAssertion,
  simulatedMetadata,
  mintSimulatedAssertion,
  type AssertionRequest,
} from '../../../src/services/sts/saml/simulated.js';
import { KIND, type SamlProviderRecord } from '../../../src/services/iam/model.js';
import { resolveSession } from '../../../src/services/sts/authenticate-session.js';
import { ANONYMOUS } from '../../../src/services/caller.js';
import type { ServerEnv } from '../../../src/services/env.js';
import { opContext, call } from '../../helpers/op-context.js';
import { stsEnv, addRole, UNIT_ACCOUNT } from './fixtures.js';

const ENTITY = 'urn:example:idp';
const PROVIDER = `arn:aws:iam::${UNIT_ACCOUNT}:saml-provider/Corp`;
const ROLE = `arn:aws:iam::${UNIT_ACCOUNT}:role/saml-dev`;
let env: ServerEnv;

interface Signer {
  key: KeyObject;
  pem: string;
  cert: string;
}
function signer(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = selfSignedCertificate({
    serial: Buffer.from([7]),
    commonName: 'test idp',
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2040-01-01T00:00:00Z'),
    publicKey,
    privateKey,
  });
  return {
    key: privateKey,
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    cert: toPem(der),
  };
}
let idp: Signer;
let stranger: Signer;

function metadataFor(cert: string, entityId = ENTITY): string {
  const body = cert.replace(/-----[A-Z ]+-----|\s+/g, '');
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
}

async function addProvider(name: string, metadataDocument: string): Promise<void> {
  const p: SamlProviderRecord = {
    arn: `arn:aws:iam::${UNIT_ACCOUNT}:saml-provider/${name}`,
    name,
    metadataDocument,
    uuid: 'TESTUUID',
    createDate: new Date().toISOString(),
    validUntil: new Date(Date.now() + 1e10).toISOString(),
    privateKeys: [],
    tags: [],
  };
  await env.store.put({ kind: KIND.samlProvider, account: UNIT_ACCOUNT, id: name, name, data: p });
}

function request(over: Partial<AssertionRequest> = {}): AssertionRequest {
  return {
    account: UNIT_ACCOUNT,
    entityId: ENTITY,
    subject: 'alice@example.com',
    roles: [`${ROLE},${PROVIDER}`],
    sessionName: 'alice',
    now: env.clock.nowMs(),
    ...over,
  };
}

const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
/** An assertion signed by `by` (default: the provider's IdP key). */
function signed(over: Partial<AssertionRequest> = {}, by: Signer = idp): string {
  return signAssertion(assertionXml(request(over)).xml, by.pem, by.cert);
}

/** Signs the whole Response instead (the signature after the Response's Issuer). */
function signResponse(xml: string, by: Signer = idp): string {
  const sig = new SignedXml({
    privateKey: by.pem,
    publicCert: by.cert,
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
  return sig.getSignedXml();
}

function assume(samlXmlOrB64: string, extra: Record<string, unknown> = {}, isB64 = false) {
  return call(AssumeRoleWithSAML, opContext(env, ANONYMOUS), {
    RoleArn: ROLE,
    PrincipalArn: PROVIDER,
    SAMLAssertion: isB64 ? samlXmlOrB64 : b64(samlXmlOrB64),
    ...extra,
  } as never) as Promise<Record<string, unknown>>;
}

async function rejects(p: Promise<unknown>, code: string, message?: RegExp | string): Promise<void> {
  await assert.rejects(p, (e: { code?: string; message?: string }) => {
    assert.equal(e.code, code, `code ${e.code}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message ?? '', message);
    return true;
  });
}

const trust = (condition?: Record<string, unknown>, actions: string[] = ['sts:AssumeRoleWithSAML']) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: actions,
      Condition: condition ?? { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } },
    },
  ],
});

before(async () => {
  env = await stsEnv();
  idp = signer();
  stranger = signer();
  await addProvider('Corp', metadataFor(idp.cert));
  await addRole(env, 'saml-dev', trust());
});

describe('AssumeRoleWithSAML: signature verification', () => {
  it('accepts an assertion signed by the metadata certificate, with AWS response fields', async () => {
    const r = await assume(signed());
    assert.equal(r.Subject, 'alice@example.com');
    assert.equal(r.SubjectType, 'persistent');
    assert.equal(r.Issuer, ENTITY);
    assert.equal(r.Audience, 'https://signin.aws.amazon.com/saml');
    const nq = createHash('sha1').update(`${ENTITY}${UNIT_ACCOUNT}/Corp`).digest('base64');
    assert.equal(r.NameQualifier, nq);
    const user = r.AssumedRoleUser as { Arn: string; AssumedRoleId: string };
    assert.equal(user.Arn, `arn:aws:sts::${UNIT_ACCOUNT}:assumed-role/saml-dev/alice`);
    assert.match(user.AssumedRoleId, /^AROA.+:alice$/);
    const c = r.Credentials as { AccessKeyId: string; SessionToken: string; Expiration: Date };
    assert.match(c.AccessKeyId, /^ASIA/);
    const s = resolveSession(env, c.AccessKeyId, c.SessionToken);
    assert.equal(s.caller.type, 'AssumedRole');
    assert.equal(s.caller.arn, user.Arn);
    assert.equal(c.Expiration.getTime() - env.clock.nowMs() <= 3600_000, true);
  });

  it('accepts a signed Response (unsigned assertion inside)', async () => {
    const r = await assume(signResponse(assertionXml(request()).xml));
    assert.equal(r.Subject, 'alice@example.com');
  });

  it('refuses an unsigned response', async () => {
    await rejects(assume(assertionXml(request()).xml), 'InvalidIdentityToken', 'Response signature invalid');
  });

  it('refuses a tampered assertion', async () => {
    const xml = signed().replace('>alice@example.com<', '>mallory@example.com<');
    await rejects(assume(xml), 'InvalidIdentityToken', 'Response signature invalid');
    const roles = signed().replace('role/saml-dev,', 'role/saml-admin,');
    await rejects(assume(roles), 'InvalidIdentityToken', 'Response signature invalid');
  });

  it('refuses a signature by a certificate that is not in the metadata (KeyInfo is not trusted)', async () => {
    const xml = signed({}, stranger);
    assert.match(xml, /X509Certificate/, 'the message carries its own certificate');
    await rejects(assume(xml), 'InvalidIdentityToken', 'Response signature invalid');
  });

  it('refuses a second, unsigned assertion next to the signed one (wrapping)', async () => {
    const good = signed();
    const evil = assertionXml(request({ subject: 'mallory', sessionName: 'mallory' })).xml.match(
      /<saml:Assertion[\s\S]*<\/saml:Assertion>/,
    )![0];
    const before = good.replace('<saml:Assertion ', `${evil}<saml:Assertion `);
    await rejects(assume(before), 'InvalidIdentityToken', 'Invalid SAML response');
    const after = good.replace('</samlp:Response>', `${evil}</samlp:Response>`);
    await rejects(assume(after), 'InvalidIdentityToken', 'Invalid SAML response');
  });

  it('refuses the signed assertion moved aside with a forged one in its place (wrapping)', async () => {
    const good = signed();
    const signedAssertion = good.match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)![0];
    const id = /<saml:Assertion ID="([^"]+)"/.exec(signedAssertion)![1]!;
    const evil = assertionXml(request({ subject: 'mallory', sessionName: 'mallory' }))
      .xml.match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)![0]
      .replace(/ID="[^"]+"/, `ID="${id}"`);
    // The signed original hidden in Extensions, a forged assertion with the same ID in its place.
    const moved = good.replace(
      signedAssertion,
      `<samlp:Extensions>${signedAssertion}</samlp:Extensions>${evil}`,
    );
    await rejects(assume(moved), 'InvalidIdentityToken', 'Invalid SAML response');
    // The signature lifted into the forged assertion (its reference then names no such element).
    const sigXml = signedAssertion.match(/<ds:Signature[\s\S]*<\/ds:Signature>/)![0];
    const evilSigned = evil.replace('</saml:Issuer>', `</saml:Issuer>${sigXml}`);
    await rejects(
      assume(good.replace(signedAssertion, evilSigned)),
      'InvalidIdentityToken',
      'Response signature invalid',
    );
  });

  it('refuses DTDs and entity declarations', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "alice">]>` + signed();
    await rejects(assume(xml), 'InvalidIdentityToken', 'Invalid SAML response');
  });

  it('refuses what is not base64 XML', async () => {
    await rejects(assume('not base64!!', {}, true), 'InvalidIdentityToken', 'Invalid SAML response');
    await rejects(assume('hello world'), 'InvalidIdentityToken', 'Invalid SAML response');
  });
});

describe('AssumeRoleWithSAML: assertion checks', () => {
  it('refuses an expired assertion (NotOnOrAfter passed) and one older than 5 minutes', async () => {
    const old = signed({ now: env.clock.nowMs() - 120_000, expiresInSeconds: 60 });
    await rejects(
      assume(old),
      'ExpiredTokenException',
      'Token must be redeemed within 5 minutes of issuance',
    );
    const stale = signed({ now: env.clock.nowMs() - 301_000 });
    await rejects(assume(stale), 'ExpiredTokenException');
  });

  it('refuses an assertion not yet valid', async () => {
    await rejects(
      assume(signed({ now: env.clock.nowMs() + 600_000 })),
      'InvalidIdentityToken',
      /not yet valid/,
    );
  });

  it('refuses a wrong audience and a wrong recipient', async () => {
    const aud = signAssertion(
      assertionXml(request()).xml.replace(
        '<saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience>',
        '<saml:Audience>https://example.com/sp</saml:Audience>',
      ),
      idp.pem,
      idp.cert,
    );
    await rejects(assume(aud), 'InvalidIdentityToken', 'Response does not contain the required audience.');
    const rcpt = signAssertion(
      assertionXml(request()).xml.replace(
        'Recipient="https://signin.aws.amazon.com/saml"',
        'Recipient="https://evil.example/saml"',
      ),
      idp.pem,
      idp.cert,
    );
    await rejects(assume(rcpt), 'InvalidIdentityToken', /Recipient/);
  });

  it('accepts the regional sign-in endpoint and urn:amazon:webservices', async () => {
    const xml = signAssertion(
      assertionXml(request())
        .xml.replace(
          '<saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience>',
          '<saml:Audience>urn:amazon:webservices</saml:Audience>',
        )
        .replace(
          'Recipient="https://signin.aws.amazon.com/saml"',
          'Recipient="https://eu-west-1.signin.aws.amazon.com/saml"',
        ),
      idp.pem,
      idp.cert,
    );
    const r = await call(AssumeRoleWithSAML, opContext(env, ANONYMOUS), {
      RoleArn: ROLE,
      PrincipalArn: PROVIDER,
      SAMLAssertion: b64(xml),
    } as never).catch((e: Error) => e);
    // saml:aud is the Recipient: the trust policy's condition names the global endpoint.
    assert.equal((r as { code?: string }).code, 'AccessDenied');
  });

  it('refuses an issuer other than the metadata entityID', async () => {
    await rejects(
      assume(signed({ entityId: 'urn:other:idp' })),
      'InvalidIdentityToken',
      'Issuer not present in specified provider',
    );
  });

  it('refuses a missing provider', async () => {
    await rejects(
      assume(signed(), { PrincipalArn: `arn:aws:iam::${UNIT_ACCOUNT}:saml-provider/Nope` }),
      'InvalidIdentityToken',
      "Specified provider doesn't exist.",
    );
  });

  it('requires the Role attribute to pair the role with the provider (either order)', async () => {
    await rejects(
      assume(signed({ roles: [] })),
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithSAML',
    );
    const other = `arn:aws:iam::${UNIT_ACCOUNT}:role/other,${PROVIDER}`;
    await rejects(assume(signed({ roles: [other] })), 'AccessDenied');
    const r = await assume(signed({ roles: [other, `${PROVIDER},${ROLE}`] }));
    assert.equal(r.Subject, 'alice@example.com');
  });

  it('requires a valid RoleSessionName attribute', async () => {
    await rejects(
      assume(signed({ sessionName: undefined })),
      'InvalidIdentityToken',
      'RoleSessionName is required in AuthnResponse',
    );
    await rejects(
      assume(signed({ sessionName: 'has space' })),
      'InvalidIdentityToken',
      'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}',
    );
  });

  it('caps the session at the SessionDuration attribute and DurationSeconds', async () => {
    const r = await assume(signed({ attributes: { SessionDuration: ['900'] } }), { DurationSeconds: 3600 });
    const exp = (r.Credentials as { Expiration: Date }).Expiration.getTime();
    assert.ok(exp - env.clock.nowMs() <= 900_000 && exp - env.clock.nowMs() > 890_000);
  });
});

describe('AssumeRoleWithSAML: trust policy', () => {
  it('evaluates saml:* keys: a condition mismatch is AccessDenied', async () => {
    await addRole(
      env,
      'saml-sub',
      trust({ StringEquals: { 'saml:sub': 'bob@example.com', 'saml:sub_type': 'persistent' } }),
    );
    const roleArn = `arn:aws:iam::${UNIT_ACCOUNT}:role/saml-sub`;
    const go = (subject: string) =>
      assume(signed({ subject, roles: [`${roleArn},${PROVIDER}`] }), { RoleArn: roleArn });
    await rejects(
      go('alice@example.com'),
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithSAML',
    );
    assert.equal((await go('bob@example.com')).Subject, 'bob@example.com');
  });

  it('maps attributes by OID and saml:iss / saml:doc / saml:namequalifier', async () => {
    const nq = createHash('sha1').update(`${ENTITY}${UNIT_ACCOUNT}/Corp`).digest('base64');
    await addRole(
      env,
      'saml-attrs',
      trust({
        StringEquals: {
          'saml:iss': ENTITY,
          'saml:doc': `${UNIT_ACCOUNT}/Corp`,
          'saml:namequalifier': nq,
          'saml:edupersonaffiliation': 'staff',
        },
      }),
    );
    const roleArn = `arn:aws:iam::${UNIT_ACCOUNT}:role/saml-attrs`;
    const go = (aff: string[]) =>
      assume(
        signed({
          roles: [`${roleArn},${PROVIDER}`],
          attributes: { 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': aff },
        }),
        {
          RoleArn: roleArn,
        },
      );
    assert.equal((await go(['staff'])).Subject, 'alice@example.com');
    await rejects(go(['student']), 'AccessDenied');
  });

  it('session tags from PrincipalTag attributes need sts:TagSession; SourceIdentity needs sts:SetSourceIdentity', async () => {
    const attributes = { 'PrincipalTag:team': ['dev'], TransitiveTagKeys: ['team'] };
    await rejects(assume(signed({ attributes })), 'AccessDenied');
    await addRole(
      env,
      'saml-tags',
      trust(undefined, ['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity']),
    );
    const roleArn = `arn:aws:iam::${UNIT_ACCOUNT}:role/saml-tags`;
    const r = await assume(
      signed({ roles: [`${roleArn},${PROVIDER}`], attributes: { ...attributes, SourceIdentity: ['alice'] } }),
      { RoleArn: roleArn },
    );
    assert.equal(r.SourceIdentity, 'alice');
    assert.equal(typeof r.PackedPolicySize, 'number');
    const c = r.Credentials as { AccessKeyId: string; SessionToken: string };
    const s = resolveSession(env, c.AccessKeyId, c.SessionToken);
    assert.deepEqual(s.caller.session && (s.caller.session as { tags?: unknown }).tags, [
      { Key: 'team', Value: 'dev' },
    ]);
  });
});

describe('simulated IdP', () => {
  it("mints assertions the server's own metadata verifies", async () => {
    await addProvider('Sim', await simulatedMetadata(env, UNIT_ACCOUNT, 'urn:rolechain:sim', 'http://x/sso'));
    const providerArn = `arn:aws:iam::${UNIT_ACCOUNT}:saml-provider/Sim`;
    await addRole(env, 'sim-role', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithSAML' },
      ],
    });
    const roleArn = `arn:aws:iam::${UNIT_ACCOUNT}:role/sim-role`;
    const m = await mintSimulatedAssertion(
      env,
      request({ entityId: 'urn:rolechain:sim', roles: [`${roleArn},${providerArn}`] }),
    );
    const r = await assume(m.assertion, { RoleArn: roleArn, PrincipalArn: providerArn }, true);
    assert.equal(r.Issuer, 'urn:rolechain:sim');
    // Another account's certificate for the same entity id is a different certificate.
    const otherMeta = await simulatedMetadata(env, '210987654321', 'urn:rolechain:sim', 'http://x/sso');
    const mine = await simulatedMetadata(env, UNIT_ACCOUNT, 'urn:rolechain:sim', 'http://x/sso');
    assert.notEqual(otherMeta, mine);
    assert.equal(mine, await simulatedMetadata(env, UNIT_ACCOUNT, 'urn:rolechain:sim', 'http://x/sso'));
  });
});
