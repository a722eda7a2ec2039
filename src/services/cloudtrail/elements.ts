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
  if (shapeName === undefined || value === null || typeof value !== 'object') return null;
  const out = walk(model, shapeName, value, 0);
  if (out === undefined || typeof out !== 'object' || out === null) return null;
  return Object.keys(out).length ? (out as Record<string, unknown>) : null;
}

function walk(model: ServiceModel, shapeName: string, v: unknown, depth: number): unknown {
  if (v === undefined || v === null || depth > MAX_DEPTH) return undefined;
  const shape: Shape | undefined = model.shapes[shapeName];
  if (!shape) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof v !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      const members = shape.members ?? {};
      for (const [name, ref] of Object.entries(members)) {
        const mv = (v as Record<string, unknown>)[name];
        if (mv === undefined || mv === null) continue;
        if (isSecretMember(name, ref.shape)) continue;
        const target = model.shapes[ref.shape];
        const r = target?.sensitive ? HIDDEN : walk(model, ref.shape, mv, depth + 1);
        if (r !== undefined) out[camel(name)] = r;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(v) || !shape.member) return undefined;
      const ref = shape.member;
      return v.map((x) =>
        model.shapes[ref.shape]?.sensitive ? HIDDEN : (walk(model, ref.shape, x, depth + 1) ?? null),
      );
    }
    case 'map': {
      if (typeof v !== 'object' || !shape.value) return undefined;
      const out: Record<string, unknown> = {};
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
      for (const [k, x] of entries) {
        const r = walk(model, shape.value.shape, x, depth + 1);
        if (r !== undefined) out[String(k)] = r;
      }
      return out;
    }
    case 'timestamp': {
      const d = v instanceof Date ? v : new Date(v as string | number);
      return Number.isNaN(d.getTime()) ? undefined : elementDate(d);
    }
    case 'blob':
      // Binary payloads (MFA seeds, QR codes, SAML metadata) are not shown.
      return undefined;
    case 'string':
      return typeof v === 'string' ? v : String(v);
    case 'boolean':
      return typeof v === 'boolean' ? v : v === 'true';
    default:
      return typeof v === 'number' ? v : Number(v);
  }
}

/** CloudTrail's keys: the model's member name with the first letter lowered (RoleArn → roleArn). */
export function camel(name: string): string {
  return name.length ? name[0]!.toLowerCase() + name.slice(1) : name;
}
