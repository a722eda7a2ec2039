// `rolechain exec --role ARN [--role ARN …] -- COMMAND …`: aws-vault's best trick with rolechain's
// roles. COMMAND runs with an ECS-style container credentials endpoint on loopback
// (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN, a random bearer token
// compared in constant time) and without static keys in its environment; every SDK and the AWS CLI
// fetch credentials from it. The endpoint re-assumes the chain whenever the session is within 15
// minutes of expiry by the server's clock, so long-running processes never get expired credentials.
// Expiration is reported in the child's clock (the server's clock may be offset).
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CHAIN_HELP, RoleChain, chainOptions, parseChainArgs } from './role-chain.js';
import { serverNow, type SessionCredentials } from './aws-call.js';

export const EXEC_HELP = `Usage: rolechain exec --role ARN [--role ARN …] [options] -- COMMAND [ARGS…]

Runs COMMAND with the chained session served by a container credentials endpoint on 127.0.0.1.

${CHAIN_HELP}`;

/** Re-assume when the session has less than this left (more than SDKs' own refresh windows). */
export const REFRESH_MARGIN_MS = 15 * 60_000;

const STATIC_KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'ROLECHAIN_MFA_CODE',
];

export class CredentialServer {
  private current?: SessionCredentials;
  private refreshing?: Promise<SessionCredentials>;
  readonly token = randomBytes(32).toString('base64url');
  private server?: Server;
  url = '';

  constructor(
    private readonly chain: RoleChain,
    private readonly endpoint: string,
  ) {}

  /** The session to serve and the server clock's lead over ours. */
  async credentials(): Promise<{ c: SessionCredentials; skew: number }> {
    const now = await serverNow(this.endpoint);
    const skew = now - Date.now();
    if (!this.current || this.current.expiration.getTime() - now < REFRESH_MARGIN_MS) {
      this.refreshing ??= this.chain.assume(now).finally(() => (this.refreshing = undefined));
      this.current = await this.refreshing;
    }
    return { c: this.current, skew };
  }

  async listen(): Promise<string> {
    const expected = Buffer.from(this.token);
    this.server = createServer((req, res) => {
      const given = Buffer.from(String(req.headers.authorization ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"unauthorized"}');
        return;
      }
      this.credentials().then(
        ({ c, skew }) => {
          const body = JSON.stringify({
            AccessKeyId: c.accessKeyId,
            SecretAccessKey: c.secretAccessKey,
            Token: c.sessionToken,
            Expiration: new Date(c.expiration.getTime() - skew).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            RoleArn: this.chain.finalRole,
          });
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        },
        (e: Error) => {
          process.stderr.write(`rolechain exec: ${e.message}\n`);
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: e.message }));
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  close(): void {
    this.server?.close();
    this.server?.closeAllConnections();
  }
}

export async function execCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const command = dash < 0 ? [] : argv.slice(dash + 1);
  let srv: CredentialServer | undefined;
  try {
    const { values } = parseChainArgs(own);
    if (values.help) return void process.stdout.write(EXEC_HELP);
    if (command.length === 0) throw new Error('no COMMAND given (rolechain exec --role ARN -- COMMAND …)');
    const o = chainOptions(values, env);
    srv = new CredentialServer(new RoleChain(o), o.endpoint);
    await srv.credentials(); // fail before starting the command when the chain cannot be assumed
    const url = await srv.listen();
    const childEnv: NodeJS.ProcessEnv = { ...env };
    for (const k of STATIC_KEYS) delete childEnv[k];
    Object.assign(childEnv, {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: srv.token,
      AWS_ENDPOINT_URL: o.endpoint,
      AWS_REGION: o.region,
      AWS_DEFAULT_REGION: o.region,
      ROLECHAIN_EXEC_ROLE: o.roles[o.roles.length - 1],
    });
    const child = spawn(command[0]!, command.slice(1), { env: childEnv, stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    const code = await new Promise<number>((resolve) => {
      child.on('error', (e) => {
        process.stderr.write(`rolechain exec: ${e.message}\n`);
        resolve(127);
      });
      child.on('exit', (c, sig) => resolve(c ?? (sig ? 128 + 1 : 1)));
    });
    for (const [s, h] of handlers) process.off(s, h);
    process.exitCode = code;
  } catch (e) {
    process.stderr.write(`rolechain exec: ${(e as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    srv?.close();
  }
}
