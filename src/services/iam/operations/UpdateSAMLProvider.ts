// iam:UpdateSAMLProvider — new metadata, encryption mode, a key added or removed (at most 2 keys).
import { defineOperation } from '../../types.js';
import { invalidInput, limitExceeded } from '../errors.js';
import { privateKeyEntry } from './CreateSAMLProvider.js';
import { mutateSamlProvider, parseSamlMetadata, samlCheck } from './GetSAMLProvider.js';

interface Input {
  SAMLProviderArn: string;
  SAMLMetadataDocument?: string;
  AssertionEncryptionMode?: 'Required' | 'Allowed';
  AddPrivateKey?: string;
  RemovePrivateKey?: string;
}

const MAX_KEYS = 2;

export default defineOperation<Input>({
  name: 'UpdateSAMLProvider',
  authz: (input, ctx) => samlCheck(ctx, 'UpdateSAMLProvider', input.SAMLProviderArn),
  async handler(ctx, input) {
    const meta =
      input.SAMLMetadataDocument !== undefined
        ? parseSamlMetadata(input.SAMLMetadataDocument, ctx.now)
        : undefined;
    const added = input.AddPrivateKey
      ? privateKeyEntry(ctx.env.secrets, input.AddPrivateKey, ctx.now)
      : undefined;
    const p = await mutateSamlProvider(ctx.env.store, ctx.caller.accountId, input.SAMLProviderArn, (rec) => {
      if (meta && input.SAMLMetadataDocument !== undefined) {
        rec.metadataDocument = input.SAMLMetadataDocument;
        rec.validUntil = meta.validUntil;
      }
      if (input.AssertionEncryptionMode) rec.assertionEncryptionMode = input.AssertionEncryptionMode;
      if (input.RemovePrivateKey) {
        const before = rec.privateKeys.length;
        rec.privateKeys = rec.privateKeys.filter((k) => k.keyId !== input.RemovePrivateKey);
        if (rec.privateKeys.length === before)
          throw invalidInput(`Private key ${input.RemovePrivateKey} not found.`);
      }
      if (added) {
        if (rec.privateKeys.length >= MAX_KEYS) {
          throw limitExceeded(`Cannot exceed quota for PrivateKeysPerSAMLProvider: ${MAX_KEYS}`);
        }
        rec.privateKeys.push(added);
      }
      if (rec.assertionEncryptionMode === 'Required' && rec.privateKeys.length === 0) {
        throw invalidInput('A private key is required when assertion encryption is Required.');
      }
    });
    return { SAMLProviderArn: p.arn };
  },
});
