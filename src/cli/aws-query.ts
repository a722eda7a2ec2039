// A minimal signed AWS query-protocol call (IAM, STS) for rolechain's own commands, so they need no
// SDK: form-encoded POST, SigV4 with the caller's credentials, the XML error's Code and Message.
import { signRequest } from '../wire/sigv4/index.js';

export interface CliCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface QueryCall {
  endpoint: string;
  region: string;
  service: 'iam' | 'sts';
  credentials: CliCredentials;
  action: string;
  params: Record<string, string>;
}

const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' } as const;

export class AwsCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The endpoint, region and credentials the CLI uses, from flags or the AWS environment variables. */
export function cliTarget(
  env: NodeJS.ProcessEnv,
  flags: { endpoint?: string; region?: string },
): { endpoint: string; region: string; credentials: CliCredentials } {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');
  return {
    endpoint: flags.endpoint ?? env.AWS_ENDPOINT_URL ?? env.ROLECHAIN_URL ?? 'http://127.0.0.1:4566',
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined },
  };
}

const unxml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Sends the call; resolves to the XML reply, throws AwsCallError with AWS's code and message. */
export async function queryCall(c: QueryCall): Promise<string> {
  const url = new URL('/', c.endpoint);
  const body = new URLSearchParams({
    Action: c.action,
    Version: VERSIONS[c.service],
    ...c.params,
  }).toString();
  const { headers } = signRequest(
    {
      method: 'POST',
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    },
    c.credentials,
    { region: c.region, service: c.service },
  );
  const res = await fetch(url, { method: 'POST', headers: headers as Record<string, string>, body });
  const text = await res.text();
  if (!res.ok) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${res.status}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
    throw new AwsCallError(unxml(code), unxml(message), res.status);
  }
  return text;
}
