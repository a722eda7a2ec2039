// `rolechain serve`: start the endpoint, print how to use it, stop cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startServer } from '../server/server.js';
import type { ServerConfig } from '../services/env.js';

export const SERVE_HELP = `Usage: rolechain serve [options]

Starts one HTTP endpoint for every service (IAM, STS, Organizations, …), routed by the SigV4
credential scope, as AWS clients send it.

Options:
  --host HOST            address to listen on (default 127.0.0.1)
  --port PORT            port (default 4566; 0 = a free port)
  --data-dir DIR         where state is kept (default ./.rolechain); SQLite in DIR/rolechain.db
  --memory               keep nothing: state lives in memory only
  --database-url URL     use PostgreSQL (postgres://user:pass@host:5432/db) instead of SQLite; the
                         master key that seals secrets is then ROLECHAIN_MASTER_KEY (base64, 32
                         bytes; give every node the same) or else DIR/master.key
  --account-id ID        the management account's 12-digit id at first start (or ROLECHAIN_ACCOUNT_ID)
  --clock-offset SECS    move the server's clock (tests: make credentials expire without waiting)
  --max-chain-depth N    longest role chain a session may have (default 10)
  --log-level LEVEL      debug | info | warn | error | silent (default info)
  --audit on|off         record every API call as CloudTrail events (default on; see cloudtrail LookupEvents)
  --audit-retention-days N  keep audit events N days (default 90, like CloudTrail's event history)
  --trail-dir DIR        also write CloudTrail log files (gzipped {"Records":[…]}) under
                         DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/, as a trail delivers them
  -h, --help             show this help

On first start rolechain creates the management account and its root access key, keeps the secret in
DIR/root-credentials.json (mode 0600) and prints an export line for the AWS CLI and SDKs.
`;

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4566' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'account-id': { type: 'string' },
      'clock-offset': { type: 'string' },
      'max-chain-depth': { type: 'string', default: '10' },
      'log-level': { type: 'string', default: 'info' },
      audit: { type: 'string', default: 'on' },
      'audit-retention-days': { type: 'string', default: '90' },
      'trail-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const level = values['log-level'] as ServerConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(level))
    throw new Error(`invalid --log-level ${level}`);
  if (values.audit !== 'on' && values.audit !== 'off') throw new Error(`invalid --audit ${values.audit}`);
  const retention = Number(values['audit-retention-days']);
  if (!Number.isFinite(retention) || retention <= 0)
    throw new Error(`invalid --audit-retention-days ${values['audit-retention-days']}`);
  if (values['account-id']) process.env.ROLECHAIN_ACCOUNT_ID = values['account-id'];
  const config: ServerConfig = {
    host: values.host!,
    port,
    memory: values.memory!,
    databaseUrl: values['database-url'],
    dataDir: values.memory || values['database-url'] ? undefined : (values['data-dir'] ?? '.rolechain'),
    keyDir:
      values['database-url'] && !process.env.ROLECHAIN_MASTER_KEY
        ? (values['data-dir'] ?? '.rolechain')
        : undefined,
    logLevel: level,
    defaultRegion: 'us-east-1',
    maxChainDepth: Number(values['max-chain-depth']),
    audit: values.audit === 'on',
    auditRetentionDays: retention,
    trailDir: values['trail-dir'],
  };
  const server = await startServer(config, {
    clockOffsetMs: values['clock-offset'] ? Number(values['clock-offset']) * 1000 : 0,
  });
  const r = server.root;
  const out = [
    `rolechain listening on ${server.url}  (store: ${server.env.store.backend}${config.dataDir ? ' ' + config.dataDir : ''})`,
    `management account: ${r.accountId}`,
  ];
  if (r.secretAccessKey) {
    out.push(
      `export AWS_ENDPOINT_URL=${server.url} AWS_ACCESS_KEY_ID=${r.accessKeyId} AWS_SECRET_ACCESS_KEY=${r.secretAccessKey} AWS_REGION=us-east-1`,
    );
  } else {
    out.push(`root access key: ${r.accessKeyId} (secret in the data dir's root-credentials.json)`);
  }
  process.stdout.write(out.join('\n') + '\n');

  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) return;
    stopping = true;
    server.env.log.info('shutting down', { signal: sig });
    server.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`rolechain: error during shutdown: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
