// The RSA signing keys of rolechain's simulated identity providers (OIDC issuers, SAML IdP): one per server,
// generated on first use and kept in a store setting sealed by the master key, so that every node (and
// every restart) signs with the same key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ServerEnv } from '../env.js';

export interface StoredRsaKey {
  privateKeySealed: string;
  createdAt: number;
}

/** The key kept in `setting`, created (with the `fields` a caller adds, e.g. a key id) if there is none. */
export async function storedRsaKey<S extends StoredRsaKey>(
  env: ServerEnv,
  setting: string,
  fields: () => Omit<S, keyof StoredRsaKey>,
): Promise<S> {
  const existing = env.store.getSetting<S>(setting);
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const s = {
    ...fields(),
    privateKeySealed: env.secrets.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
    createdAt: Date.now(),
  } as S;
  await env.store.putSetting(setting, s);
  return s;
}

export function openRsaKey(env: ServerEnv, s: StoredRsaKey): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey(env.secrets.open(s.privateKeySealed));
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
