// requestParameters and responseElements as CloudTrail shows them: the operation's input or output
// walked along the service model, member names in camelCase, dates in CloudTrail's element format.
// Redaction is by shape, so it holds for every operation of every modelled service: members whose
// shape is a secret (secret keys, session tokens, passwords, private keys, SAML assertions, web
// identity tokens, MFA codes and seeds) are left out; other sensitive shapes (e.g. Organizations'
// account e-mail) show HIDDEN_DUE_TO_SECURITY_REASONS, as AWS does. Members the model does not know
// are dropped: what is not described cannot be proven safe.
import type { ServiceModel, Shape } from '../../wire/models.js';
import { elementDate } from './format.js';

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
  if (shapeName === undefined || value === null || typeof value !== 'object') return 'null';
  if (model.shapes[shapeName]?.type !== 'structure') return 'null';
  const out = writerOf(model, shapeName)(value, 0);
  return out === undefined || out === '{}' ? 'null' : out;
}

/** Writes one value as JSON; undefined leaves the member out. */
type Writer = (v: unknown, depth: number) => string | undefined;

const writers = new WeakMap<ServiceModel, Map<string, Writer>>();
const HIDDEN_JSON = JSON.stringify(HIDDEN);
const skip: Writer = () => undefined;

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
          key: JSON.stringify(camel(name)) + ':',
          hidden: model.shapes[ref.shape]?.sensitive === true,
          shape: ref.shape,
          write: undefined as Writer | undefined,
        }));
      return (v, depth) => {
        if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return undefined;
        let out = '';
        for (const m of members) {
          const mv = (v as Record<string, unknown>)[m.name];
          if (mv === undefined || mv === null) continue;
          const r = m.hidden ? HIDDEN_JSON : (m.write ??= writerOf(model, m.shape))(mv, depth + 1);
          if (r !== undefined) out += (out ? ',' : '') + m.key + r;
        }
        return '{' + out + '}';
      };
    }
    case 'list': {
      const ref = shape.member;
      if (!ref) return skip;
      const hidden = model.shapes[ref.shape]?.sensitive === true;
      return (v, depth) => {
        if (!Array.isArray(v) || depth > MAX_DEPTH) return undefined;
        const item = writerOf(model, ref.shape);
        return '[' + v.map((x) => (hidden ? HIDDEN_JSON : (item(x, depth + 1) ?? 'null'))).join(',') + ']';
      };
    }
    case 'map': {
      const ref = shape.value;
      if (!ref) return skip;
      return (v, depth) => {
        if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return undefined;
        const item = writerOf(model, ref.shape);
        let out = '';
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
        for (const [k, x] of entries) {
          const r = x === undefined || x === null ? undefined : item(x, depth + 1);
          if (r !== undefined) out += (out ? ',' : '') + JSON.stringify(String(k)) + ':' + r;
        }
        return '{' + out + '}';
      };
    }
    case 'timestamp':
      return (v) => {
        const d = v instanceof Date ? v : new Date(v as string | number);
        return Number.isNaN(d.getTime()) ? undefined : JSON.stringify(elementDate(d));
      };
    case 'blob':
      // Binary payloads (MFA seeds, QR codes, SAML metadata) are not shown.
      return skip;
    case 'string':
      return (v) => JSON.stringify(typeof v === 'string' ? v : String(v));
    case 'boolean':
      return (v) => ((typeof v === 'boolean' ? v : v === 'true') ? 'true' : 'false');
    default:
      return (v) => JSON.stringify(typeof v === 'number' ? v : Number(v));
  }
}

/** CloudTrail's keys: the model's member name with the first letter lowered (RoleArn → roleArn). */
export function camel(name: string): string {
  return name.length ? name[0]!.toLowerCase() + name.slice(1) : name;
}
