// `rolechain` command line: dispatches to subcommands. Each subcommand lives in its own file.
import { serveCommand, SERVE_HELP } from './serve.js';
import { oidcCommand } from './oidc.js';
import { samlCommand } from './saml.js';
import { revokeSessionsCommand } from './revoke-sessions.js';
import { keysCommand } from './keys.js';
import { trailCommand } from './trail.js';
import { instanceCommand } from './instance.js';
import { execCommand } from './exec.js';
import { assumeCommand } from './assume.js';
import { credentialProcessCommand } from './credential-process.js';

const HELP = `rolechain — a self-hosted, AWS-wire-compatible identity plane (IAM, STS, Organizations, …)

Usage: rolechain <command> [options]

Commands:
  serve        Start the endpoint (all services on one port). See: rolechain serve --help
  oidc token   Mint a JWT from a simulated OIDC issuer (GitHub Actions, EKS, …). See: rolechain oidc --help
  saml metadata|assertion   A simulated SAML IdP: its metadata, signed SAMLResponses. See: rolechain saml --help
  revoke-sessions --role NAME|ARN   Revoke a role's active sessions (AWSRevokeOlderSessions)
  keys rotate  Rotate the session-token sealing key. See: rolechain keys --help
  trail        The audit trail (CloudTrail events); 'trail chain KEY|ARN': who is behind a session. See: rolechain trail --help
  instance env Print the export lines to use an EC2 instance's metadata service (its role)
  exec         Run a command with a role chain served as container credentials (rolechain exec --help)
  assume       Assume a role chain and print export lines
  credential-process  A role chain as ~/.aws/config credential_process JSON
  help         Show this help

Environment:
  ROLECHAIN_ROOT_ACCESS_KEY_ID / ROLECHAIN_ROOT_SECRET_ACCESS_KEY   the management account's root key (for CI)
  ROLECHAIN_ACCOUNT_ID                                              the management account's id at first start
  ROLECHAIN_MASTER_KEY                                              base64 32-byte key sealing secrets at rest
  ROLECHAIN_SIMULATED_OIDC=off                                      turn simulated OIDC issuers and SAML IdPs off
`;

export async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'serve':
      return serveCommand(rest);
    case 'oidc':
      return oidcCommand(rest);
    case 'saml':
      return samlCommand(rest);
    case 'revoke-sessions':
      return revokeSessionsCommand(rest);
    case 'keys':
      return keysCommand(rest);
    case 'trail':
      return trailCommand(rest);
    case 'instance':
      return instanceCommand(rest);
    case 'exec':
      return execCommand(rest);
    case 'assume':
      return assumeCommand(rest);
    case 'credential-process':
      return credentialProcessCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return;
    case '--version':
    case '-v':
      process.stdout.write((await import('../server/version.js')).VERSION + '\n');
      return;
    default:
      process.stderr.write(`rolechain: unknown command '${cmd}'\n\n${HELP}`);
      process.exitCode = 2;
  }
}

export { SERVE_HELP };
