// XML output for the query and EC2 protocols: escaping and a per-shape serializer compiled once and cached.
import type { ServiceModel, Shape, ShapeRef } from './models.js';

const XML_SPECIAL = /[&<>"\r]/;
const XML_SPECIAL_G = /[&<>"\r]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#xD;',
};

export function escapeXml(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_G, (c) => ENTITY[c]!) : s;
}

/** Writes a value's children (not its own element) as XML. */
export type XmlWriter = (value: unknown) => string;

export interface XmlStyle {
  /** Element name for list items when the model gives none: 'member' (awsQuery) or 'item' (EC2). */
  listItemName: string;
  /** Keep milliseconds in timestamps (EC2 does; IAM/STS do not). */
  millis: boolean;
}

export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v * 1000); // epoch seconds, as the AWS protocols use
  return new Date(String(v));
}

export function isoTimestamp(v: unknown, millis: boolean): string {
  if (typeof v === 'string' && !millis) return v;
  const iso = toDate(v).toISOString();
  return millis ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}

function scalarText(shape: Shape, v: unknown, style: XmlStyle): string {
  switch (shape.type) {
    case 'timestamp':
      return isoTimestamp(v, style.millis);
    case 'blob':
      return Buffer.isBuffer(v) || v instanceof Uint8Array
        ? Buffer.from(v).toString('base64')
        : escapeXml(String(v));
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return escapeXml(String(v));
  }
}

/**
 * Compiles (and caches on the model) a writer for a shape's content. Structures write their members as
 * child elements named by locationName (or the member name); lists write <member>/<item> children (or,
 * flattened, repeat the element); maps write <entry><key/><value/></entry>.
 */
export function compileXmlWriter(model: ServiceModel, shapeName: string, style: XmlStyle): XmlWriter {
  const cacheKey = `xml:${style.listItemName}:${shapeName}`;
  const hit = model.cache.get(cacheKey) as XmlWriter | undefined;
  if (hit) return hit;
  // Recursive shapes: register a trampoline before compiling children.
  const slot: { impl?: XmlWriter } = {};
  const writer: XmlWriter = (v) => slot.impl!(v);
  model.cache.set(cacheKey, writer);
  slot.impl = build(model, model.shape(shapeName), style);
  return writer;
}

/** Writes one member (its own element(s) included). */
function memberWriter(model: ServiceModel, ref: ShapeRef, defaultName: string, style: XmlStyle): XmlWriter {
  const shape = model.shape(ref.shape);
  const name = ref.locationName ?? defaultName;
  const flattened = ref.flattened ?? shape.flattened ?? false;
  if (shape.type === 'list' && flattened) {
    const item = shape.member!;
    const itemName = item.locationName ?? name;
    const inner = contentWriter(model, item, style);
    return (v) => {
      let s = '';
      for (const x of v as unknown[]) s += `<${itemName}>${inner(x)}</${itemName}>`;
      return s;
    };
  }
  const content = contentWriter(model, ref, style);
  return (v) => `<${name}>${content(v)}</${name}>`;
}

function contentWriter(model: ServiceModel, ref: ShapeRef, style: XmlStyle): XmlWriter {
  const shape = model.shape(ref.shape);
  if (shape.type === 'structure' || shape.type === 'list' || shape.type === 'map') {
    return compileXmlWriter(model, ref.shape, style);
  }
  return (v) => scalarText(shape, v, style);
}

function build(model: ServiceModel, shape: Shape, style: XmlStyle): XmlWriter {
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members ?? {}).map(
        ([name, ref]) => [name, memberWriter(model, ref, name, style)] as const,
      );
      return (v) => {
        if (v === null || typeof v !== 'object') return '';
        const obj = v as Record<string, unknown>;
        let s = '';
        for (const [name, w] of members) {
          const x = obj[name];
          if (x !== undefined && x !== null) s += w(x);
        }
        return s;
      };
    }
    case 'list': {
      const item = shape.member!;
      const itemName = item.locationName ?? style.listItemName;
      const inner = contentWriter(model, item, style);
      return (v) => {
        let s = '';
        for (const x of v as unknown[]) s += `<${itemName}>${inner(x)}</${itemName}>`;
        return s;
      };
    }
    case 'map': {
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      const kw = contentWriter(model, shape.key!, style);
      const vw = contentWriter(model, shape.value!, style);
      const flattened = shape.flattened === true;
      return (v) => {
        let s = '';
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
        for (const [k, x] of entries) {
          const e = `<${keyName}>${kw(k)}</${keyName}><${valueName}>${vw(x)}</${valueName}>`;
          s += flattened ? e : `<entry>${e}</entry>`;
        }
        return s;
      };
    }
    default:
      return (v) => scalarText(shape, v, style);
  }
}
