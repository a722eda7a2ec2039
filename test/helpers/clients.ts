// Real AWS clients for end-to-end tests: python3 + boto3 and Debian's AWS CLI (/usr/bin/aws).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Creds {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
}

function awsEnv(c: Creds): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: c.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    AWS_DEFAULT_REGION: c.region ?? 'us-east-1',
    AWS_REGION: c.region ?? 'us-east-1',
    AWS_ENDPOINT_URL: c.url,
    ROLECHAIN_URL: c.url,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  if (c.sessionToken) env.AWS_SESSION_TOKEN = c.sessionToken;
  return env;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a python3 script (boto3 available) with the credentials in its environment. */
export function python(script: string, c: Creds, extraEnv: Record<string, string> = {}): RunResult {
  const r = spawnSync('python3', ['-c', script], {
    env: { ...awsEnv(c), ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const AWS_CLI = '/usr/bin/aws';
export const hasAwsCli = existsSync(AWS_CLI);

/** Runs Debian's AWS CLI v2 (which predates AWS_ENDPOINT_URL, hence --endpoint-url). */
export function awsCli(args: string[], c: Creds, extraEnv: Record<string, string> = {}): RunResult {
  const r = spawnSync(AWS_CLI, ['--endpoint-url', c.url, '--output', 'json', ...args], {
    env: { ...awsEnv(c), ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
