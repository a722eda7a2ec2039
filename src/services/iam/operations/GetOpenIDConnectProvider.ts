// iam:GetOpenIDConnectProvider — URL (without scheme), client ids, thumbprints, tags. Also the helpers
// the other OIDC-provider operations share. Providers are stored under the ARN's resource part
// (host/path), which is also their unique name.
import type { Store } from '../../../store/index.js';
import { VersionConflictError } from '../../../store/errors.js';
import type { AuthzCheck, OperationContext } from '../../types.js';
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { KIND, type OidcProviderRecord } from '../model.js';

const OIDC_ARN_RE = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/;

export const noSuchOidcProvider = (arn: string) =>
  noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);

export function oidcProviderArn(account: string, url: string): string {
  return `arn:aws:iam::${account}:oidc-provider/${url}`;
}

/** The stored provider an ARN names in the caller's account, or undefined. */
export function findOidcProvider(
  store: Store,
  account: string,
  arn: string,
): { id: string; version: number; data: OidcProviderRecord } | undefined {
  const m = OIDC_ARN_RE.exec(arn);
  if (!m || m[1] !== account) return undefined;
  return store.get<OidcProviderRecord>(KIND.oidcProvider, account, m[2]!);
}

export function requireOidcProvider(store: Store, account: string, arn: string): OidcProviderRecord {
  const p = findOidcProvider(store, account, arn)?.data;
  if (!p) throw noSuchOidcProvider(arn);
  return p;
}

export function oidcCheck(
  ctx: OperationContext,
  action: string,
  arn: string,
  context: AuthzCheck['context'] = {},
) {
  const p = findOidcProvider(ctx.env.store, ctx.caller.accountId, arn)?.data;
  const tagKeys: NonNullable<AuthzCheck['context']> = {};
  for (const t of p?.tags ?? []) tagKeys[`aws:ResourceTag/${t.Key}`] = t.Value;
  return { action: `iam:${action}`, resource: arn, context: { ...tagKeys, ...context } };
}

/** Read-modify-write of a provider with optimistic concurrency. */
export async function mutateOidcProvider(
  store: Store,
  account: string,
  arn: string,
  change: (p: OidcProviderRecord) => void,
): Promise<OidcProviderRecord> {
  for (let attempt = 0; ; attempt++) {
    const rec = findOidcProvider(store, account, arn);
    if (!rec) throw noSuchOidcProvider(arn);
    const p = structuredClone(rec.data) as OidcProviderRecord;
    change(p);
    try {
      await store.put(
        { kind: KIND.oidcProvider, account, id: rec.id, name: rec.id, data: p },
        { expectVersion: rec.version },
      );
      return p;
    } catch (e) {
      if (!(e instanceof VersionConflictError) || attempt >= 20) throw e;
    }
  }
}

interface Input {
  OpenIDConnectProviderArn: string;
}

export default defineOperation<Input>({
  name: 'GetOpenIDConnectProvider',
  readOnly: true,
  authz: (input, ctx) => oidcCheck(ctx, 'GetOpenIDConnectProvider', input.OpenIDConnectProviderArn),
  handler(ctx, input) {
    const p = requireOidcProvider(ctx.env.store, ctx.caller.accountId, input.OpenIDConnectProviderArn);
    const out: Record<string, unknown> = {
      Url: p.url,
      ClientIDList: [...p.clientIds],
      ThumbprintList: [...p.thumbprints],
      CreateDate: new Date(p.createDate),
    };
    if (p.tags.length > 0) out.Tags = p.tags.map((t) => ({ Key: t.Key, Value: t.Value }));
    return out;
  },
});
