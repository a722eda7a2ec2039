// First start: create the management account and its root access key. The secret is shown once on the
// console and kept in <dataDir>/root-credentials.json (0600); the store holds it sealed only.
// ROLECHAIN_ROOT_ACCESS_KEY_ID / ROLECHAIN_ROOT_SECRET_ACCESS_KEY choose the key (for CI);
// ROLECHAIN_ACCOUNT_ID chooses the management account's id.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerEnv } from '../services/env.js';
import {
  getAccount,
  putAccount,
  MANAGEMENT_ACCOUNT_SETTING,
  type AccountRecord,
} from '../services/accounts/accounts.js';
import { getAccessKey, putAccessKey } from '../services/accounts/access-keys.js';
import * as ids from '../services/ids.js';

export interface RootCredentials {
  accountId: string;
  accessKeyId: string;
  /** Known when created now, given by the environment, or read back from the data dir's file. */
  secretAccessKey?: string;
  createdNow: boolean;
}

const ROOT_KEY_RE = /^AKIA[A-Z0-9]{12,124}$/;

export async function bootstrap(
  env: ServerEnv,
  vars: NodeJS.ProcessEnv = process.env,
): Promise<RootCredentials> {
  const { store, config } = env;
  let accountId = store.getSetting<string>(MANAGEMENT_ACCOUNT_SETTING);
  let createdNow = false;
  if (!accountId) {
    accountId = vars.ROLECHAIN_ACCOUNT_ID || ids.accountId();
    if (!ids.ACCOUNT_ID_RE.test(accountId)) throw new Error('ROLECHAIN_ACCOUNT_ID must be 12 digits');
    const acct: AccountRecord = {
      id: accountId,
      name: 'management',
      email: `management+${accountId}@rolechain.local`,
      status: 'ACTIVE',
      joinedMethod: 'CREATED',
      joinedTimestamp: env.clock.now().toISOString(),
    };
    if (!getAccount(store, accountId)) await putAccount(store, acct);
    await store.putSetting(MANAGEMENT_ACCOUNT_SETTING, accountId);
    createdNow = true;
  }

  const credFile = config.dataDir ? join(config.dataDir, 'root-credentials.json') : undefined;
  // Empty variables count as unset.
  let accessKeyId = vars.ROLECHAIN_ROOT_ACCESS_KEY_ID || undefined;
  let secret = vars.ROLECHAIN_ROOT_SECRET_ACCESS_KEY || undefined;
  if ((accessKeyId === undefined) !== (secret === undefined)) {
    throw new Error('set both ROLECHAIN_ROOT_ACCESS_KEY_ID and ROLECHAIN_ROOT_SECRET_ACCESS_KEY, or neither');
  }
  if (accessKeyId && !ROOT_KEY_RE.test(accessKeyId)) {
    throw new Error('ROLECHAIN_ROOT_ACCESS_KEY_ID must look like an AWS long-term key id (AKIA…)');
  }
  if (!accessKeyId) {
    const existing = store.getSetting<string>('rootAccessKeyId');
    if (existing && getAccessKey(store, existing)) {
      accessKeyId = existing;
      if (credFile && existsSync(credFile))
        secret = JSON.parse(readFileSync(credFile, 'utf8')).secretAccessKey;
      return { accountId, accessKeyId, secretAccessKey: secret, createdNow };
    }
    accessKeyId = ids.accessKeyId('AKIA');
    secret = ids.secretAccessKey();
  }
  const have = getAccessKey(store, accessKeyId);
  if (!have || env.secrets.open(have.secretSealed) !== secret) {
    await putAccessKey(store, {
      accessKeyId,
      accountId,
      secretSealed: env.secrets.seal(secret!),
      status: 'Active',
      createDate: env.clock.now().toISOString(),
    });
    createdNow = true;
  }
  await store.putSetting('rootAccessKeyId', accessKeyId);
  if (credFile && !vars.ROLECHAIN_ROOT_ACCESS_KEY_ID) {
    writeFileSync(
      credFile,
      JSON.stringify({ accountId, accessKeyId, secretAccessKey: secret }, null, 2) + '\n',
      {
        mode: 0o600,
      },
    );
  }
  return { accountId, accessKeyId, secretAccessKey: secret, createdNow };
}
