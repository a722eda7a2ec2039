// requestParameters and responseElements as CloudTrail shows them: the operation's input or output
// walked along the service model, member names in camelCase, dates in CloudTrail's element format.
// Redaction is by shape, so it holds for every operation of every modelled service: members whose
// shape is a secret (secret keys, session tokens, passwords, private keys, SAML assertions, web
// identity tokens, MFA codes and seeds) are left out; other sensitive shapes (e.g. Organizations'
// account e-mail) show HIDDEN_DUE_TO_SECURITY_REASONS, as AWS does. Members the model does not know
// are dropped: what is not described cannot be proven safe.
import type { ServiceModel, Shape } from '../../wire/models.js';
import { elementDate } from './format.js';
import { TextPieces } from './text-pieces.js';
import { needsJsonEscape } from '../../store/index.js';

export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** Shapes whose values are credentials: never recorded, whatever member carries them. */
const SECRET_SHAPES = new Set([
  'accessKeySecretType',
  'passwordType',
  'privateKeyType',
  'serviceCredentialSecret',
  'servicePassword',
  'BootstrapDatum',
  'SAMLAssertionType',
  'clientTokenType',
  'tradeInTokenType',
  'webIdentityTokenType',
  'tokenType',
  'authenticationCodeType',
  'tokenCodeType',
]);

/** Member names that carry credentials even where the model does not mark the shape sensitive. */
const SECRET_MEMBERS = new Set([
  'SecretAccessKey',
  'SessionToken',
  'Password',
  'OldPassword',
  'NewPassword',
  'PrivateKey',
  'SAMLAssertion',
  'WebIdentityToken',
  'SubjectToken',
  'TokenCode',
  'AuthenticationCode1',
  'AuthenticationCode2',
  'Base32StringSeed',
  'QRCodePNG',
  'ServicePassword',
  'ServiceCredentialSecret',
  'ClientSecret',
]);

const MAX_DEPTH = 32;

export function isSecretMember(member: string, shapeName: string): boolean {
  return SECRET_MEMBERS.has(member) || SECRET_SHAPES.has(shapeName);
}

/** The CloudTrail view of `value` (an operation input or output) of shape `shapeName`; null when empty. */
export function elementsOf(
  model: ServiceModel,
  shapeName: string | undefined,
  value: unknown,
): Record<string, unknown> | null {
  return JSON.parse(elementsJson(model, shapeName, value)) as Record<string, unknown> | null;
}

/**
 * elementsOf as JSON text, the form the record is stored in. Every request is recorded, so this is on the
 * hot path: each shape compiles once (per model) into a function that writes its JSON directly, instead of
 * walking the model per request, building an object and stringifying it.
 */
export function elementsJson(model: ServiceModel, shapeName: string | undefined, value: unknown): string {
  const out = new TextPieces();
  return elementsInto(out, model, shapeName, value) ? out.join() : 'null';
}

/**
 * elementsJson appended to `out` as pieces of text (joined once with the rest of the record, where
 * concatenating per member made several intermediate strings per value); false, with nothing appended,
 * where elementsJson gives null.
 */
export function elementsInto(
  out: TextPieces,
  model: ServiceModel,
  shapeName: string | undefined,
  value: unknown,
): boolean {
  if (shapeName === undefined || value === null || typeof value !== 'object') return false;
  if (model.shapes[shapeName]?.type !== 'structure') return false;
  const mark = out.n;
  // An empty structure ('{' then '}') is null.
  if (!writerOf(model, shapeName)(value, 0, out) || out.n === mark + 2) {
    out.n = mark;
    return false;
  }
  return true;
}

/** Appends one value's JSON to `out`; false (with nothing appended) leaves the member out. */
type Writer = (v: unknown, depth: number, out: TextPieces) => boolean;

const writers = new WeakMap<ServiceModel, Map<string, Writer>>();
const HIDDEN_JSON = JSON.stringify(HIDDEN);
const skip: Writer = () => false;
let lastDateSecond = NaN;
let lastDateJson = '';

function writerOf(model: ServiceModel, shapeName: string): Writer {
  let byShape = writers.get(model);
  if (byShape === undefined) writers.set(model, (byShape = new Map()));
  let w = byShape.get(shapeName);
  if (w === undefined) {
    // Recursive shapes refer to themselves: the writer looks its children up on first use.
    const shape: Shape | undefined = model.shapes[shapeName];
    w = shape ? compile(model, shape) : skip;
    byShape.set(shapeName, w);
  }
  return w;
}

