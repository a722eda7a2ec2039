// Reads the parts of a (verified) saml:Assertion STS uses: Issuer, Subject NameID and its Format, the
// bearer SubjectConfirmationData (Recipient, NotOnOrAfter), Conditions (NotBefore, NotOnOrAfter,
// audiences), the AuthnStatement's SessionNotOnOrAfter and the attributes (name → values).
import { type XElement, attr, child, children, NS, text } from './xml.js';

export interface AssertionFields {
  id?: string;
  issuer?: string;
  issueInstant?: number;
  nameId?: string;
  nameIdFormat?: string;
  confirmations: { recipient?: string; notOnOrAfter?: number }[];
  notBefore?: number;
  notOnOrAfter?: number;
  /** Every Audience of every AudienceRestriction. */
  audiences: string[];
  sessionNotOnOrAfter?: number;
  attributes: Map<string, string[]>;
}

/** Epoch ms of an xs:dateTime; NaN when unreadable (callers treat NaN as invalid). */
function time(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : NaN;
}

export function readAssertion(a: XElement): AssertionFields {
  const subject = child(a, NS.assertion, 'Subject');
  const nameIdEl = subject ? child(subject, NS.assertion, 'NameID') : undefined;
  const confirmations = (subject ? children(subject, NS.assertion, 'SubjectConfirmation') : []).map((sc) => {
    const d = child(sc, NS.assertion, 'SubjectConfirmationData');
    return { recipient: attr(d, 'Recipient'), notOnOrAfter: time(attr(d, 'NotOnOrAfter')) };
  });
  const conditions = child(a, NS.assertion, 'Conditions');
  const audiences: string[] = [];
  for (const ar of conditions ? children(conditions, NS.assertion, 'AudienceRestriction') : []) {
    for (const au of children(ar, NS.assertion, 'Audience')) audiences.push(text(au) ?? '');
  }
  const authn = child(a, NS.assertion, 'AuthnStatement');
  const attributes = new Map<string, string[]>();
  for (const st of children(a, NS.assertion, 'AttributeStatement')) {
    for (const at of children(st, NS.assertion, 'Attribute')) {
      const name = attr(at, 'Name');
      if (name === undefined) continue;
      const values = children(at, NS.assertion, 'AttributeValue').map((v) => text(v) ?? '');
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return {
    id: attr(a, 'ID'),
    issuer: text(child(a, NS.assertion, 'Issuer')),
    issueInstant: time(attr(a, 'IssueInstant')),
    nameId: text(nameIdEl),
    nameIdFormat: attr(nameIdEl, 'Format'),
    confirmations,
    notBefore: time(attr(conditions, 'NotBefore')),
    notOnOrAfter: time(attr(conditions, 'NotOnOrAfter')),
    audiences,
    sessionNotOnOrAfter: time(attr(authn, 'SessionNotOnOrAfter')),
    attributes,
  };
}

/** samlp:Status/StatusCode Value of the response ("…:status:Success" when it succeeded). */
export function responseStatus(response: XElement): string | undefined {
  const status = child(response, NS.protocol, 'Status');
  return attr(status ? child(status, NS.protocol, 'StatusCode') : undefined, 'Value');
}
