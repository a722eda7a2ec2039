// iam:GetSAMLProvider — the stored metadata document, validity, encryption mode and key ids. Also
// the helpers the other SAML-provider operations share (stored under the provider's name).
import type { Store } from '../../../store/index.js';
import { VersionConflictError } from '../../../store/errors.js';
import type { AuthzCheck, OperationContext } from '../../types.js';
import { defineOperation } from '../../types.js';
import { invalidInput, noSuchEntity } from '../errors.js';
import { KIND, type SamlProviderRecord } from '../model.js';

const SAML_ARN_RE = /^arn:aws:iam::(\d{12}):saml-provider\/([\w._-]+)$/;

export function samlProviderArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:saml-provider/${name}`;
}

export const noSuchSamlProvider = (arn: string) => noSuchEntity(`Manifest not found for arn ${arn}`);

export function findSamlProvider(
  store: Store,
  account: string,
  arn: string,
): { id: string; version: number; data: SamlProviderRecord } | undefined {
  const m = SAML_ARN_RE.exec(arn);
  if (!m || m[1] !== account) return undefined;
  return store.get<SamlProviderRecord>(KIND.samlProvider, account, m[2]!);
}

export function requireSamlProvider(store: Store, account: string, arn: string): SamlProviderRecord {
  const p = findSamlProvider(store, account, arn)?.data;
  if (!p) throw noSuchSamlProvider(arn);
  return p;
}

export function samlCheck(
  ctx: OperationContext,
  action: string,
  arn: string,
  context: AuthzCheck['context'] = {},
) {
  const p = findSamlProvider(ctx.env.store, ctx.caller.accountId, arn)?.data;
  const tagKeys: NonNullable<AuthzCheck['context']> = {};
  for (const t of p?.tags ?? []) tagKeys[`aws:ResourceTag/${t.Key}`] = t.Value;
  return { action: `iam:${action}`, resource: arn, context: { ...tagKeys, ...context } };
}

export async function mutateSamlProvider(
  store: Store,
  account: string,
  arn: string,
  change: (p: SamlProviderRecord) => void,
): Promise<SamlProviderRecord> {
  for (let attempt = 0; ; attempt++) {
    const rec = findSamlProvider(store, account, arn);
    if (!rec) throw noSuchSamlProvider(arn);
    const p = structuredClone(rec.data) as SamlProviderRecord;
    change(p);
    try {
      await store.put(
        { kind: KIND.samlProvider, account, id: rec.id, name: rec.id, data: p },
        { expectVersion: rec.version },
      );
      return p;
    } catch (e) {
      if (!(e instanceof VersionConflictError) || attempt >= 20) throw e;
    }
  }
}

const VALID_FOR_MS = 100 * 365.25 * 24 * 3600 * 1000;

/**
 * Checks a metadata document is SAML metadata (an EntityDescriptor with an IdP descriptor) and returns
 * its validUntil, or `now` plus 100 years when it names none. Not a full XML parse: IAM rejects
 * documents that are not metadata, and the signature keys are read when assertions are verified.
 */
export function parseSamlMetadata(doc: string, now: Date): { validUntil: string } {
  const text = doc.trim();
  const root = /<(?:[\w-]+:)?EntityDescriptor\b([^>]*)>/.exec(text);
  if (!text.startsWith('<') || !root || !/<(?:[\w-]+:)?IDPSSODescriptor\b/.test(text) || !balanced(text)) {
    throw invalidInput('Could not parse metadata');
  }
  const vu = /\bvalidUntil\s*=\s*"([^"]+)"/.exec(root[1]!);
  if (vu) {
    const t = Date.parse(vu[1]!);
    if (Number.isNaN(t)) throw invalidInput('Could not parse metadata');
    return { validUntil: new Date(t).toISOString() };
  }
  return { validUntil: new Date(now.getTime() + VALID_FOR_MS).toISOString() };
}

/** Start and end tags nest properly (comments, declarations and CDATA skipped). */
function balanced(text: string): boolean {
  const stack: string[] = [];
  const re =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)(?:\s[^>]*?)?(\/?)>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]) {
      if (stack.pop() !== m[1]) return false;
    } else if (m[2] && m[3] !== '/') {
      stack.push(m[2]);
    }
  }
  return stack.length === 0;
}

export function samlOutput(p: SamlProviderRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    SAMLProviderUUID: p.uuid,
    SAMLMetadataDocument: p.metadataDocument,
    CreateDate: new Date(p.createDate),
    ValidUntil: new Date(p.validUntil),
  };
  if (p.tags.length > 0) out.Tags = p.tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  if (p.assertionEncryptionMode) out.AssertionEncryptionMode = p.assertionEncryptionMode;
  if (p.privateKeys.length > 0) {
    out.PrivateKeyList = p.privateKeys.map((k) => ({ KeyId: k.keyId, Timestamp: new Date(k.timestamp) }));
  }
  return out;
}

interface Input {
  SAMLProviderArn: string;
}

export default defineOperation<Input>({
  name: 'GetSAMLProvider',
  readOnly: true,
  authz: (input, ctx) => samlCheck(ctx, 'GetSAMLProvider', input.SAMLProviderArn),
  handler(ctx, input) {
    return samlOutput(requireSamlProvider(ctx.env.store, ctx.caller.accountId, input.SAMLProviderArn));
  },
});
