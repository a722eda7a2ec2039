import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCtx, call, rejects, trust, ACCOUNT } from './helpers.js';
import CreateOpenIDConnectProvider from '../../../../src/services/iam/operations/CreateOpenIDConnectProvider.js';
import GetOpenIDConnectProvider from '../../../../src/services/iam/operations/GetOpenIDConnectProvider.js';
import ListOpenIDConnectProviders from '../../../../src/services/iam/operations/ListOpenIDConnectProviders.js';
import DeleteOpenIDConnectProvider from '../../../../src/services/iam/operations/DeleteOpenIDConnectProvider.js';
import AddClientID from '../../../../src/services/iam/operations/AddClientIDToOpenIDConnectProvider.js';
import RemoveClientID from '../../../../src/services/iam/operations/RemoveClientIDFromOpenIDConnectProvider.js';
import UpdateThumbprint from '../../../../src/services/iam/operations/UpdateOpenIDConnectProviderThumbprint.js';
import TagOidc from '../../../../src/services/iam/operations/TagOpenIDConnectProvider.js';
import UntagOidc from '../../../../src/services/iam/operations/UntagOpenIDConnectProvider.js';
import ListOidcTags from '../../../../src/services/iam/operations/ListOpenIDConnectProviderTags.js';
import CreateSAMLProvider from '../../../../src/services/iam/operations/CreateSAMLProvider.js';
import GetSAMLProvider from '../../../../src/services/iam/operations/GetSAMLProvider.js';
import ListSAMLProviders from '../../../../src/services/iam/operations/ListSAMLProviders.js';
import UpdateSAMLProvider from '../../../../src/services/iam/operations/UpdateSAMLProvider.js';
import DeleteSAMLProvider from '../../../../src/services/iam/operations/DeleteSAMLProvider.js';
import TagSaml from '../../../../src/services/iam/operations/TagSAMLProvider.js';
import ListSamlTags from '../../../../src/services/iam/operations/ListSAMLProviderTags.js';
import CreateRole from '../../../../src/services/iam/operations/CreateRole.js';
import { providerUrlId } from '../../../../src/services/iam/operations/CreateOpenIDConnectProvider.js';

const GH = 'https://token.actions.githubusercontent.com';
const GH_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const TP = 'a'.repeat(40);

test('OIDC provider: ARN from the URL, get, list, client ids, thumbprints, idempotent delete', async () => {
  const ctx = await newCtx();
  const out = (await call(CreateOpenIDConnectProvider, ctx, {
    Url: GH,
    ClientIDList: ['sts.amazonaws.com'],
  })) as Record<string, unknown>;
  assert.equal(out.OpenIDConnectProviderArn, GH_ARN);
  assert.equal(ctx.checks.at(-1)!.resource, GH_ARN);
  await rejects(
    ctx,
    CreateOpenIDConnectProvider,
    { Url: GH },
    'EntityAlreadyExists',
    `Provider with url ${GH} already exists.`,
    409,
  );
  await rejects(ctx, CreateOpenIDConnectProvider, { Url: 'http://insecure.example.com' }, 'ValidationError');
  let got = (await call(GetOpenIDConnectProvider, ctx, { OpenIDConnectProviderArn: GH_ARN })) as Record<
    string,
    unknown
  >;
  assert.equal(got.Url, 'token.actions.githubusercontent.com');
  assert.deepEqual(got.ClientIDList, ['sts.amazonaws.com']);
  assert.deepEqual(got.ThumbprintList, []);
  assert.ok(got.CreateDate instanceof Date);

  await call(AddClientID, ctx, { OpenIDConnectProviderArn: GH_ARN, ClientID: 'app' });
  await call(AddClientID, ctx, { OpenIDConnectProviderArn: GH_ARN, ClientID: 'app' });
  await call(RemoveClientID, ctx, { OpenIDConnectProviderArn: GH_ARN, ClientID: 'sts.amazonaws.com' });
  await call(RemoveClientID, ctx, { OpenIDConnectProviderArn: GH_ARN, ClientID: 'never-there' });
  await call(UpdateThumbprint, ctx, { OpenIDConnectProviderArn: GH_ARN, ThumbprintList: [TP] });
  await rejects(
    ctx,
    UpdateThumbprint,
    {
      OpenIDConnectProviderArn: GH_ARN,
      ThumbprintList: Array.from({ length: 6 }, (_, i) => String(i).repeat(40)),
    },
    'InvalidInput',
  );
  got = (await call(GetOpenIDConnectProvider, ctx, { OpenIDConnectProviderArn: GH_ARN })) as Record<
    string,
    unknown
  >;
  assert.deepEqual(got.ClientIDList, ['app']);
  assert.deepEqual(got.ThumbprintList, [TP]);

  await call(TagOidc, ctx, { OpenIDConnectProviderArn: GH_ARN, Tags: [{ Key: 'a', Value: 'b' }] });
  assert.deepEqual(
    ((await call(ListOidcTags, ctx, { OpenIDConnectProviderArn: GH_ARN })) as { Tags: unknown }).Tags,
    [{ Key: 'a', Value: 'b' }],
  );
  await call(UntagOidc, ctx, { OpenIDConnectProviderArn: GH_ARN, TagKeys: ['a'] });

  // Trust policies may now name it.
  await call(CreateRole, ctx, {
    RoleName: 'GitHub',
    AssumeRolePolicyDocument: trust({ Federated: GH_ARN }, 'sts:AssumeRoleWithWebIdentity'),
  });

  const list = (await call(ListOpenIDConnectProviders, ctx, {})) as { OpenIDConnectProviderList: unknown[] };
  assert.deepEqual(list.OpenIDConnectProviderList, [{ Arn: GH_ARN }]);
  await call(DeleteOpenIDConnectProvider, ctx, { OpenIDConnectProviderArn: GH_ARN });
  await call(DeleteOpenIDConnectProvider, ctx, { OpenIDConnectProviderArn: GH_ARN });
  await rejects(
    ctx,
    GetOpenIDConnectProvider,
    { OpenIDConnectProviderArn: GH_ARN },
    'NoSuchEntity',
    `OpenIDConnect Provider not found for arn ${GH_ARN}`,
    404,
  );
  await rejects(ctx, AddClientID, { OpenIDConnectProviderArn: GH_ARN, ClientID: 'x' }, 'NoSuchEntity');
});

