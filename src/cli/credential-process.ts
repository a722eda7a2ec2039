// `rolechain credential-process --role ARN …`: the credential_process protocol of ~/.aws/config
// (Version 1 JSON on stdout), so any SDK or the AWS CLI can use rolechain's role chains:
//   [profile dev]
//   credential_process = npx rolechain credential-process --role arn:aws:iam::111111111111:role/Dev
import { CHAIN_HELP, RoleChain, chainOptions, parseChainArgs } from './role-chain.js';
import { serverNow } from './aws-call.js';

export const CREDENTIAL_PROCESS_HELP = `Usage: rolechain credential-process --role ARN [--role ARN …] [options]

Prints {"Version":1,"AccessKeyId",…,"Expiration"} for ~/.aws/config's credential_process.

${CHAIN_HELP}`;

export async function credentialProcessCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  try {
    const { values } = parseChainArgs(argv);
    if (values.help) return void process.stdout.write(CREDENTIAL_PROCESS_HELP);
    const o = chainOptions(values, env);
    const now = await serverNow(o.endpoint);
    const c = await new RoleChain(o).assume(now);
    // SDKs compare Expiration with their own clock: translate from the server's.
    const expiration = new Date(c.expiration.getTime() - (now - Date.now()));
    process.stdout.write(
      JSON.stringify({
        Version: 1,
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        SessionToken: c.sessionToken,
        Expiration: expiration.toISOString(),
      }) + '\n',
    );
  } catch (e) {
    process.stderr.write(`rolechain credential-process: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
