// A PostgreSQL for tests: DATABASE_URL if set, else a throwaway server from Debian's postgresql package (initdb +
// pg_ctl in a temp dir, on a free port, as the postgres user when we are root), stopped at the end. When neither
// is available: in CI (process.env.CI) fail loudly; elsewhere return undefined so the tests skip, visibly.
//
// Each test gets its own database (freshDatabase), so tests stay independent and LISTEN/NOTIFY channels too.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A URL of the server's maintenance database. */
  readonly url: string;
  /** Creates an empty database and returns its URL; it is dropped by stop(). */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startPostgres(): Promise<TestPostgres | undefined> {
  if (process.env.DATABASE_URL) return withDatabases(process.env.DATABASE_URL, async () => undefined);
  const why = unavailableReason();
  if (why !== undefined) {
    const msg = `PostgreSQL tests: ${why} (set DATABASE_URL or install postgresql)`;
    if (process.env.CI) throw new Error(msg);
    console.warn(`SKIP ${msg}`);
    return undefined;
  }
  return withDatabases(...(await startServer()));
}

/** The skip reason, in the form node:test's `skip` option takes. */
export function skipUnless(pgs: TestPostgres | undefined): string | false {
  return pgs === undefined ? 'no PostgreSQL available (set DATABASE_URL or install postgresql)' : false;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

function unavailableReason(): string | undefined {
  if (binDir() === undefined) return 'no /usr/lib/postgresql/*/bin/initdb';
  if (userInfo().uid === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'running as root and there is no postgres user to run the server as';
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<[string, () => Promise<void>]> {
  const bin = binDir() as string;
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'rolechain-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (cmd: string, args: string[]): void => {
    const full = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const r = spawnSync(full[0] as string, full[1] as string[], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const stopServer = (): void => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
  };
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      run('pg_ctl', [
        '-D',
        data,
        '-w',
        '-l',
        join(dir, 'log'),
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${dir}' -c max_connections=200`,
        'start',
      ]);
      break;
    } catch (err) {
      if (attempt >= 2) throw err; // the port was taken between freePort and start: try another
    }
  }
  // If the test process dies without calling stop(), don't leave a server behind.
  const onExit = (): void => {
    stopServer();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    onExit();
  };
  return [`postgres://postgres@127.0.0.1:${port}/postgres`, stop];
}

function withDatabases(url: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = (): pg.Client => new pg.Client({ connectionString: url });
  const urlFor = (db: string): string => {
    const u = new URL(url);
    u.pathname = '/' + db;
    return u.toString();
  };
  return {
    url,
    async freshDatabase() {
      const name = `rolechain_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
      const c = admin();
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      created.push(name);
      return urlFor(name);
    },
    async stop() {
      if (created.length > 0) {
        const c = admin();
        await c.connect().catch(() => undefined);
        for (const name of created.splice(0)) {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        }
        await c.end().catch(() => undefined);
      }
      await stopServer();
    },
  };
}
