// `rolechain oidc token`: asks a running rolechain server to sign a token as a simulated OIDC issuer
// (GitHub Actions, EKS service accounts, any https issuer), for tests and CI that exercise real
// AssumeRoleWithWebIdentity trust policies offline. The request is SigV4-signed with the caller's
// credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN) and needs an allow for
// rolechain:MintOidcToken. The token is printed on stdout (or the whole reply with --json).
import { parseArgs } from 'node:util';
import { rolechainJsonCall } from './aws-call.js';
import { pickSubcommand } from './subcommand.js';

export const OIDC_HELP = `Usage: rolechain oidc token --issuer URL --sub SUBJECT --aud AUDIENCE [options]

Prints a JWT signed by the rolechain server at --endpoint as the simulated issuer URL. The server
accepts it in AssumeRoleWithWebIdentity for the IAM OIDC provider of that issuer in the caller's account.

Options:
  --endpoint URL       the rolechain server (default: $AWS_ENDPOINT_URL, $ROLECHAIN_URL, http://127.0.0.1:4566)
  --issuer URL         e.g. https://token.actions.githubusercontent.com or
                       https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE
  --sub SUBJECT        e.g. repo:octo/app:ref:refs/heads/main or system:serviceaccount:default:my-sa
  --aud AUDIENCE       repeatable (default sts.amazonaws.com)
  --claim KEY=VALUE    extra or overriding claim, repeatable; VALUE is parsed as JSON when it is valid JSON
  --expires-in TIME    lifetime: 90s, 10m, 2h, or seconds (default 10m, at most 24h)
  --region REGION      SigV4 region (default: $AWS_REGION, us-east-1)
  --json               print the whole reply (Token, Issuer, Subject, Audience, Expiration)

Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
`;

export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) throw new Error(`invalid duration '${text}' (use 90s, 10m, 2h or seconds)`);
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

export function parseClaim(text: string): [string, unknown] {
  const i = text.indexOf('=');
  if (i <= 0) throw new Error(`invalid --claim '${text}' (use KEY=VALUE)`);
  const key = text.slice(0, i);
  const raw = text.slice(i + 1);
  try {
    return [key, JSON.parse(raw) as unknown];
  } catch {
    return [key, raw];
  }
}

export interface MintOptions {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  issuer: string;
  sub: string;
  aud: string[];
  claims?: Record<string, unknown>;
  expiresInSeconds?: number;
}

export interface MintReply {
  Token: string;
  Issuer: string;
  Subject: string;
  Audience: string[];
  Expiration: string;
}

/** Calls POST /_rolechain/oidc/token, signed; throws with the server's error code and message. */
export async function mintOidcToken(o: MintOptions): Promise<MintReply> {
  const reply = await rolechainJsonCall(
    o,
    '/_rolechain/oidc/token',
    {
      Issuer: o.issuer,
      Subject: o.sub,
      Audience: o.aud,
      Claims: o.claims,
      ExpiresInSeconds: o.expiresInSeconds,
    },
    'rolechain oidc token',
  );
  return reply as unknown as MintReply;
}

export async function oidcCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const picked = pickSubcommand('oidc', argv, ['token'], OIDC_HELP);
  if (!picked) return;
  const { rest } = picked;
  const { values } = parseArgs({
    args: rest,
    options: {
      endpoint: { type: 'string' },
      issuer: { type: 'string' },
      sub: { type: 'string' },
      aud: { type: 'string', multiple: true },
      claim: { type: 'string', multiple: true },
      'expires-in': { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(OIDC_HELP);
    return;
  }
  const fail = (msg: string) => {
    process.stderr.write(`rolechain oidc token: ${msg}\n`);
    process.exitCode = 2;
  };
  if (!values.issuer) return fail('--issuer is required');
  if (!values.sub) return fail('--sub is required');
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    return fail('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');
  let claims: Record<string, unknown> | undefined;
  let expiresInSeconds: number | undefined;
  try {
    if (values.claim?.length) claims = Object.fromEntries(values.claim.map(parseClaim));
    if (values['expires-in'] !== undefined) expiresInSeconds = parseDuration(values['expires-in']);
  } catch (e) {
    return fail((e as Error).message);
  }
  try {
    const reply = await mintOidcToken({
      endpoint: values.endpoint ?? env.AWS_ENDPOINT_URL ?? env.ROLECHAIN_URL ?? 'http://127.0.0.1:4566',
      region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined },
      issuer: values.issuer,
      sub: values.sub,
      aud: values.aud?.length ? values.aud : ['sts.amazonaws.com'],
      claims,
      expiresInSeconds,
    });
    process.stdout.write(values.json ? JSON.stringify(reply, null, 2) + '\n' : reply.Token + '\n');
  } catch (e) {
    process.stderr.write(`rolechain oidc token: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
