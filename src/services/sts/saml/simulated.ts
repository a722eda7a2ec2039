// rolechain's simulated SAML identity provider: offline and in CI no real IdP (Okta, Entra ID, ADFS…)
// can sign assertions for rolechain, so rolechain signs them itself. One RSA key per server (created
// on first use, kept in the store sealed by the master key). For each (account, entity id) the server
// derives a self-signed certificate of that key; `rolechain saml metadata` prints IdP metadata with it,
// which the user uploads with iam:CreateSAMLProvider exactly as with a real IdP. Verification has no
// special case: STS trusts the certificates of the provider's metadata, whoever made them.
//
// The certificate names the account (O=<account>) and differs per (account, entity id), but every
// one is made from the same key, so the mint route (src/server/saml-endpoints.ts) only signs Role
// attributes naming roles and providers of the caller's own account: AssumeRoleWithSAML requires that
// pair, so a minted assertion cannot assume another account's role. Minting is refused when simulated
// issuers are turned off (ROLECHAIN_SIMULATED_OIDC=off / config.simulatedOidc = false).
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { ServerEnv } from '../../env.js';
import { openRsaKey, storedRsaKey, type StoredRsaKey } from '../stored-rsa-key.js';
import { selfSignedCertificate, toPem } from './certificate.js';
import { AWS_ATTR } from './attributes.js';

const SETTING = 'sts.samlSimulatedKey';
export const SIGNIN_SAML = 'https://signin.aws.amazon.com/saml';
export const MAX_ASSERTION_LIFETIME_S = 300;
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('2060-01-01T00:00:00Z');

interface SimKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  certs: Map<string, string>;
}

const loaded = new WeakMap<ServerEnv, SimKey>();
const loading = new WeakMap<ServerEnv, Promise<SimKey>>();

async function simKey(env: ServerEnv): Promise<SimKey> {
  const hit = loaded.get(env);
  if (hit) return hit;
  let p = loading.get(env);
  if (!p) {
    p = (async () => {
      const s = await storedRsaKey<StoredRsaKey>(env, SETTING, () => ({}));
      const k = { ...openRsaKey(env, s), certs: new Map<string, string>() };
      loaded.set(env, k);
      return k;
    })().finally(() => loading.delete(env));
    loading.set(env, p);
  }
  return p;
}

function certificatePem(k: SimKey, account: string, entityId: string): string {
  const id = `${account}\n${entityId}`;
  let pem = k.certs.get(id);
  if (!pem) {
    const serial = createHash('sha256').update(id).digest().subarray(0, 16);
    serial[0]! &= 0x7f;
    pem = toPem(
      selfSignedCertificate({
        serial,
        commonName: 'rolechain simulated SAML IdP',
        organization: account,
        notBefore: NOT_BEFORE,
        notAfter: NOT_AFTER,
        publicKey: k.publicKey,
        privateKey: k.privateKey,
      }),
    );
    if (k.certs.size > 1024) k.certs.clear();
    k.certs.set(id, pem);
  }
  return pem;
}

const pemBody = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s+/g, '');

export function xmlEscape(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** IdP metadata (an EntityDescriptor with an IDPSSODescriptor and its signing certificate). */
export async function simulatedMetadata(
  env: ServerEnv,
  account: string,
  entityId: string,
  ssoUrl: string,
): Promise<string> {
  const cert = pemBody(certificatePem(await simKey(env), account, entityId));
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${xmlEscape(entityId)}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>${cert}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>${PERSISTENT}</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${xmlEscape(ssoUrl)}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${xmlEscape(ssoUrl)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

export interface AssertionRequest {
  account: string;
  entityId: string;
  subject: string;
  nameIdFormat?: string;
  /** "roleArn,providerArn" values of the Role attribute. */
  roles: string[];
  sessionName?: string;
  /** Further attributes: a bare name (SourceIdentity, PrincipalTag:team, …) means AWS's attribute. */
  attributes?: Record<string, string[]>;
  expiresInSeconds?: number;
  /** Server time, ms. */
  now: number;
}

/** A bare attribute name means https://aws.amazon.com/SAML/Attributes/<name>. */
export function attributeName(name: string): string {
  return /^(https?:\/\/|urn:)/.test(name) ? name : `${AWS_ATTR}${name}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const newId = () => `_${randomBytes(16).toString('hex')}`;

/** Builds the unsigned samlp:Response (exported for tests that sign it another way). */
export function assertionXml(req: AssertionRequest): { xml: string; assertionId: string; expiresAt: number } {
  const lifetime = req.expiresInSeconds ?? MAX_ASSERTION_LIFETIME_S;
  const now = req.now;
  const exp = now + lifetime * 1000;
  const attrs = new Map<string, string[]>();
  attrs.set(`${AWS_ATTR}Role`, req.roles);
  if (req.sessionName !== undefined) attrs.set(`${AWS_ATTR}RoleSessionName`, [req.sessionName]);
  for (const [k, v] of Object.entries(req.attributes ?? {})) {
    const name = attributeName(k);
    attrs.set(name, [...(attrs.get(name) ?? []), ...v]);
  }
  const e = xmlEscape;
  const attributeXml = [...attrs]
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${e(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values
          .map((v) => `<saml:AttributeValue>${e(v)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    )
    .join('');
  const assertionId = newId();
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${newId()}" Version="2.0" IssueInstant="${iso(now)}" Destination="${SIGNIN_SAML}">` +
    `<saml:Issuer>${e(req.entityId)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${e(req.entityId)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${e(req.nameIdFormat ?? PERSISTENT)}">${e(req.subject)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(exp)}" Recipient="${SIGNIN_SAML}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(now)}" NotOnOrAfter="${iso(exp)}"><saml:AudienceRestriction><saml:Audience>${SIGNIN_SAML}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`;
  return { xml, assertionId, expiresAt: exp };
}

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** Signs the Assertion (enveloped, exclusive c14n, RSA-SHA256), the signature right after its Issuer. */
export function signAssertion(xml: string, privateKeyPem: string, certPem: string): string {
  const sig = new SignedXml({
    privateKey: privateKeyPem,
    publicCert: certPem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
  });
  return sig.getSignedXml();
}

export interface MintedAssertion {
  /** base64 of the signed samlp:Response, as AssumeRoleWithSAML takes it. */
  assertion: string;
  expiresAt: Date;
}

export async function mintSimulatedAssertion(
  env: ServerEnv,
  req: AssertionRequest,
): Promise<MintedAssertion> {
  const k = await simKey(env);
  const { xml, expiresAt } = assertionXml(req);
  const pem = k.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const signed = signAssertion(xml, pem, certificatePem(k, req.account, req.entityId));
  return { assertion: Buffer.from(signed, 'utf8').toString('base64'), expiresAt: new Date(expiresAt) };
}
