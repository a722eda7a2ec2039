// `rolechain keys`: the key ring that seals session tokens. `keys rotate` makes a new current key —
// on a running server through its admin endpoint (--endpoint, with the management account's root
// key), or directly in a store that no server is using (--data-dir / --database-url). Tokens sealed
// under older keys stay valid until they expire; new tokens use the new key. `keys list` shows ids.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../store/index.js';
import type { ServerEnv } from '../services/env.js';
import { KeyRing } from '../services/sts/keyring.js';
import { SecretBox, loadMasterKey } from '../server/secret-box.js';
import { Clock } from '../server/clock.js';
import { createLogger } from '../server/log.js';
import { pickSubcommand } from './subcommand.js';

export const KEYS_HELP = `Usage: rolechain keys rotate|list [--endpoint URL | --data-dir DIR | --database-url URL]

The key ring that seals STS session tokens (AES-256-GCM keys, themselves sealed by the master key).
  rotate   make a new current key: new session tokens are sealed with it; tokens issued before stay
           valid until they expire (the old keys are kept until then)
  list     print the key ids, oldest first (the current key last)

Where:
  --endpoint URL       a running server (default: $ROLECHAIN_URL, $AWS_ENDPOINT_URL), authenticated with
                       the management account's root key: ROLECHAIN_ROOT_ACCESS_KEY_ID and
                       ROLECHAIN_ROOT_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)
  --data-dir DIR       the SQLite store of a stopped server (a running one reads its ring at start)
  --database-url URL   a PostgreSQL store (running nodes pick the new key up from the store)
The master key comes from ROLECHAIN_MASTER_KEY or DIR/master.key, as for 'rolechain serve'.
`;

interface Ring {
  current: string;
  keys: string[];
  rotated?: string;
}

async function viaEndpoint(endpoint: string, op: 'rotate' | 'list', env: NodeJS.ProcessEnv): Promise<Ring> {
  const id = env.ROLECHAIN_ROOT_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID;
  const secret = env.ROLECHAIN_ROOT_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY;
  if (!id || !secret)
    throw new Error(
      'the root key is needed: set ROLECHAIN_ROOT_ACCESS_KEY_ID and ROLECHAIN_ROOT_SECRET_ACCESS_KEY',
    );
  const url = new URL(op === 'rotate' ? '/_rolechain/keys/rotate' : '/_rolechain/keys', endpoint);
  const res = await fetch(url, {
    method: op === 'rotate' ? 'POST' : 'GET',
    headers: { 'x-rolechain-root-key': `${id}:${secret}` },
  });
  const body = (await res.json()) as Ring & { error?: string; message?: string };
  if (!res.ok) throw new Error(`${body.error ?? res.status}: ${body.message ?? ''}`);
  return body;
}

async function viaStore(
  where: { dataDir?: string; databaseUrl?: string },
  op: 'rotate' | 'list',
): Promise<Ring> {
  if (where.dataDir && !where.databaseUrl && !existsSync(join(where.dataDir, 'rolechain.db'))) {
    throw new Error(`no rolechain store in ${where.dataDir}`);
  }
  if (where.dataDir && !process.env.ROLECHAIN_MASTER_KEY && !existsSync(join(where.dataDir, 'master.key'))) {
    throw new Error(
      `no master key: ${join(where.dataDir, 'master.key')} is missing and ROLECHAIN_MASTER_KEY is unset`,
    );
  }
  if (where.databaseUrl && !process.env.ROLECHAIN_MASTER_KEY)
    throw new Error('ROLECHAIN_MASTER_KEY must be set');
  const store = await openStore({ dataDir: where.dataDir, databaseUrl: where.databaseUrl, listen: false });
  try {
    const env = {
      store,
      secrets: new SecretBox(loadMasterKey(where.dataDir)),
      clock: new Clock(0),
      log: createLogger('silent'),
    } as unknown as ServerEnv;
    const ring = new KeyRing(env);
    await ring.load();
    const rotated = op === 'rotate' ? await ring.rotate() : undefined;
    return { current: ring.current().kid, keys: ring.kids(), rotated };
  } finally {
    await store.close();
  }
}

export async function keysCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const picked = pickSubcommand('keys', argv, ['rotate', 'list'], KEYS_HELP);
  if (!picked) return;
  const { sub: op, rest } = picked;
  const { values } = parseArgs({
    args: rest,
    options: {
      endpoint: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
    },
    strict: true,
  });
  try {
    const local = values['data-dir'] !== undefined || values['database-url'] !== undefined;
    const ring = local
      ? await viaStore({ dataDir: values['data-dir'], databaseUrl: values['database-url'] }, op)
      : await viaEndpoint(
          values.endpoint ?? env.ROLECHAIN_URL ?? env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566',
          op,
          env,
        );
    if (ring.rotated) process.stdout.write(`rotated: new current key ${ring.rotated}\n`);
    process.stdout.write(`keys (oldest first): ${ring.keys.join(' ')}\ncurrent: ${ring.current}\n`);
  } catch (e) {
    process.stderr.write(`rolechain keys ${op}: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
