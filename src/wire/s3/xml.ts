// S3's XML: a builder for responses (with the S3 namespace on the root) and a small, bounded parser
// for the request documents S3 accepts (CreateBucketConfiguration, Delete, CompleteMultipartUpload,
// Tagging, PublicAccessBlockConfiguration). No DTDs, no entities beyond the five predefined ones and
// character references: nothing a hostile body can expand.
import { AwsError } from '../errors.js';
import { escapeXml } from '../xml.js';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A child value: text (escaped), a nested element list, or absent (skipped). */
export type XmlValue = string | number | boolean | Date | XmlNode[] | undefined | null;
export type XmlNode = [name: string, value: XmlValue];

export function s3Timestamp(d: Date | string | number): string {
  return new Date(d).toISOString();
}

function text(v: Exclude<XmlValue, XmlNode[] | undefined | null>): string {
  if (v instanceof Date) return s3Timestamp(v);
  return escapeXml(String(v));
}

export function xmlElements(nodes: readonly XmlNode[]): string {
  let s = '';
  for (const [name, v] of nodes) {
    if (v === undefined || v === null) continue;
    s += Array.isArray(v) ? `<${name}>${xmlElements(v)}</${name}>` : `<${name}>${text(v)}</${name}>`;
  }
  return s;
}

/** A whole response document: the declaration, then <root xmlns="…S3…">children</root>. */
export function xmlDocument(root: string, children: readonly XmlNode[], xmlns = true): string {
  const ns = xmlns ? ` xmlns="${S3_XMLNS}"` : '';
  return `${XML_DECL}<${root}${ns}>${xmlElements(children)}</${root}>`;
}

/** A parsed element: its local name (prefix dropped), text content and child elements. */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

export function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name);
}

export function childText(e: XmlElement, name: string): string | undefined {
  return child(e, name)?.text;
}

export function childrenNamed(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c) => c.name === name);
}

export function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isFinite(cp) || cp > 0x10ffff) throw malformedXml();
      return String.fromCodePoint(cp);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw malformedXml();
    return v;
  });
}

const MAX_DEPTH = 32;

/** Parses a document; throws MalformedXML. Comments and processing instructions are skipped. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const n = src.length;
  const skipMisc = () => {
    for (;;) {
      while (i < n && /\s/.test(src[i]!)) i++;
      if (src.startsWith('<?', i)) {
        const e = src.indexOf('?>', i);
        if (e < 0) throw malformedXml();
        i = e + 2;
      } else if (src.startsWith('<!--', i)) {
        const e = src.indexOf('-->', i);
        if (e < 0) throw malformedXml();
        i = e + 3;
      } else if (src.startsWith('<!', i)) {
        throw malformedXml(); // DOCTYPE and CDATA at top level: refused
      } else return;
    }
  };
  const parseElement = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH || src[i] !== '<') throw malformedXml();
    const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(
      src.slice(i, i + 4096),
    );
    if (!m) throw malformedXml();
    i += m[0].length;
    const qname = m[1]!;
    const name = qname.includes(':') ? qname.slice(qname.indexOf(':') + 1) : qname;
    const el: XmlElement = { name, text: '', children: [] };
    if (m[3] === '/') return el;
    let textBuf = '';
    for (;;) {
      if (i >= n) throw malformedXml();
      if (src.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(src.slice(i, i + 512));
        if (!close || close[1] !== qname) throw malformedXml();
        i += close[0].length;
        el.text = decodeEntities(textBuf);
        return el;
      }
      if (src.startsWith('<!--', i)) {
        const e = src.indexOf('-->', i);
        if (e < 0) throw malformedXml();
        i = e + 3;
      } else if (src.startsWith('<![CDATA[', i)) {
        const e = src.indexOf(']]>', i);
        if (e < 0) throw malformedXml();
        textBuf += src.slice(i + 9, e).replace(/&/g, '&amp;');
        i = e + 3;
      } else if (src[i] === '<') {
        el.children.push(parseElement(depth + 1));
      } else {
        const next = src.indexOf('<', i);
        if (next < 0) throw malformedXml();
        textBuf += src.slice(i, next);
        i = next;
      }
    }
  };
  skipMisc();
  const root = parseElement(0);
  skipMisc();
  if (i !== n) throw malformedXml();
  return root;
}
