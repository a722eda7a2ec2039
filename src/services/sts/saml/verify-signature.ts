// XML signature verification of a samlp:Response, hardened against signature wrapping:
//  - exactly one saml:Assertion in the whole document (no EncryptedAssertion), a child of the root
//    samlp:Response;
//  - the only signatures considered are enveloped ones: a ds:Signature that is a direct child of the
//    Response or of the Assertion, with exactly one Reference whose URI is "#" + that parent's ID;
//  - keys come only from the provider's metadata (KeyInfo in the message is ignored);
//  - every such signature present must verify, and at least one must be present;
//  - the caller reads the assertion from the XML the verified signature covers (xml-crypto's
//    getSignedReferences), never from the document it was handed.
import { SignedXml } from 'xml-crypto';
import { type XElement, attr, children, descendants, isElement, NS, parseXml } from './xml.js';

export class SignatureRefused extends Error {}
export class StructureRefused extends Error {}

const ALLOWED_SIGNATURE_ALGS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
]);

/** The assertion as the verified signature covers it, and which element was signed. */
export interface SignedAssertion {
  /** The document's root samlp:Response (not covered by a signature unless `signed` says so). */
  root: XElement;
  assertion: XElement;
  /** The verified signed Response (when the Response was signed), for its Issuer/Status/Destination. */
  response?: XElement;
  signed: ('Response' | 'Assertion')[];
}

/** Verifies one enveloped signature of `parent` with any of the certificates; the signed XML or throws. */
function verifyEnveloped(xml: string, sigNode: XElement, parent: XElement, certificates: string[]): string {
  const id = attr(parent, 'ID');
  if (!id) throw new SignatureRefused('signed element has no ID');
  for (const cert of certificates) {
    const sig = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
    let ok = false;
    try {
      sig.loadSignature(sigNode as unknown as Parameters<SignedXml['loadSignature']>[0]);
      if (!ALLOWED_SIGNATURE_ALGS.has(sig.signatureAlgorithm ?? '')) throw new SignatureRefused('algorithm');
      ok = sig.checkSignature(xml);
    } catch (e) {
      if (e instanceof SignatureRefused) throw e;
      ok = false;
    }
    if (!ok) continue;
    const refs = sig.getReferences();
    const signedXml = sig.getSignedReferences();
    if (refs.length !== 1 || refs[0]!.uri !== `#${id}` || signedXml.length !== 1) {
      throw new SignatureRefused('the signature does not reference its parent element only');
    }
    return signedXml[0]!;
  }
  throw new SignatureRefused('no trusted certificate verifies the signature');
}

function reparse(signedXml: string, local: 'Response' | 'Assertion'): XElement {
  const el = parseXml(signedXml).documentElement;
  const ns = local === 'Response' ? NS.protocol : NS.assertion;
  if (!isElement(el, ns, local)) throw new SignatureRefused(`signed element is not a ${local}`);
  return el;
}

export function verifyResponseSignature(xml: string, certificates: string[]): SignedAssertion {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (!isElement(root, NS.protocol, 'Response')) throw new StructureRefused('not a samlp:Response');
  if (descendants(doc, NS.assertion, 'EncryptedAssertion').length) {
    throw new StructureRefused('encrypted assertions are not supported');
  }
  const all = descendants(doc, NS.assertion, 'Assertion');
  if (all.length !== 1 || all[0]!.parentNode !== root) {
    throw new StructureRefused('a response must carry exactly one Assertion, as a child of the Response');
  }
  const assertionEl = all[0]!;
  const responseSigs = children(root, NS.dsig, 'Signature');
  const assertionSigs = children(assertionEl, NS.dsig, 'Signature');
  if (responseSigs.length > 1 || assertionSigs.length > 1) throw new SignatureRefused('several signatures');
  if (!responseSigs.length && !assertionSigs.length) throw new SignatureRefused('unsigned');
  if (!certificates.length) throw new SignatureRefused('the provider has no signing certificate');

  const out: SignedAssertion = { root, assertion: assertionEl, signed: [] };
  let fromResponse: XElement | undefined;
  if (responseSigs.length) {
    const response = reparse(verifyEnveloped(xml, responseSigs[0]!, root, certificates), 'Response');
    const inner = children(response, NS.assertion, 'Assertion');
    if (inner.length !== 1) throw new SignatureRefused('the signed Response does not hold one Assertion');
    fromResponse = inner[0]!;
    out.response = response;
    out.signed.push('Response');
  }
  if (assertionSigs.length) {
    out.assertion = reparse(verifyEnveloped(xml, assertionSigs[0]!, assertionEl, certificates), 'Assertion');
    out.signed.push('Assertion');
  } else {
    out.assertion = fromResponse!;
  }
  // Both signed: the two views must be the same assertion.
  if (fromResponse && assertionSigs.length && attr(fromResponse, 'ID') !== attr(out.assertion, 'ID')) {
    throw new SignatureRefused('the signed Response and the signed Assertion disagree');
  }
  return out;
}
