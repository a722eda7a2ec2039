// `rolechain trail`: the audit trail from the command line, read through cloudtrail:LookupEvents with
// the usual AWS credentials. A coloured table on a terminal, JSON lines (the CloudTrail records) when
// piped; --follow keeps polling. `rolechain trail chain <key or session ARN>` answers "who is behind
// this session": it walks the AssumeRole* records back, hop by hop, to the original identity.
import { parseArgs } from 'node:util';
import { signRequest } from '../wire/sigv4/index.js';
import { parseDuration } from './oidc.js';

export const TRAIL_HELP = `Usage: rolechain trail [options]
       rolechain trail chain <access-key-id | session ARN> [options]

Lists the audit trail of the account of the credentials (newest first), or, with 'chain', the chain of
sessions behind a temporary access key (ASIA…) or an assumed-role session ARN, back to the original
identity (IAM user, root, web identity, AWS service), with each hop's time and source IP.

Options:
  --endpoint URL      the rolechain server (default: $AWS_ENDPOINT_URL, $ROLECHAIN_URL, http://127.0.0.1:4566)
  --since TIME        only events newer than this: 90s, 10m, 1h, 2d (default: all kept events)
  --role NAME         only calls made with sessions of this role, or assuming it
  --principal ARN     only calls by this principal (user, role, session ARN)
  --event NAME        only this event name (e.g. AssumeRole)
  --limit N           at most N events (default 200)
  --follow, -f        keep polling for new events (every 2 s)
  --json              JSON lines even on a terminal
  --via-role NAME     chain: assume this role (e.g. OrganizationAccountAccessRole) to look into the
                      accounts a chain crosses
  --region REGION     SigV4 region (default: $AWS_REGION, us-east-1)

Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (needs cloudtrail:LookupEvents).
`;

type Rec = Record<string, any>;
interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
interface Event {
  EventId: string;
  EventName: string;
  EventTime: number;
  CloudTrailEvent: string;
}

const TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents';
const ISSUERS = [
  'AssumeRole',
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
  'GetSessionToken',
  'GetFederationToken',
];

