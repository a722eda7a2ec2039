// Secrets at rest (IAM secret access keys, the session-token key ring) are sealed with AES-256-GCM
// under a master key that lives outside the store: a 0600 file in the data dir, or
// ROLECHAIN_MASTER_KEY (base64, 32 bytes) for PostgreSQL deployments with several nodes.
// A grep of the store for a secret finds nothing. Opened secrets are cached: SigV4 needs them per request.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 'sb1:';

export class SecretBox {
  private readonly cache = new Map<string, string>();
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('master key must be 32 bytes');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return PREFIX + Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
  }

  open(sealed: string): string {
    const hit = this.cache.get(sealed);
    if (hit !== undefined) return hit;
    if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    let pt: string;
    try {
      pt = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch {
      // Fail closed, but say why: the usual cause is a store opened with another node's (or a lost) key.
      throw new Error(
        'rolechain: a secret in the store does not open with this master key; the store was sealed with ' +
          'another one (set ROLECHAIN_MASTER_KEY, or keep the data dir that holds master.key)',
      );
    }
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(sealed, pt);
    return pt;
  }
}

/** The master key: ROLECHAIN_MASTER_KEY, else <dataDir>/master.key (created 0600), else an ephemeral one. */
export function loadMasterKey(dataDir: string | undefined, env = process.env): Buffer {
  if (env.ROLECHAIN_MASTER_KEY) {
    const k = Buffer.from(env.ROLECHAIN_MASTER_KEY, 'base64');
    if (k.length !== 32) throw new Error('ROLECHAIN_MASTER_KEY must be 32 bytes, base64-encoded');
    return k;
  }
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const k = randomBytes(32);
  writeFileSync(file, k.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return k;
}
