// The audit trail's events worker inside the esbuild bundle (dist/rolechain.mjs, what bin/rolechain.js runs):
// the worker's module is resolved from the bundle's location, and a call made to a server started from the
// bundle is in events.db after a clean shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { REPO, tempDir, TEST_ACCOUNT, TEST_ROOT_KEY, TEST_ROOT_SECRET } from '../helpers/server.js';
import { EVENTS_FILE, openStore } from '../../src/store/index.js';

const BUNDLE = join(REPO, 'dist/rolechain.mjs');
const MODULES = join(REPO, 'dist/src/cli/main.js');
// bin/rolechain.js's own rule: a bundle older than the compiled modules is not used (a plain tsc rebuild).
const fresh = existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= statSync(MODULES).mtimeMs;

test(
  'a server started from the bundle records events through the worker',
  { skip: fresh ? false : 'no up-to-date dist/rolechain.mjs (npm run build makes it)' },
  async () => {
    const dataDir = tempDir('rolechain-bundle-events-');
    try {
      const boot = `const m = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)});
await m.main(['serve', '--port', '0', '--log-level', 'warn', '--data-dir', ${JSON.stringify(dataDir)}]);`;
      const proc = spawn(process.execPath, ['--input-type=module', '-e', boot], {
        cwd: REPO,
        env: {
          ...process.env,
          ROLECHAIN_ROOT_ACCESS_KEY_ID: TEST_ROOT_KEY,
          ROLECHAIN_ROOT_SECRET_ACCESS_KEY: TEST_ROOT_SECRET,
          ROLECHAIN_ACCOUNT_ID: TEST_ACCOUNT,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
      const url = await new Promise<string>((res, rej) => {
        const timer = setTimeout(() => rej(new Error('no start in 10 s:\n' + out)), 10_000);
        const onData = (d: Buffer): void => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            res(m[1]!);
          }
        };
        proc.stdout.on('data', onData);
        proc.stderr.on('data', onData);
        void exited.then((code) => rej(new Error(`exited (${code}):\n${out}`)));
      });
      const sts = new STSClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: TEST_ROOT_KEY, secretAccessKey: TEST_ROOT_SECRET },
      });
      const who = await sts.send(new GetCallerIdentityCommand({}));
      proc.kill('SIGTERM');
      assert.equal(await exited, 0, out);
      assert.ok(existsSync(join(dataDir, EVENTS_FILE)), 'events.db was created');

      const store = await openStore({ dataDir });
      try {
        const got = await store.queryEvents({
          account: who.Account!,
          limit: 50,
          attribute: { key: 'EventName', value: 'GetCallerIdentity' },
        });
        assert.equal(got.length, 1, out);
        assert.equal(JSON.parse(got[0]!.json).requestID, who.$metadata.requestId);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