export async function trailCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      since: { type: 'string' },
      role: { type: 'string' },
      principal: { type: 'string' },
      event: { type: 'string' },
      limit: { type: 'string', default: '200' },
      follow: { type: 'boolean', short: 'f', default: false },
      json: { type: 'boolean', default: false },
      'via-role': { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(TRAIL_HELP);
    return;
  }
  const endpoint = (
    values.endpoint ??
    process.env.AWS_ENDPOINT_URL ??
    process.env.ROLECHAIN_URL ??
    'http://127.0.0.1:4566'
  ).replace(/\/+$/, '');
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const creds = envCreds();
  const client = new TrailClient(endpoint, region, creds);
  const asJson = values.json || !process.stdout.isTTY;

  if (positionals[0] === 'chain') {
    const target = positionals[1];
    if (!target) throw new Error('trail chain needs an access key id (ASIA…) or a session ARN');
    const hops = await walkChain(client, target, values['via-role']);
    printChain(hops, asJson);
    return;
  }
  if (positionals.length) throw new Error(`unknown trail argument '${positionals[0]}'`);

  const since = values.since ? Date.now() - parseDuration(values.since) * 1000 : undefined;
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid --limit ${values.limit}`);
  const keep = (r: Rec) => matches(r, values.role, values.principal);
  const attr = values.event ? { AttributeKey: 'EventName', AttributeValue: values.event } : undefined;
  const first = (await client.all({ start: since, attr, limit, keep })).reverse();
  if (!asJson) process.stdout.write(tableHeader());
  for (const r of first) process.stdout.write(asJson ? JSON.stringify(r) + '\n' : tableRow(r));
  if (!values.follow) return;

  const seen = new Set(first.map((r) => r.eventID as string));
  let from = first.length ? Date.parse(first[first.length - 1]!.eventTime) : (since ?? Date.now() - 60_000);
  for (;;) {
    await new Promise((res) => setTimeout(res, 2000));
    const fresh = (await client.all({ start: from - 1000, attr, limit: 1000, keep })).reverse();
    for (const r of fresh) {
      if (seen.has(r.eventID)) continue;
      seen.add(r.eventID);
      from = Math.max(from, Date.parse(r.eventTime));
      process.stdout.write(asJson ? JSON.stringify(r) + '\n' : tableRow(r));
    }
  }
}

function envCreds(): Creds {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for a session)');
  }
  return { accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN || undefined };
}

/** A minimal signed awsJson1.1 client for LookupEvents (and STS AssumeRole for --via-role). */
export class TrailClient {
  constructor(
    readonly endpoint: string,
    readonly region: string,
    readonly creds: Creds,
  ) {}

  async page(body: Rec): Promise<{ Events?: Event[]; NextToken?: string }> {
    const text = JSON.stringify(body);
    const u = new URL(this.endpoint);
    const signed = signRequest(
      {
        method: 'POST',
        path: '/',
        rawQuery: '',
        headers: { host: u.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET },
        body: text,
      },
      this.creds,
      { region: this.region, service: 'cloudtrail' },
    );
    const res = await fetch(this.endpoint + '/', {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: text,
    });
    const reply = (await res.json()) as Rec;
    if (!res.ok) throw new Error(`LookupEvents: ${reply.__type ?? res.status}: ${reply.message ?? ''}`);
    return reply;
  }

  /** Every matching record, newest first, up to `limit` kept ones. */
  async all(q: {
    start?: number;
    attr?: { AttributeKey: string; AttributeValue: string };
    limit: number;
    keep?: (r: Rec) => boolean;
  }): Promise<Rec[]> {
    const out: Rec[] = [];
    let token: string | undefined;
    do {
      const body: Rec = { MaxResults: 50 };
      if (q.start !== undefined) body.StartTime = q.start / 1000;
      if (q.attr) body.LookupAttributes = [q.attr];
      if (token) body.NextToken = token;
      const page = await this.page(body);
      for (const e of page.Events ?? []) {
        const r = JSON.parse(e.CloudTrailEvent) as Rec;
        if (!q.keep || q.keep(r)) out.push(r);
        if (out.length >= q.limit) return out;
      }
      token = page.NextToken;
    } while (token);
    return out;
  }

  /** Credentials for another account through a role there (for chains that cross accounts). */
  async assume(roleArn: string): Promise<TrailClient> {
    const body = new URLSearchParams({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: roleArn,
      RoleSessionName: 'rolechain-trail',
    }).toString();
    const u = new URL(this.endpoint);
    const signed = signRequest(
      {
        method: 'POST',
        path: '/',
        rawQuery: '',
        headers: { host: u.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
      },
      this.creds,
      { region: this.region, service: 'sts' },
    );
    const res = await fetch(this.endpoint + '/', {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body,
    });
    const xml = await res.text();
    const tag = (t: string) => new RegExp(`<${t}>([^<]*)</${t}>`).exec(xml)?.[1];
    if (!res.ok || !tag('AccessKeyId'))
      throw new Error(`AssumeRole ${roleArn}: ${tag('Code') ?? res.status}`);
    return new TrailClient(this.endpoint, this.region, {
      accessKeyId: tag('AccessKeyId')!,
      secretAccessKey: tag('SecretAccessKey')!,
      sessionToken: tag('SessionToken')!,
    });
  }
}

/** --role / --principal: the caller's identity, its role, or (for AssumeRole) the role assumed. */
export function matches(r: Rec, role?: string, principal?: string): boolean {
  const ui = (r.userIdentity ?? {}) as Rec;
  const issuer = (ui.sessionContext?.sessionIssuer ?? {}) as Rec;
  if (role !== undefined) {
    const assumed = (r.resources ?? []).some(
      (x: Rec) => x.type === 'AWS::IAM::Role' && String(x.ARN).endsWith(`/${role}`),
    );
    if (issuer.userName !== role && !assumed) return false;
  }
  if (principal !== undefined) {
    if (ui.arn !== principal && issuer.arn !== principal && ui.principalId !== principal) return false;
  }
  return true;
}

export interface Hop {
  time: string;
  event: string;
  /** The session (or identity) this hop produced. */
  session: string;
  accessKeyId?: string;
  sourceIPAddress: string;
  account: string;
  /** Who made the call that produced it. */
  by: Rec;
}

/** Walks back from a session to the identity at the root of its chain, newest hop first. */
export async function walkChain(client: TrailClient, target: string, viaRole?: string): Promise<Hop[]> {
  const hops: Hop[] = [];
  const clients = new Map<string, TrailClient>();
  let current = client;
  let want: { accessKeyId?: string; arn?: string } = target.startsWith('arn:')
    ? { arn: target }
    : { accessKeyId: target };
  const issuers = async (c: TrailClient) => {
    const out: Rec[] = [];
    for (const name of ISSUERS) {
      out.push(...(await c.all({ attr: { AttributeKey: 'EventName', AttributeValue: name }, limit: 5000 })));
    }
    return out;
  };
  let pool = await issuers(current);
  for (let depth = 0; depth < 64; depth++) {
    const r = pool.find((x) => {
      if (x.errorCode) return false;
      const re = x.responseElements ?? {};
      if (want.accessKeyId) return re.credentials?.accessKeyId === want.accessKeyId;
      return re.assumedRoleUser?.arn === want.arn || re.federatedUser?.arn === want.arn;
    });
    if (!r) break;
    const re = r.responseElements as Rec;
    const ui = r.userIdentity as Rec;
    hops.push({
      time: r.eventTime,
      event: r.eventName,
      session: re.assumedRoleUser?.arn ?? re.federatedUser?.arn ?? ui.arn ?? '',
      accessKeyId: re.credentials?.accessKeyId,
      sourceIPAddress: r.sourceIPAddress,
      account: r.recipientAccountId,
      by: ui,
    });
    const parentKey = ui.accessKeyId as string | undefined;
    // The root of the chain: a long-term key, a web identity, an AWS service.
    if (
      !parentKey ||
      !parentKey.startsWith('ASIA') ||
      ui.type === 'WebIdentityUser' ||
      ui.type === 'AWSService'
    )
      break;
    want = { accessKeyId: parentKey };
    // A hop made from another account: its issuing record is in that account's trail.
    if (ui.type === 'AWSAccount' && ui.accountId && ui.accountId !== r.recipientAccountId) {
      if (!viaRole) break;
      let next = clients.get(ui.accountId);
      if (!next) {
        next = await client.assume(`arn:aws:iam::${ui.accountId}:role/${viaRole}`);
        clients.set(ui.accountId, next);
      }
      current = next;
      pool = await issuers(current);
    }
  }
  return hops;
}

function describe(ui: Rec): string {
  switch (ui.type) {
    case 'IAMUser':
      return `IAM user ${ui.arn} (key ${ui.accessKeyId ?? '-'})`;
    case 'Root':
      return `root of ${ui.accountId} (key ${ui.accessKeyId ?? '-'})`;
    case 'AssumedRole':
      return `session ${ui.arn} (key ${ui.accessKeyId ?? '-'})`;
    case 'WebIdentityUser':
      return `web identity ${ui.userName} at ${ui.identityProvider}`;
    case 'SAMLUser':
      return `SAML user ${ui.userName} (name qualifier ${ui.identityProvider})`;
    case 'AWSService':
      return `AWS service ${ui.invokedBy}`;
    case 'AWSAccount':
      return `${String(ui.principalId).startsWith('AIDA') ? 'IAM user' : 'principal'} ${ui.principalId} of account ${ui.accountId} (key ${ui.accessKeyId ?? '-'})`;
    default:
      return `${ui.type} ${ui.arn ?? ui.principalId ?? ''}`;
  }
}

function printChain(hops: Hop[], asJson: boolean): void {
  if (asJson) {
    for (const h of hops) process.stdout.write(JSON.stringify(h) + '\n');
    return;
  }
  if (!hops.length) {
    process.stdout.write(
      'no AssumeRole*/GetSessionToken/GetFederationToken record issued these credentials in this account\n',
    );
    return;
  }
  const c = colours();
  hops.forEach((h, i) => {
    process.stdout.write(
      `${c.bold}${i + 1}.${c.reset} ${h.session}${h.accessKeyId ? ` (${h.accessKeyId})` : ''}\n` +
        `   ${c.dim}${h.time}  ${h.event} from ${h.sourceIPAddress}${c.reset}\n` +
        `   by ${describe(h.by)}\n`,
    );
  });
  const origin = hops[hops.length - 1]!.by;
  process.stdout.write(`${c.green}origin:${c.reset} ${describe(origin)}\n`);
}

function colours() {
  const on = process.stdout.isTTY && !process.env.NO_COLOR;
  const esc = (n: number) => (on ? `\u001b[${n}m` : '');
  return {
    reset: esc(0),
    bold: esc(1),
    dim: esc(2),
    red: esc(31),
    green: esc(32),
    yellow: esc(33),
    cyan: esc(36),
  };
}

function tableHeader(): string {
  const c = colours();
  return `${c.bold}${'TIME'.padEnd(20)} ${'EVENT'.padEnd(28)} ${'PRINCIPAL'.padEnd(60)} ${'SOURCE IP'.padEnd(15)} RESULT${c.reset}\n`;
}

function tableRow(r: Rec): string {
  const c = colours();
  const ui = (r.userIdentity ?? {}) as Rec;
  const who = String(
    ui.arn ?? (ui.type === 'WebIdentityUser' ? `web:${ui.userName}` : `${ui.type}:${ui.accessKeyId ?? ''}`),
  );
  const event = `${String(r.eventSource).replace('.amazonaws.com', '')}:${r.eventName}`;
  const result = r.errorCode ? `${c.red}${r.errorCode}${c.reset}` : `${c.green}ok${c.reset}`;
  const ev = r.readOnly ? event : `${c.yellow}${event}${c.reset}`;
  const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
  return `${c.dim}${pad(r.eventTime, 20)}${c.reset} ${ev}${' '.repeat(Math.max(1, 29 - event.length))}${c.cyan}${pad(who, 60)}${c.reset} ${pad(String(r.sourceIPAddress), 15)} ${result}\n`;
}