function compile(model: ServiceModel, shape: Shape): Writer {
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members ?? {})
        .filter(([name, ref]) => !isSecretMember(name, ref.shape))
        .map(([name, ref]) => ({
          name,
          first: JSON.stringify(camel(name)) + ':',
          next: ',' + JSON.stringify(camel(name)) + ':',
          hidden: model.shapes[ref.shape]?.sensitive === true,
          shape: ref.shape,
          write: undefined as Writer | undefined,
        }));
      const get = memberGetter(members.map((m) => m.name));
      return (v, depth, out) => {
        if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return false;
        out.add('{');
        let first = true;
        for (let i = 0; i < members.length; i++) {
          const m = members[i]!;
          const mv = get(v, i);
          if (mv === undefined || mv === null) continue;
          const mark = out.n;
          out.add(first ? m.first : m.next);
          if (m.hidden) out.add(HIDDEN_JSON);
          else if (!(m.write ??= writerOf(model, m.shape))(mv, depth + 1, out)) {
            out.n = mark;
            continue;
          }
          first = false;
        }
        out.add('}');
        return true;
      };
    }
    case 'list': {
      const ref = shape.member;
      if (!ref) return skip;
      const hidden = model.shapes[ref.shape]?.sensitive === true;
      return (v, depth, out) => {
        if (!Array.isArray(v) || depth > MAX_DEPTH) return false;
        const item = writerOf(model, ref.shape);
        out.add('[');
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out.add(',');
          if (hidden) out.add(HIDDEN_JSON);
          else if (!item(v[i], depth + 1, out)) out.add('null');
        }
        out.add(']');
        return true;
      };
    }
    case 'map': {
      const ref = shape.value;
      if (!ref) return skip;
      return (v, depth, out) => {
        if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return false;
        const item = writerOf(model, ref.shape);
        out.add('{');
        let first = true;
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
        for (const [k, x] of entries) {
          if (x === undefined || x === null) continue;
          const mark = out.n;
          out.add((first ? '' : ',') + JSON.stringify(String(k)) + ':');
          if (!item(x, depth + 1, out)) {
            out.n = mark;
            continue;
          }
          first = false;
        }
        out.add('}');
        return true;
      };
    }
    case 'timestamp':
      return (v, _depth, out) => {
        const d = v instanceof Date ? v : new Date(v as string | number);
        const ms = d.getTime();
        if (Number.isNaN(ms)) return false;
        // Shown to the second: consecutive records mostly show the same second (e.g. an expiration).
        const second = Math.floor(ms / 1000);
        if (second !== lastDateSecond) {
          lastDateSecond = second;
          lastDateJson = JSON.stringify(elementDate(d));
        }
        out.add(lastDateJson);
        return true;
      };
    case 'blob':
      // Binary payloads (MFA seeds, QR codes, SAML metadata) are not shown.
      return skip;
    case 'string':
      return (v, _depth, out) => {
        const text = typeof v === 'string' ? v : String(v);
        if (needsJsonEscape(text)) out.add(JSON.stringify(text));
        else {
          out.add('"');
          out.add(text);
          out.add('"');
        }
        return true;
      };
    case 'boolean':
      return (v, _depth, out) => {
        out.add((typeof v === 'boolean' ? v : v === 'true') ? 'true' : 'false');
        return true;
      };
    default:
      return (v, _depth, out) => {
        out.add(JSON.stringify(typeof v === 'number' ? v : Number(v)));
        return true;
      };
  }
}

/**
 * Reads a structure's i-th member. Generated per shape so that each member is read at a site of its own
 * (`v["RoleArn"]`), which V8 caches for the shape of the objects it sees there: read through one shared
 * site (`v[name]`), the reads of every member of every shape went through a megamorphic lookup, a large part
 * of the walk's cost. The names are the model's (botocore's) member names, quoted as JSON string literals.
 */
function memberGetter(names: string[]): (v: object, i: number) => unknown {
  const cases = names.map((n, i) => `case ${i}: return v[${JSON.stringify(n)}];`).join('\n');
  return new Function('v', 'i', `switch (i) {\n${cases}\n}`) as (v: object, i: number) => unknown;
}

/** CloudTrail's keys: the model's member name with the first letter lowered (RoleArn → roleArn). */
export function camel(name: string): string {
  return name.length ? name[0]!.toLowerCase() + name.slice(1) : name;
}
