// Verifies an AssumeRoleWithSAML assertion as STS does: the IAM SAML provider named by PrincipalArn
// must exist; the base64 samlp:Response must be signed (Response or Assertion) by a certificate of the
// provider's metadata; the Issuer must be the metadata's entityID; the audience and the bearer
// confirmation's Recipient must be the AWS sign-in endpoint; and the assertion must be valid now by
// the server clock (IssueInstant within 5 minutes, NotBefore, NotOnOrAfter).
import type { Store } from '../../../store/index.js';
import type { SamlProviderRecord } from '../../iam/model.js';
import { findSamlProvider } from '../../iam/operations/GetSAMLProvider.js';
import { readAssertion, responseStatus, type AssertionFields } from './assertion.js';
import { nameQualifier, subjectType } from './context-keys.js';
import { samlErrors } from './errors.js';
import { providerTrust } from './metadata.js';
import { SignatureRefused, StructureRefused, verifyResponseSignature } from './verify-signature.js';
import { XmlRefused } from './xml.js';

/** Tolerated clock difference for NotBefore in the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** AWS redeems an assertion only within 5 minutes of its IssueInstant. */
export const REDEEM_WITHIN_MS = 5 * 60_000;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const PROVIDER_ARN_RE = /^arn:aws:iam::(\d{12}):saml-provider\/([\w.-]+)$/;
/** The AWS sign-in SAML endpoints: global, regional, /static, and /acs/<provider id>. */
const SIGNIN_RE =
  /^https:\/\/(?:[a-z]{2}(?:-[a-z]+)+-\d\.)?signin\.(?:aws\.amazon\.com|amazonaws\.cn)\/(?:static\/)?saml(?:\/acs\/([A-Za-z0-9]+))?$/;
export const SAML_AUDIENCE_URN = 'urn:amazon:webservices';

export interface VerifiedSaml {
  provider: SamlProviderRecord;
  account: string;
  issuer: string;
  subject: string;
  subjectType: string;
  /** The SubjectConfirmationData Recipient (AWS returns it as Audience; it is saml:aud). */
  recipient: string;
  nameQualifier: string;
  fields: AssertionFields;
  signed: ('Response' | 'Assertion')[];
}

function isSignin(url: string, provider: SamlProviderRecord): boolean {
  const m = SIGNIN_RE.exec(url);
  return !!m && (m[1] === undefined || m[1] === provider.uuid);
}

function decode(b64: string): string {
  const compact = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) throw samlErrors.malformed();
  const xml = Buffer.from(compact, 'base64').toString('utf8');
  if (!xml.trimStart().startsWith('<')) throw samlErrors.malformed();
  return xml;
}

export function verifySamlAssertion(
  store: Store,
  principalArn: string,
  samlAssertion: string,
  nowMs: number,
): VerifiedSaml {
  const pm = PROVIDER_ARN_RE.exec(principalArn);
  const provider = pm ? findSamlProvider(store, pm[1]!, principalArn)?.data : undefined;
  if (!pm || !provider) throw samlErrors.noProvider();
  const account = pm[1]!;
  const xml = decode(samlAssertion);

  let signed;
  try {
    const trust = providerTrust(provider.metadataDocument);
    signed = verifyResponseSignature(xml, trust.certificates);
    const f = readAssertion(signed.assertion);
    const status = responseStatus(signed.response ?? signed.root);
    if (status !== undefined && status !== SUCCESS) throw samlErrors.notSuccess();
    if (!f.issuer || f.issuer !== trust.entityId) throw samlErrors.issuerMismatch();

    if (f.issueInstant === undefined || Number.isNaN(f.issueInstant)) throw samlErrors.malformed();
    if (nowMs > f.issueInstant + REDEEM_WITHIN_MS) throw samlErrors.expired();
    if (Number.isNaN(f.notBefore) || Number.isNaN(f.notOnOrAfter)) throw samlErrors.malformed();
    if (f.notBefore !== undefined && f.notBefore > nowMs + CLOCK_SKEW_MS) throw samlErrors.notYetValid();
    if (f.notOnOrAfter !== undefined && nowMs >= f.notOnOrAfter) throw samlErrors.expired();

    // Exactly one SubjectConfirmation whose data has both a Recipient and a NotOnOrAfter (AWS's rule).
    const c = f.confirmations;
    if (c.length !== 1 || c[0]!.recipient === undefined || c[0]!.notOnOrAfter === undefined)
      throw samlErrors.recipient();
    if (Number.isNaN(c[0]!.notOnOrAfter)) throw samlErrors.malformed();
    if (!isSignin(c[0]!.recipient, provider)) throw samlErrors.recipient();
    if (nowMs >= c[0]!.notOnOrAfter) throw samlErrors.expired();

    if (!f.audiences.some((a) => a === SAML_AUDIENCE_URN || isSignin(a, provider)))
      throw samlErrors.audience();
    if (!f.nameId) throw samlErrors.noSubject();
    return {
      provider,
      account,
      issuer: f.issuer,
      subject: f.nameId,
      subjectType: subjectType(f.nameIdFormat),
      recipient: c[0]!.recipient,
      nameQualifier: nameQualifier(f.issuer, account, provider.name),
      fields: f,
      signed: signed.signed,
    };
  } catch (e) {
    if (e instanceof SignatureRefused) throw samlErrors.signatureInvalid();
    if (e instanceof StructureRefused || e instanceof XmlRefused) throw samlErrors.malformed();
    throw e;
  }
}
