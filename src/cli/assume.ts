// `rolechain assume --role ARN [--role ARN …]`: assumes the chain and prints shell export lines.
import { CHAIN_HELP, RoleChain, chainOptions, parseChainArgs } from './role-chain.js';
import { serverNow } from './aws-call.js';

export const ASSUME_HELP = `Usage: rolechain assume --role ARN [--role ARN …] [options]

Assumes the roles in order and prints export lines for the last session:
  eval "$(rolechain assume --role arn:aws:iam::111111111111:role/Dev)"

${CHAIN_HELP}`;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function assumeCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const { values } = parseChainArgs(argv);
    if (values.help) return void process.stdout.write(ASSUME_HELP);
    const o = chainOptions(values, env);
    const c = await new RoleChain(o).assume(await serverNow(o.endpoint));
    process.stdout.write(
      [
        `export AWS_ACCESS_KEY_ID=${quote(c.accessKeyId)}`,
        `export AWS_SECRET_ACCESS_KEY=${quote(c.secretAccessKey)}`,
        `export AWS_SESSION_TOKEN=${quote(c.sessionToken)}`,
        `export AWS_CREDENTIAL_EXPIRATION=${quote(c.expiration.toISOString())}`,
        '',
      ].join('\n'),
    );
  } catch (e) {
    process.stderr.write(`rolechain assume: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