test('OIDC provider URL → ARN resource part', () => {
  const cases: [string, string | undefined][] = [
    ['https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['https://Example.COM/path/to/', 'example.com/path/to'],
    ['https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF', 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF'],
    ['https://host:8443/x', 'host/x'],
    ['http://example.com', undefined],
    ['example.com', undefined],
    ['https://', undefined],
  ];
  for (const [url, want] of cases) assert.equal(providerUrlId(url), want, url);
});

function metadata(extra = ''): string {
  const cert = 'MIIC'.padEnd(1200, 'A');
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"${extra}>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

test('SAML provider: create, get, list, update, tags, delete; metadata validated', async () => {
  const ctx = await newCtx();
  const arn = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;
  const out = (await call(CreateSAMLProvider, ctx, {
    Name: 'Okta',
    SAMLMetadataDocument: metadata(),
  })) as Record<string, unknown>;
  assert.equal(out.SAMLProviderArn, arn);
  await rejects(
    ctx,
    CreateSAMLProvider,
    { Name: 'okta', SAMLMetadataDocument: metadata() },
    'EntityAlreadyExists',
  );
  await rejects(
    ctx,
    CreateSAMLProvider,
    { Name: 'Bad', SAMLMetadataDocument: 'x'.repeat(1200) },
    'InvalidInput',
    'Could not parse metadata',
  );
  await rejects(
    ctx,
    CreateSAMLProvider,
    { Name: 'Bad', SAMLMetadataDocument: metadata().replace('</md:IDPSSODescriptor>', '') },
    'InvalidInput',
    'Could not parse metadata',
  );
  const got = (await call(GetSAMLProvider, ctx, { SAMLProviderArn: arn })) as Record<string, unknown>;
  assert.equal(got.SAMLMetadataDocument, metadata());
  assert.match(String(got.SAMLProviderUUID), /^[A-Z0-9]{22,64}$/);
  assert.ok((got.ValidUntil as Date).getTime() > Date.now() + 50 * 365 * 86400e3);

  await call(UpdateSAMLProvider, ctx, {
    SAMLProviderArn: arn,
    SAMLMetadataDocument: metadata(' validUntil="2030-01-01T00:00:00Z"'),
  });
  const list = (await call(ListSAMLProviders, ctx, {})) as {
    SAMLProviderList: { Arn: string; ValidUntil: Date }[];
  };
  assert.equal(list.SAMLProviderList.length, 1);
  assert.equal(list.SAMLProviderList[0]!.ValidUntil.toISOString(), '2030-01-01T00:00:00.000Z');

  await call(TagSaml, ctx, { SAMLProviderArn: arn, Tags: [{ Key: 'k', Value: 'v' }] });
  assert.deepEqual(((await call(ListSamlTags, ctx, { SAMLProviderArn: arn })) as { Tags: unknown }).Tags, [
    { Key: 'k', Value: 'v' },
  ]);

  await call(CreateRole, ctx, {
    RoleName: 'Fed',
    AssumeRolePolicyDocument: trust({ Federated: arn }, 'sts:AssumeRoleWithSAML'),
  });
  await call(DeleteSAMLProvider, ctx, { SAMLProviderArn: arn });
  await rejects(
    ctx,
    GetSAMLProvider,
    { SAMLProviderArn: arn },
    'NoSuchEntity',
    `Manifest not found for arn ${arn}`,
    404,
  );
  await rejects(ctx, DeleteSAMLProvider, { SAMLProviderArn: arn }, 'NoSuchEntity');
});
