// A chain of roles assumed one after the other (--role A --role B …), as aws-vault does: with
// --mfa-serial, first GetSessionToken with the MFA code (so re-assuming later needs no new code),
// then AssumeRole for each role from the previous hop's session. Shared by assume,
// credential-process and exec.
import { parseArgs } from 'node:util';
import { parseDuration } from './oidc.js';
import {
  credentialsFromEnv,
  endpointFrom,
  regionFrom,
  sessionFromXml,
  stsCall,
  type Credentials,
  type SessionCredentials,
} from './aws-call.js';

export interface ChainOptions {
  endpoint: string;
  region: string;
  roles: string[];
  durationSeconds: number;
  sessionName: string;
  mfaSerial?: string;
  mfaCode?: string;
  base: Credentials;
}

export const CHAIN_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  role: { type: 'string', multiple: true },
  duration: { type: 'string' },
  'session-name': { type: 'string' },
  'mfa-serial': { type: 'string' },
  'mfa-code': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const CHAIN_HELP = `Options:
  --role ARN           a role to assume; repeat for a chain (each hop assumes the next from the previous)
  --duration TIME      each session's lifetime: 15m..12h (chained hops: at most 1h; default 1h)
  --session-name NAME  the role session name (default rolechain-<unix time>)
  --mfa-serial ARN     MFA device: GetSessionToken with the code first, then the chain
  --mfa-code CODE      the MFA code (default: $ROLECHAIN_MFA_CODE)
  --endpoint URL       the server (default: $AWS_ENDPOINT_URL, $ROLECHAIN_URL, http://127.0.0.1:4566)
  --region REGION      SigV4 region (default: $AWS_REGION, us-east-1)
Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
`;

export function chainOptions(
  values: { [K in keyof typeof CHAIN_OPTIONS]?: unknown },
  env: NodeJS.ProcessEnv,
): ChainOptions {
  const roles = (values.role as string[] | undefined) ?? [];
  if (roles.length === 0) throw new Error('at least one --role ARN is required');
  const durationSeconds = values.duration ? parseDuration(values.duration as string) : 3600;
  if (durationSeconds < 900 || durationSeconds > 43200)
    throw new Error('--duration must be between 15m and 12h');
  return {
    endpoint: endpointFrom(values.endpoint as string | undefined, env),
    region: regionFrom(values.region as string | undefined, env),
    roles,
    durationSeconds,
    sessionName:
      (values['session-name'] as string | undefined) ?? `rolechain-${Math.floor(Date.now() / 1000)}`,
    mfaSerial: values['mfa-serial'] as string | undefined,
    mfaCode: (values['mfa-code'] as string | undefined) ?? env.ROLECHAIN_MFA_CODE,
    base: credentialsFromEnv(env),
  };
}

export function parseChainArgs(args: string[]) {
  return parseArgs({ args, options: CHAIN_OPTIONS, strict: true });
}

/** Re-assumes the chain on demand; the MFA session (if any) is kept while it lasts. */
export class RoleChain {
  private mfaSession?: SessionCredentials;
  constructor(private readonly o: ChainOptions) {}

  get finalRole(): string {
    return this.o.roles[this.o.roles.length - 1]!;
  }

  private async start(nowServer: number): Promise<Credentials> {
    const o = this.o;
    if (!o.mfaSerial) return o.base;
    if (this.mfaSession && this.mfaSession.expiration.getTime() - nowServer > 5 * 60_000)
      return this.mfaSession;
    if (!o.mfaCode) throw new Error('--mfa-serial needs --mfa-code (or $ROLECHAIN_MFA_CODE)');
    const xml = await stsCall(o.endpoint, o.region, o.base, {
      Action: 'GetSessionToken',
      SerialNumber: o.mfaSerial,
      TokenCode: o.mfaCode,
      DurationSeconds: String(Math.max(o.durationSeconds, 3600 * 12)),
    });
    this.mfaSession = sessionFromXml(xml);
    return this.mfaSession;
  }

  async assume(nowServer = Date.now()): Promise<SessionCredentials> {
    const o = this.o;
    let creds = await this.start(nowServer);
    let last: SessionCredentials | undefined;
    for (let i = 0; i < o.roles.length; i++) {
      // A GetSessionToken (MFA) session is not a role session: its first AssumeRole is no chaining.
      const chained = i > 0 || (!o.mfaSerial && o.base.sessionToken !== undefined);
      const xml = await stsCall(o.endpoint, o.region, creds, {
        Action: 'AssumeRole',
        RoleArn: o.roles[i],
        RoleSessionName: o.sessionName,
        DurationSeconds: String(chained ? Math.min(o.durationSeconds, 3600) : o.durationSeconds),
      });
      last = sessionFromXml(xml);
      creds = last;
    }
    return last!;
  }
}
