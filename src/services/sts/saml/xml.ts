// Safe XML for SAML: documents with a DTD or entity declarations are refused before parsing (XXE,
// entity expansion), any parser error or warning fails the parse, and readers take elements by
// namespace and local name only — never by prefix, which the sender chooses.
import { createRequire } from 'node:module';

// The DOM as far as this code uses it. Declared here rather than taken from @xmldom/xmldom's typings:
// those pull the browser DOM library into the whole program (and clash with Node's fetch types).
export interface XNode {
  nodeType: number;
  parentNode: XNode | null;
  firstChild: XNode | null;
  nextSibling: XNode | null;
  textContent: string | null;
}
export interface XElement extends XNode {
  namespaceURI: string | null;
  localName: string;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  getElementsByTagNameNS(ns: string, local: string): ArrayLike<XElement>;
}
export interface XDocument extends XNode {
  documentElement: XElement | null;
  getElementsByTagNameNS(ns: string, local: string): ArrayLike<XElement>;
}
type ErrorHandler = (msg: unknown) => void;
interface DomParserCtor {
  new (opts: { errorHandler: { warning: ErrorHandler; error: ErrorHandler; fatalError: ErrorHandler } }): {
    parseFromString(text: string, mime: string): XDocument;
  };
}
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: DomParserCtor };

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export class XmlRefused extends Error {}

const DTD_RE = /<!DOCTYPE|<!ENTITY/i;

export function parseXml(text: string): XDocument & { documentElement: XElement } {
  if (DTD_RE.test(text)) throw new XmlRefused('DTDs and entity declarations are not accepted');
  const fail = (msg: unknown) => {
    throw new XmlRefused(`malformed XML: ${String(msg).slice(0, 200)}`);
  };
  let doc: XDocument;
  try {
    doc = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(
      text,
      'text/xml',
    );
  } catch (e) {
    if (e instanceof XmlRefused) throw e;
    throw new XmlRefused(`malformed XML: ${String((e as Error)?.message ?? e).slice(0, 200)}`);
  }
  if (!doc?.documentElement) throw new XmlRefused('malformed XML: no root element');
  return doc as XDocument & { documentElement: XElement };
}

export function isElement(n: XNode | null | undefined, ns: string, local: string): n is XElement {
  return (
    !!n && n.nodeType === 1 && (n as XElement).namespaceURI === ns && (n as XElement).localName === local
  );
}

/** The element children of `el` named {ns}local. */
export function children(el: XElement, ns: string, local: string): XElement[] {
  const out: XElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (isElement(n, ns, local)) out.push(n);
  return out;
}

export function child(el: XElement, ns: string, local: string): XElement | undefined {
  return children(el, ns, local)[0];
}

/** Every element named {ns}local anywhere under `root` (document order). */
export function descendants(root: XDocument | XElement, ns: string, local: string): XElement[] {
  return Array.from(root.getElementsByTagNameNS(ns, local));
}

/** Text content, trimmed (SAML values carry no meaningful leading or trailing white space). */
export function text(el: XElement | undefined): string | undefined {
  if (!el) return undefined;
  return (el.textContent ?? '').trim();
}

export function attr(el: XElement | undefined, name: string): string | undefined {
  if (!el || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}
