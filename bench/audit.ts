// Audit bench: the cost of recording every call as a CloudTrail event. The same signed AssumeRole
// request (an IAM user assuming a role, SQLite store) against a server with the recorder on and one
// with `--audit off`, alternated to spread the machine's noise; audit.overheadPct = how much throughput
// recording costs (target < 10%). BENCH_AUDIT_MEMORY=1 runs both servers with --memory instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedQuery } from './server.js';
import { load, round, spawnUntil, REPO, type Child } from './util.js';

const KEY = 'AKIAROLECHAINBENCH01';
const SECRET = 'rolechainBenchSecret00000000000000000000';
const ACCOUNT = '123456789012';
const ENV = {
  ROLECHAIN_ROOT_ACCESS_KEY_ID: KEY,
  ROLECHAIN_ROOT_SECRET_ACCESS_KEY: SECRET,
  ROLECHAIN_ACCOUNT_ID: ACCOUNT,
};
const BIN = join(REPO, 'bin/rolechain.js');
const READY = /listening on (http:\/\/\S+)/;

async function call(
  url: string,
  service: string,
  params: Record<string, string>,
  creds?: { accessKeyId: string; secretAccessKey: string },
) {
  const body = new URLSearchParams(params).toString();
  const headers = signedQuery(url, body, service, creds);
  const res = await fetch(url + '/', { method: 'POST', headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${params.Action}: ${res.status} ${text}`);
  return text;
}

/** A user allowed to assume a role that trusts the account; returns the signed AssumeRole request. */
async function prepare(url: string): Promise<{ headers: Record<string, string>; body: string }> {
  const iam = (p: Record<string, string>) => call(url, 'iam', { Version: '2010-05-08', ...p });
  await iam({ Action: 'CreateUser', UserName: 'bench' });
  await iam({
    Action: 'PutUserPolicy',
    UserName: 'bench',
    PolicyName: 'assume',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    }),
  });
  await iam({
    Action: 'CreateRole',
    RoleName: 'bench-role',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
      ],
    }),
  });
  const xml = await iam({ Action: 'CreateAccessKey', UserName: 'bench' });
  const creds = {
    accessKeyId: /<AccessKeyId>([^<]+)</.exec(xml)![1]!,
    secretAccessKey: /<SecretAccessKey>([^<]+)</.exec(xml)![1]!,
  };
  const body = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/bench-role`,
    RoleSessionName: 'bench',
  }).toString();
  await call(url, 'sts', Object.fromEntries(new URLSearchParams(body)), creds);
  return { headers: signedQuery(url, body, 'sts', creds), body };
}

export async function runAuditBench(seconds = 3, rounds = 4): Promise<Record<string, number>> {
  const dirs: string[] = [];
  const servers: Record<
    'on' | 'off',
    { child: Child; req: { headers: Record<string, string>; body: string } }
  > = {} as never;
  try {
    for (const mode of ['on', 'off'] as const) {
      const dir = mkdtempSync(join(tmpdir(), `rolechain-bench-audit-${mode}-`));
      dirs.push(dir);
      const child = await spawnUntil(
        process.execPath,
        [
          BIN,
          'serve',
          ...(process.env.BENCH_AUDIT_MEMORY ? ['--memory'] : ['--data-dir', dir]),
          '--port',
          '0',
          '--log-level',
          'warn',
          '--audit',
          mode,
        ],
        READY,
        ENV,
      );
      servers[mode] = { child, req: await prepare(child.url) };
    }
    const best = { on: 0, off: 0 };
    const errors = { on: 0, off: 0 };
    for (const mode of ['on', 'off'] as const) {
      const { child, req } = servers[mode];
      await load({ url: child.url + '/', method: 'POST', headers: req.headers, body: req.body, seconds: 1 });
    }
    for (let i = 0; i < rounds; i++) {
      for (const mode of ['on', 'off'] as const) {
        const { child, req } = servers[mode];
        const r = await load({
          url: child.url + '/',
          method: 'POST',
          headers: req.headers,
          body: req.body,
          seconds,
        });
        best[mode] = Math.max(best[mode], r.rps);
        errors[mode] += r.errors + r.non2xx;
        // The recorder writes up to a second after the calls: let that finish before the other server's
        // run, or its work would be charged to the run with auditing off.
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    }
    return {
      'audit.assumeRole.rps': round(best.on),
      'audit.off.assumeRole.rps': round(best.off),
      'audit.overheadPct': round(Math.max(0, ((best.off - best.on) / best.off) * 100), 1),
      'audit.errors': errors.on + errors.off,
    };
  } finally {
    for (const s of Object.values(servers)) await s.child.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAuditBench().then((r) => console.log(JSON.stringify(r)));
}
