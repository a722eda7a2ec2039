// What the credential commands (assume, credential-process, exec, instance) share: the caller's
// credentials from the usual AWS environment variables, the endpoint, SigV4-signed STS query calls,
// and the server's clock (rolechain's /_rolechain/health reports it; elsewhere the local clock).
import { signRequest } from '../wire/sigv4/index.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SessionCredentials extends Credentials {
  sessionToken: string;
  /** Server clock. */
  expiration: Date;
}

export function endpointFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env.AWS_ENDPOINT_URL ?? env.ROLECHAIN_URL ?? 'http://127.0.0.1:4566';
}

export function regionFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
}

export class AwsCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of the first <name> element (the STS replies this module reads are flat and known). */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m ? unescape(m[1]!) : undefined;
}

/**
 * A signed JSON POST to one of rolechain's own routes (e.g. /_rolechain/oidc/token); resolves to the reply,
 * throws AwsCallError with the server's {__type, message}, or says what came back when it is not JSON.
 */
export async function rolechainJsonCall(
  o: { endpoint: string; region: string; credentials: Credentials },
  path: string,
  payload: Record<string, unknown>,
  /** Names the command in the error for a reply that is not JSON, e.g. "rolechain oidc token". */
  what: string,
): Promise<Record<string, unknown>> {
  const url = new URL(path, o.endpoint);
  const body = JSON.stringify(payload);
  const { headers } = signRequest(
    {
      method: 'POST',
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    },
    o.credentials,
    { region: o.region, service: 'sts' },
  );
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let reply: Record<string, unknown>;
  try {
    reply = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${what}: HTTP ${res.status} from ${url.origin}: ${text.slice(0, 200)}`);
  }
  if (!res.ok) throw new AwsCallError(String(reply.__type), String(reply.message));
  return reply;
}

/** A signed awsQuery call to STS; resolves to the reply's XML, throws AwsCallError with AWS's code. */
export async function stsCall(
  endpoint: string,
  region: string,
  creds: Credentials,
  params: Record<string, string | undefined>,
): Promise<string> {
  const url = new URL('/', endpoint);
  const form = new URLSearchParams({ Version: '2011-06-15' });
  for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
  const body = form.toString();
  const { headers } = signRequest(
    {
      method: 'POST',
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    },
    creds,
    { region, service: 'sts' },
  );
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  if (!res.ok) {
    throw new AwsCallError(
      xmlField(text, 'Code') ?? `HTTP${res.status}`,
      xmlField(text, 'Message') ?? text.slice(0, 200),
    );
  }
  return text;
}

export function sessionFromXml(xml: string): SessionCredentials {
  const accessKeyId = xmlField(xml, 'AccessKeyId');
  const secretAccessKey = xmlField(xml, 'SecretAccessKey');
  const sessionToken = xmlField(xml, 'SessionToken');
  const expiration = xmlField(xml, 'Expiration');
  if (!accessKeyId || !secretAccessKey || !sessionToken || !expiration)
    throw new Error('STS reply without credentials');
  return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiration) };
}

/** The server's clock: rolechain's health endpoint says it; any other endpoint, the local clock. */
export async function serverNow(endpoint: string): Promise<number> {
  try {
    const res = await fetch(new URL('/_rolechain/health', endpoint), { signal: AbortSignal.timeout(2000) });
    if (res.ok) {
      const body = (await res.json()) as { now?: string };
      const t = body.now ? Date.parse(body.now) : NaN;
      if (Number.isFinite(t)) return t;
    }
  } catch {
    // not rolechain, or unreachable: fall back to the local clock
  }
  return Date.now();
}
