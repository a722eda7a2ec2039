// Starts the real rolechain server (the compiled bin, as a user runs it) on a free port for
// end-to-end tests, with a fixed root key so clients can be configured up front.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer as startServerHere, type RunningServer } from '../../src/server/server.js';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const BIN = join(REPO, 'bin/rolechain.js');

export interface TestServer {
  url: string;
  port: number;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  dataDir?: string;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait for exit; resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const TEST_ROOT_KEY = 'AKIAROLECHAINTEST001';
export const TEST_ROOT_SECRET = 'rolechainTestSecretKey0000000000000000000';
export const TEST_ACCOUNT = '111111111111';

/** A server in this process (memory store, silent), its root credentials and account the TEST_ ones. */
export function startServerInProcess(): Promise<RunningServer> {
  Object.assign(process.env, {
    ROLECHAIN_ROOT_ACCESS_KEY_ID: TEST_ROOT_KEY,
    ROLECHAIN_ROOT_SECRET_ACCESS_KEY: TEST_ROOT_SECRET,
    ROLECHAIN_ACCOUNT_ID: TEST_ACCOUNT,
  });
  return startServerHere({
    host: '127.0.0.1',
    port: 0,
    memory: true,
    logLevel: 'silent',
    defaultRegion: 'us-east-1',
    maxChainDepth: 5,
  });
}

export function tempDir(prefix = 'rolechain-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startServer(
  opts: { args?: string[]; env?: Record<string, string>; dataDir?: string; memory?: boolean } = {},
): Promise<TestServer> {
  const args = [BIN, 'serve', '--port', '0', '--log-level', 'warn', ...(opts.args ?? [])];
  if (opts.dataDir) args.push('--data-dir', opts.dataDir);
  else if (opts.memory !== false) args.push('--memory');
  const proc = spawn(process.execPath, args, {
    cwd: REPO,
    env: {
      ...process.env,
      ROLECHAIN_ROOT_ACCESS_KEY_ID: TEST_ROOT_KEY,
      ROLECHAIN_ROOT_SECRET_ACCESS_KEY: TEST_ROOT_SECRET,
      ROLECHAIN_ACCOUNT_ID: TEST_ACCOUNT,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('server did not start in 10 s:\n' + out)), 10_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      const acct = /management account: (\d{12})/.exec(out);
      if (m && acct) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
  const accountId = /management account: (\d{12})/.exec(out)![1]!;
  return {
    url,
    port: Number(new URL(url).port),
    accountId,
    accessKeyId: opts.env?.ROLECHAIN_ROOT_ACCESS_KEY_ID ?? TEST_ROOT_KEY,
    secretAccessKey: opts.env?.ROLECHAIN_ROOT_SECRET_ACCESS_KEY ?? TEST_ROOT_SECRET,
    dataDir: opts.dataDir,
    proc,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill(signal);
      return exited;
    },
  };
}
