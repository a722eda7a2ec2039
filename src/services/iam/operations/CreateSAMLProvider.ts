// iam:CreateSAMLProvider — stores the IdP's metadata document (validated as SAML metadata), optional
// assertion encryption mode and a private key (sealed at rest).
import { randomBytes } from 'node:crypto';
import { ConflictError } from '../../../store/errors.js';
import { defineOperation } from '../../types.js';
import { entityAlreadyExists, invalidInput, limitExceeded } from '../errors.js';
import { KIND, type SamlProviderRecord, type Tag } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { requestTagContext, validateTags } from '../tags.js';
import { parseSamlMetadata, samlProviderArn } from './GetSAMLProvider.js';
import type { SecretBox } from '../../../server/secret-box.js';

interface Input {
  Name: string;
  SAMLMetadataDocument: string;
  Tags?: Tag[];
  AssertionEncryptionMode?: 'Required' | 'Allowed';
  AddPrivateKey?: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM's key and provider ids: upper-case alphanumerics (22–64 characters). */
export function samlId(n = 26): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += BASE32[bytes[i]! % 32];
  return s;
}

/** A private key entry; the PEM must look like one (IAM checks it decodes). */
export function privateKeyEntry(secrets: SecretBox, pem: string, now: Date) {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw invalidInput('Invalid private key.');
  }
  return { keyId: samlId(), timestamp: now.toISOString(), sealed: secrets.seal(pem) };
}

export default defineOperation<Input>({
  name: 'CreateSAMLProvider',
  authz: (input, ctx) => ({
    action: 'iam:CreateSAMLProvider',
    resource: samlProviderArn(ctx.caller.accountId, input.Name),
    context: requestTagContext(input.Tags),
  }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const exists = entityAlreadyExists(`SAMLProvider ${input.Name} already exists.`);
    if (store.getByName(KIND.samlProvider, account, input.Name)) throw exists;
    const { validUntil } = parseSamlMetadata(input.SAMLMetadataDocument, ctx.now);
    validateTags(input.Tags);
    const q = iamQuotas();
    if (input.Tags && input.Tags.length > q.tagsPerEntity) {
      throw limitExceeded('The number of tags has reached the maximum limit.');
    }
    if (store.list(KIND.samlProvider, account).length >= q.samlProvidersPerAccount) {
      throw limitExceeded(`Cannot exceed quota for SAMLProvidersPerAccount: ${q.samlProvidersPerAccount}`);
    }
    const arn = samlProviderArn(account, input.Name);
    const p: SamlProviderRecord = {
      arn,
      name: input.Name,
      metadataDocument: input.SAMLMetadataDocument,
      uuid: samlId(),
      createDate: ctx.now.toISOString(),
      validUntil,
      privateKeys: input.AddPrivateKey
        ? [privateKeyEntry(ctx.env.secrets, input.AddPrivateKey, ctx.now)]
        : [],
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    if (input.AssertionEncryptionMode) p.assertionEncryptionMode = input.AssertionEncryptionMode;
    try {
      await store.put(
        { kind: KIND.samlProvider, account, id: input.Name, name: input.Name, data: p },
        { ifAbsent: true },
      );
    } catch (e) {
      if (e instanceof ConflictError) throw exists;
      throw e;
    }
    const out: Record<string, unknown> = { SAMLProviderArn: arn };
    if (p.tags.length > 0) out.Tags = p.tags;
    return out;
  },
});
