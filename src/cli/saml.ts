// `rolechain saml metadata|assertion`: rolechain's simulated SAML identity provider, for tests and CI
// that exercise real AssumeRoleWithSAML trust policies offline. `metadata` prints the IdP metadata XML
// (with the signing certificate the server holds for that entity id in the caller's account) to upload
// with `aws iam create-saml-provider`; `assertion` prints a base64 signed SAMLResponse for
// `aws sts assume-role-with-saml`. Requests are SigV4-signed with the caller's credentials
// (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN); minting needs an allow for
// rolechain:MintSamlAssertion.
import { parseArgs } from 'node:util';
import { rolechainJsonCall } from './aws-call.js';
import { pickSubcommand } from './subcommand.js';
import { parseDuration } from './oidc.js';

export const SAML_HELP = `Usage: rolechain saml metadata  --entity-id ID [--sso-url URL]
       rolechain saml assertion --entity-id ID --role-arn ARN --provider-arn ARN --sub SUBJECT [options]

metadata   prints the IdP metadata XML of the simulated IdP ID (for iam create-saml-provider)
assertion  prints a base64 SAMLResponse signed by that IdP (for sts assume-role-with-saml)

Options:
  --endpoint URL         the rolechain server (default: $AWS_ENDPOINT_URL, $ROLECHAIN_URL, http://127.0.0.1:4566)
  --entity-id ID         the IdP's entity id (the assertion's Issuer), e.g. urn:example:idp
  --role-arn ARN         the role to assume (repeatable, paired in order with --provider-arn)
  --provider-arn ARN     the IAM SAML provider (repeatable)
  --sub SUBJECT          the NameID
  --name-id-format URI   default urn:oasis:names:tc:SAML:2.0:nameid-format:persistent
  --session-name NAME    the RoleSessionName attribute (default: SUBJECT)
  --attr KEY=VALUE       an attribute, repeatable; a bare KEY is https://aws.amazon.com/SAML/Attributes/KEY
                         (SourceIdentity, PrincipalTag:team, TransitiveTagKeys, SessionDuration), a KEY
                         starting with urn: or https:// is taken as is (e.g. urn:oid:2.5.4.42)
  --expires-in TIME      NotOnOrAfter: 90s, 5m or seconds (default and at most 5m: AWS redeems an
                         assertion only within 5 minutes of issuance)
  --region REGION        SigV4 region (default: $AWS_REGION, us-east-1)
  --json                 print the whole reply

Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
`;

export interface SamlClientOptions {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Calls a signed /_rolechain/saml/ route; throws with the server's error code and message. */
export async function samlCall(
  o: SamlClientOptions,
  route: 'metadata' | 'assertion',
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return rolechainJsonCall(o, `/_rolechain/saml/${route}`, payload, `rolechain saml ${route}`);
}

export interface AssertionOptions extends SamlClientOptions {
  entityId: string;
  roles: { roleArn: string; providerArn: string }[];
  sub: string;
  sessionName?: string;
  nameIdFormat?: string;
  attributes?: Record<string, string[]>;
  expiresInSeconds?: number;
}

/** The base64 SAMLResponse for AssumeRoleWithSAML. */
export async function mintSamlAssertion(o: AssertionOptions): Promise<string> {
  const r = await samlCall(o, 'assertion', {
    EntityId: o.entityId,
    Subject: o.sub,
    Roles: o.roles.map((r) => `${r.roleArn},${r.providerArn}`),
    SessionName: o.sessionName ?? o.sub,
    NameIdFormat: o.nameIdFormat,
    Attributes: o.attributes,
    ExpiresInSeconds: o.expiresInSeconds,
  });
  return String(r.SAMLResponse);
}

export async function samlMetadata(
  o: SamlClientOptions & { entityId: string; ssoUrl?: string },
): Promise<string> {
  const r = await samlCall(o, 'metadata', { EntityId: o.entityId, SsoUrl: o.ssoUrl });
  return String(r.Metadata);
}

/** KEY=VALUE pairs to attribute name → values (repeated keys accumulate). */
export function parseAttributes(pairs: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`invalid --attr '${p}' (use KEY=VALUE)`);
    (out[p.slice(0, i)] ??= []).push(p.slice(i + 1));
  }
  return out;
}

export async function samlCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const picked = pickSubcommand('saml', argv, ['metadata', 'assertion'], SAML_HELP);
  if (!picked) return;
  const { sub, rest } = picked;
  const { values } = parseArgs({
    args: rest,
    options: {
      endpoint: { type: 'string' },
      'entity-id': { type: 'string' },
      'sso-url': { type: 'string' },
      'role-arn': { type: 'string', multiple: true },
      'provider-arn': { type: 'string', multiple: true },
      sub: { type: 'string' },
      'name-id-format': { type: 'string' },
      'session-name': { type: 'string' },
      attr: { type: 'string', multiple: true },
      'expires-in': { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SAML_HELP);
    return;
  }
  const fail = (msg: string) => {
    process.stderr.write(`rolechain saml ${sub}: ${msg}\n`);
    process.exitCode = 2;
  };
  const entityId = values['entity-id'];
  if (!entityId) return fail('--entity-id is required');
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    return fail('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set');
  const client: SamlClientOptions = {
    endpoint: values.endpoint ?? env.AWS_ENDPOINT_URL ?? env.ROLECHAIN_URL ?? 'http://127.0.0.1:4566',
    region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined },
  };
  try {
    if (sub === 'metadata') {
      const r = await samlCall(client, 'metadata', { EntityId: entityId, SsoUrl: values['sso-url'] });
      process.stdout.write(values.json ? JSON.stringify(r, null, 2) + '\n' : String(r.Metadata));
      return;
    }
    const roleArns = values['role-arn'] ?? [];
    const providerArns = values['provider-arn'] ?? [];
    if (!roleArns.length) return fail('--role-arn is required');
    if (roleArns.length !== providerArns.length) return fail('give one --provider-arn per --role-arn');
    if (!values.sub) return fail('--sub is required');
    let attributes: Record<string, string[]> | undefined;
    let expiresInSeconds: number | undefined;
    try {
      if (values.attr?.length) attributes = parseAttributes(values.attr);
      if (values['expires-in'] !== undefined) expiresInSeconds = parseDuration(values['expires-in']);
    } catch (e) {
      return fail((e as Error).message);
    }
    const r = await samlCall(client, 'assertion', {
      EntityId: entityId,
      Subject: values.sub,
      Roles: roleArns.map((r, i) => `${r},${providerArns[i]}`),
      SessionName: values['session-name'] ?? values.sub,
      NameIdFormat: values['name-id-format'],
      Attributes: attributes,
      ExpiresInSeconds: expiresInSeconds,
    });
    process.stdout.write(values.json ? JSON.stringify(r, null, 2) + '\n' : String(r.SAMLResponse) + '\n');
  } catch (e) {
    process.stderr.write(`rolechain saml ${sub}: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
