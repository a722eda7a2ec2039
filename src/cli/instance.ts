// `rolechain instance env <instance-id>`: the export lines that make unmodified SDKs and the AWS CLI
// on this machine behave as if they ran on that instance: its metadata service endpoint, no static
// keys, the region. The endpoint comes from the server (GET /_rolechain/ec2/imds-endpoint, signed,
// needs ec2:DescribeInstances).
import { parseArgs } from 'node:util';
import { signRequest } from '../wire/sigv4/index.js';
import { credentialsFromEnv, endpointFrom, regionFrom } from './aws-call.js';

export const INSTANCE_HELP = `Usage: rolechain instance env <instance-id> [--endpoint URL] [--region REGION]

Prints export lines for running as the instance (eval "$(rolechain instance env i-…)"):
AWS_EC2_METADATA_SERVICE_ENDPOINT (the instance's own metadata service on loopback), and unsets
the static keys so SDKs take the instance role's credentials from it.
Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
`;

export async function imdsEndpoint(
  endpoint: string,
  region: string,
  instanceId: string,
  env: NodeJS.ProcessEnv,
) {
  const url = new URL('/_rolechain/ec2/imds-endpoint', endpoint);
  const rawQuery = `InstanceId=${encodeURIComponent(instanceId)}`;
  const { headers } = signRequest(
    { method: 'GET', path: url.pathname, rawQuery, headers: { host: url.host } },
    credentialsFromEnv(env),
    { region, service: 'ec2' },
  );
  const res = await fetch(`${url.href}?${rawQuery}`, { headers });
  const body = (await res.json()) as { Endpoint?: string; __type?: string; message?: string };
  if (!res.ok || !body.Endpoint) throw new Error(`${body.__type}: ${body.message}`);
  return body.Endpoint;
}

export async function instanceCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        endpoint: { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    const [sub, id] = positionals;
    if (values.help || sub === undefined) return void process.stdout.write(INSTANCE_HELP);
    if (sub !== 'env' || !id) throw new Error(`usage: rolechain instance env <instance-id>`);
    const endpoint = endpointFrom(values.endpoint, env);
    const region = regionFrom(values.region, env);
    const imds = await imdsEndpoint(endpoint, region, id, env);
    process.stdout.write(
      [
        'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
        `export AWS_EC2_METADATA_SERVICE_ENDPOINT=${imds}`,
        'export AWS_EC2_METADATA_DISABLED=false',
        `export AWS_ENDPOINT_URL=${endpoint}`,
        `export AWS_REGION=${region}`,
        `export AWS_DEFAULT_REGION=${region}`,
        '',
      ].join('\n'),
    );
  } catch (e) {
    process.stderr.write(`rolechain instance: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
