// iam:CreateOpenIDConnectProvider — the URL (https://host[/path]) becomes the ARN's resource part;
// client ids and thumbprints are optional (IAM fetches a thumbprint itself when none is given; rolechain
// validates tokens by the JWKS, so thumbprints are kept as data).
import { ConflictError } from '../../../store/errors.js';
import { AwsError } from '../../../wire/errors.js';
import { defineOperation } from '../../types.js';
import { entityAlreadyExists, invalidInput, limitExceeded } from '../errors.js';
import { KIND, type OidcProviderRecord, type Tag } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { requestTagContext, validateTags } from '../tags.js';
import { oidcProviderArn } from './GetOpenIDConnectProvider.js';

interface Input {
  Url: string;
  ClientIDList?: string[];
  ThumbprintList?: string[];
  Tags?: Tag[];
}

/** "https://Host.example.com/path/" → "host.example.com/path"; undefined when not an https URL. */
export function providerUrlId(url: string): string | undefined {
  const m = /^https:\/\/([^/?#:\s]+)(?::\d+)?(\/[^?#\s]*)?$/i.exec(url);
  if (!m) return undefined;
  const path = (m[2] ?? '').replace(/\/+$/, '');
  return m[1]!.toLowerCase() + path;
}

const THUMBPRINT_RE = /^[0-9a-fA-F]{40}$/;

export function checkThumbprints(list: readonly string[]): void {
  const max = iamQuotas().thumbprintsPerOidcProvider;
  if (list.length > max) throw invalidInput(`Thumbprint list must contain fewer than ${max} entries.`);
  for (const t of list) {
    if (!THUMBPRINT_RE.test(t)) throw invalidInput(`Thumbprint ${t} is not a valid SHA-1 hex string.`);
  }
}

export default defineOperation<Input>({
  name: 'CreateOpenIDConnectProvider',
  authz: (input, ctx) => ({
    action: 'iam:CreateOpenIDConnectProvider',
    resource: oidcProviderArn(ctx.caller.accountId, providerUrlId(input.Url) ?? input.Url),
    context: requestTagContext(input.Tags),
  }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const id = providerUrlId(input.Url);
    if (!id) throw new AwsError('ValidationError', 'Invalid Open ID Connect Provider URL');
    const clientIds = [...new Set(input.ClientIDList ?? [])];
    const thumbprints = (input.ThumbprintList ?? []).map((t) => t.toLowerCase());
    checkThumbprints(thumbprints);
    const q = iamQuotas();
    if (clientIds.length > q.clientIdsPerOidcProvider) {
      throw limitExceeded(
        `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${q.clientIdsPerOidcProvider}`,
      );
    }
    validateTags(input.Tags);
    if (input.Tags && input.Tags.length > q.tagsPerEntity) {
      throw limitExceeded('The number of tags has reached the maximum limit.');
    }
    const exists = entityAlreadyExists(`Provider with url ${input.Url} already exists.`);
    if (store.get(KIND.oidcProvider, account, id)) throw exists;
    if (store.list(KIND.oidcProvider, account).length >= q.oidcProvidersPerAccount) {
      throw limitExceeded(
        `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${q.oidcProvidersPerAccount}`,
      );
    }
    const arn = oidcProviderArn(account, id);
    const p: OidcProviderRecord = {
      arn,
      url: id,
      clientIds,
      thumbprints: [...new Set(thumbprints)],
      createDate: ctx.now.toISOString(),
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    try {
      await store.put({ kind: KIND.oidcProvider, account, id, name: id, data: p }, { ifAbsent: true });
    } catch (e) {
      if (e instanceof ConflictError) throw exists;
      throw e;
    }
    const out: Record<string, unknown> = { OpenIDConnectProviderArn: arn };
    if (p.tags.length > 0) out.Tags = p.tags;
    return out;
  },
});
