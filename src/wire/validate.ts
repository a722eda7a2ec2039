// Validates a decoded input against the model's constraints (required, enum, length, pattern, range) and
// reports problems with AWS's wording: "Value 'x' at 'roleName' failed to satisfy constraint: Member must …".
import type { ServiceModel, Shape } from './models.js';

const regexCache = new Map<string, RegExp | null>();

/** Java's String.matches semantics: the whole value must match. Patterns JS cannot compile are skipped. */
function compilePattern(p: string): RegExp | null {
  let re = regexCache.get(p);
  if (re !== undefined) return re;
  re = null;
  // Java's inline dot-all flag "(?s)" (CloudTrail uses it) becomes JS's 's' flag.
  const dotAll = p.startsWith('(?s)');
  const body = dotAll ? p.slice(4) : p;
  for (const flags of ['u', '']) {
    try {
      re = new RegExp(`^(?:${body})$`, dotAll ? flags + 's' : flags);
      break;
    } catch {
      // try the next flag set
    }
  }
  regexCache.set(p, re);
  return re;
}

const lowerFirst = (s: string): string => (s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1));

function render(v: unknown, sensitive: boolean): string {
  if (sensitive) return 'Value';
  if (v === undefined || v === null) return 'Value null';
  if (typeof v === 'string') return `Value '${v}'`;
  if (Array.isArray(v))
    return `Value '[${v.map((x) => (typeof x === 'object' ? '{...}' : String(x))).join(', ')}]'`;
  if (v instanceof Date) return `Value '${v.toISOString()}'`;
  if (typeof v === 'object') return `Value '{...}'`;
  return `Value '${String(v)}'`;
}

function problem(out: string[], v: unknown, path: string, constraint: string, sensitive: boolean): void {
  out.push(`${render(v, sensitive)} at '${path}' failed to satisfy constraint: ${constraint}`);
}

/** Returns the list of problems (empty when valid). `path` names use AWS's lower-camel member names. */
export function validateInput(model: ServiceModel, shapeName: string, value: unknown): string[] {
  const out: string[] = [];
  validateShape(model, model.shape(shapeName), value, '', out, 0);
  return out;
}

function validateShape(
  model: ServiceModel,
  shape: Shape,
  v: unknown,
  path: string,
  out: string[],
  depth: number,
): void {
  if (v === undefined || v === null || depth > 32) return;
  const sensitive = shape.sensitive === true;
  switch (shape.type) {
    case 'structure': {
      const obj = v as Record<string, unknown>;
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const mv = obj[name];
        const p = path === '' ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
        const ms = model.shape(ref.shape);
        if ((mv === undefined || mv === null) && shape.required?.includes(name)) {
          problem(out, null, p, 'Member must not be null', false);
          continue;
        }
        validateShape(model, ms, mv, p, out, depth + 1);
      }
      return;
    }
    case 'list': {
      const arr = v as unknown[];
      checkLength(arr.length, shape, v, path, out, sensitive);
      const ms = model.shape(shape.member!.shape);
      for (let i = 0; i < arr.length; i++)
        validateShape(model, ms, arr[i], `${path}.${i + 1}.member`, out, depth + 1);
      return;
    }
    case 'map': {
      const entries = Object.entries(v as Record<string, unknown>);
      checkLength(entries.length, shape, v, path, out, sensitive);
      const ks = model.shape(shape.key!.shape);
      const vs = model.shape(shape.value!.shape);
      for (const [k, x] of entries) {
        validateShape(model, ks, k, `${path}.${k}.key`, out, depth + 1);
        validateShape(model, vs, x, `${path}.${k}.value`, out, depth + 1);
      }
      return;
    }
    case 'string': {
      const s = v as string;
      checkLength(s.length, shape, v, path, out, sensitive);
      if (shape.pattern !== undefined) {
        const re = compilePattern(shape.pattern);
        if (re && !re.test(s)) {
          problem(
            out,
            v,
            path,
            `Member must satisfy regular expression pattern: ${shape.pattern}`,
            sensitive,
          );
        }
      }
      if (shape.enum && !shape.enum.includes(s)) {
        problem(out, v, path, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`, sensitive);
      }
      return;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const n = v as number;
      if (shape.min !== undefined && n < shape.min) {
        problem(out, v, path, `Member must have value greater than or equal to ${shape.min}`, sensitive);
      }
      if (shape.max !== undefined && n > shape.max) {
        problem(out, v, path, `Member must have value less than or equal to ${shape.max}`, sensitive);
      }
      return;
    }
    case 'blob': {
      checkLength((v as Buffer).length, shape, v, path, out, sensitive);
      return;
    }
    default:
      return;
  }
}

function checkLength(
  len: number,
  shape: Shape,
  v: unknown,
  path: string,
  out: string[],
  sensitive: boolean,
): void {
  if (shape.min !== undefined && len < shape.min) {
    problem(out, v, path, `Member must have length greater than or equal to ${shape.min}`, sensitive);
  }
  if (shape.max !== undefined && len > shape.max) {
    problem(out, v, path, `Member must have length less than or equal to ${shape.max}`, sensitive);
  }
}
