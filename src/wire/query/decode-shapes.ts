// Builds an operation's input object from flat query parameters by walking the input shape.
// Shared by awsQuery and the EC2 protocol, which differ only in member naming and list layout.
import { AwsError } from '../errors.js';
import type { ServiceModel, Shape, ShapeRef } from '../models.js';

export interface QueryNaming {
  /** The parameter name of a structure member. */
  memberName(ref: ShapeRef, name: string): string;
  /** The parameter prefix of a list's items, given the list's own prefix; items are `${prefix}.${n}`. */
  listItemPrefix(prefix: string, listRef: ShapeRef, list: Shape): string;
}

export const awsQueryNaming: QueryNaming = {
  memberName: (ref, name) => ref.locationName ?? name,
  listItemPrefix(prefix, listRef, list) {
    if (listRef.flattened ?? list.flattened) {
      const n = list.member!.locationName;
      if (n === undefined) return prefix;
      const dot = prefix.lastIndexOf('.');
      return dot === -1 ? n : `${prefix.slice(0, dot)}.${n}`;
    }
    return `${prefix}.${list.member!.locationName ?? 'member'}`;
  },
};

// botocore's EC2 serializer: queryName, else locationName with an upper-case first letter; lists are flat.
export const ec2Naming: QueryNaming = {
  memberName(ref, name) {
    if (ref.queryName !== undefined) return ref.queryName;
    if (ref.locationName !== undefined) return ref.locationName[0]!.toUpperCase() + ref.locationName.slice(1);
    return name;
  },
  listItemPrefix: (prefix) => prefix,
};

interface Ctx {
  model: ServiceModel;
  params: Map<string, string>;
  prefixes: Set<string>;
  naming: QueryNaming;
}

const present = (c: Ctx, key: string): boolean => c.params.has(key) || c.prefixes.has(key);

const MAX_ITEMS = 10_000;

export function decodeStructure(c: Ctx, shape: Shape, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const members = shape.members;
  if (!members) return out;
  for (const name in members) {
    const ref = members[name]!;
    const key =
      prefix === '' ? c.naming.memberName(ref, name) : `${prefix}.${c.naming.memberName(ref, name)}`;
    if (!present(c, key)) continue;
    const v = decodeValue(c, ref, key);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function decodeValue(c: Ctx, ref: ShapeRef, key: string): unknown {
  const shape = c.model.shape(ref.shape);
  switch (shape.type) {
    case 'structure':
      return decodeStructure(c, shape, key);
    case 'list': {
      const itemPrefix = c.naming.listItemPrefix(key, ref, shape);
      const items: unknown[] = [];
      for (let i = 1; i <= MAX_ITEMS; i++) {
        const k = `${itemPrefix}.${i}`;
        if (!present(c, k)) break;
        items.push(decodeValue(c, shape.member!, k));
      }
      return items; // "Key=" alone is botocore's encoding of an empty list
    }
    case 'map': {
      const base = shape.flattened ? key : `${key}.entry`;
      const kn = shape.key!.locationName ?? 'key';
      const vn = shape.value!.locationName ?? 'value';
      const out: Record<string, unknown> = {};
      for (let i = 1; i <= MAX_ITEMS; i++) {
        const k = c.params.get(`${base}.${i}.${kn}`);
        if (k === undefined) break;
        out[k] = decodeValue(c, shape.value!, `${base}.${i}.${vn}`);
      }
      return out;
    }
    default: {
      const raw = c.params.get(key);
      return raw === undefined ? undefined : decodeScalar(shape, raw, key);
    }
  }
}

function decodeScalar(shape: Shape, raw: string, key: string): unknown {
  switch (shape.type) {
    case 'string':
      return raw;
    case 'integer':
    case 'long': {
      if (!/^[+-]?\d+$/.test(raw.trim())) throw malformed(raw, key, 'a number');
      return Number(raw);
    }
    case 'double':
    case 'float': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw malformed(raw, key, 'a number');
      return n;
    }
    case 'boolean': {
      const l = raw.toLowerCase();
      if (l === 'true') return true;
      if (l === 'false') return false;
      throw malformed(raw, key, 'a boolean');
    }
    case 'timestamp': {
      const t = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
      if (Number.isNaN(t)) throw malformed(raw, key, 'a timestamp');
      return new Date(t);
    }
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      return raw;
  }
}

function malformed(raw: string, key: string, what: string): AwsError {
  return new AwsError(
    'MalformedInput',
    `Value '${raw}' for parameter ${key} is invalid. It must be ${what}.`,
  );
}

export function decodeInput(
  model: ServiceModel,
  inputShape: string,
  params: Map<string, string>,
  prefixes: Set<string>,
  naming: QueryNaming,
): Record<string, unknown> {
  return decodeStructure({ model, params, prefixes, naming }, model.shape(inputShape), '');
}
