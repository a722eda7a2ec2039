// The trust-policy condition keys a verified SAML assertion sets, as AWS maps them (IAM User Guide,
// "Available keys for SAML-based AWS STS federation"): saml:aud (the SubjectConfirmationData
// Recipient), saml:iss, saml:sub, saml:sub_type, saml:namequalifier, saml:doc, and the eduPerson /
// eduOrg / X.500 attributes by their OID names (multi-valued attributes as lists).
import { createHash } from 'node:crypto';

const NAMEID_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';
/** SAML's default NameID Format, when the assertion names none. */
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

const OID_KEYS: Record<string, string> = {
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.2': 'saml:eduorghomepageuri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.3': 'saml:eduorgidentityauthnpolicyuri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.4': 'saml:eduorglegalname',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.5': 'saml:eduorgsuperioruri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.6': 'saml:eduorgwhitepagesuri',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': 'saml:edupersonaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.11': 'saml:edupersonassurance',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.7': 'saml:edupersonentitlement',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.2': 'saml:edupersonnickname',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.3': 'saml:edupersonorgdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.4': 'saml:edupersonorgunitdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.5': 'saml:edupersonprimaryaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.8': 'saml:edupersonprimaryorgunitdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.6': 'saml:edupersonprincipalname',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': 'saml:edupersonscopedaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.10': 'saml:edupersontargetedid',
  'urn:oid:2.5.4.3': 'saml:cn',
  'urn:oid:2.5.4.41': 'saml:name',
  'urn:oid:2.5.4.42': 'saml:givenName',
  'urn:oid:2.5.4.4': 'saml:surname',
  'urn:oid:0.9.2342.19200300.100.1.3': 'saml:mail',
  'urn:oid:0.9.2342.19200300.100.1.1': 'saml:uid',
  'urn:oid:2.5.4.45': 'saml:x500UniqueIdentifier',
};

/** persistent / transient for SAML 2.0's formats, the Format URI unchanged otherwise. */
export function subjectType(format: string | undefined): string {
  const f = format ?? UNSPECIFIED;
  return f.startsWith(NAMEID_PREFIX) ? f.slice(NAMEID_PREFIX.length) : f;
}

/** BASE64(SHA1(Issuer + AccountId + "/" + ProviderName)), as AWS documents NameQualifier. */
export function nameQualifier(issuer: string, account: string, providerName: string): string {
  return createHash('sha1').update(`${issuer}${account}/${providerName}`, 'utf8').digest('base64');
}

export interface SamlKeyInput {
  issuer: string;
  subject: string;
  subjectType: string;
  recipient: string;
  nameQualifier: string;
  account: string;
  providerName: string;
  attributes: Map<string, string[]>;
}

export function samlContextKeys(v: SamlKeyInput): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {
    'saml:aud': v.recipient,
    'saml:iss': v.issuer,
    'saml:sub': v.subject,
    'saml:sub_type': v.subjectType,
    'saml:namequalifier': v.nameQualifier,
    'saml:doc': `${v.account}/${v.providerName}`,
  };
  for (const [name, values] of v.attributes) {
    const key = OID_KEYS[name];
    if (key && values.length) out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}
