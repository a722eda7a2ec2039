// The rules that differ by kind of policy, run after the common phases (phases.ts).

import type { PolicyKind, PrincipalSpec, Statement } from './ast.js';
import { Msg, MalformedPolicyError } from './errors.js';
import { principalSpecError } from './principals.js';

function fail(message: string): never {
  throw new MalformedPolicyError(message);
}

// STS actions IAM accepts in a role trust policy. A wildcard is accepted when it can match one of them.
const TRUST_ACTIONS = [
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
  'sts:assumeroot',
  'sts:decodeauthorizationmessage',
  'sts:getaccesskeyinfo',
  'sts:getcalleridentity',
  'sts:getfederationtoken',
  'sts:getservicebearertoken',
  'sts:getsessiontoken',
];

function wildcardRegExp(pattern: string): RegExp {
  let src = '^';
  for (const ch of pattern.toLowerCase()) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(src + '$');
}

function isTrustAction(action: string): boolean {
  if (!action.includes('*') && !action.includes('?')) return TRUST_ACTIONS.includes(action.toLowerCase());
  const re = wildcardRegExp(action);
  return TRUST_ACTIONS.some((a) => re.test(a));
}

function hasResources(st: Statement): boolean {
  const list = st.resource ?? st.notResource;
  return list !== undefined && list.length > 0;
}

function checkPrincipals(st: Statement): void {
  const spec = st.principal ?? st.notPrincipal;
  if (!spec) fail(Msg.principalRequired);
  if (st.notPrincipal && st.effect !== 'Deny') fail(Msg.notPrincipalAllow);
  const e = principalSpecError(spec);
  if (e !== undefined) fail(e);
}

function isBareWildcard(p: PrincipalSpec | undefined): boolean {
  return (
    p !== undefined &&
    p.wildcard &&
    p.aws.length === 0 &&
    p.service.length === 0 &&
    p.federated.length === 0 &&
    p.canonicalUser.length === 0
  );
}

export interface KindOptions {
  awsManaged: boolean;
}

export function runKindRules(kind: PolicyKind, statements: readonly Statement[], opts: KindOptions): void {
  for (const st of statements) {
    switch (kind) {
      case 'identity':
      case 'boundary':
      case 'session':
      case 'scp':
        if (st.principal || st.notPrincipal) fail(Msg.noPrincipalAllowed);
        if (!hasResources(st)) fail(Msg.noResources);
        break;
      case 'resource':
        checkPrincipals(st);
        if (!hasResources(st)) fail(Msg.noResources);
        break;
      case 'trust':
        if (!st.action || !st.action.every(isTrustAction)) fail(Msg.trustActions);
        if (st.resource || st.notResource) fail(Msg.resourceProhibited);
        checkPrincipals(st);
        break;
      case 'rcp':
        // RCPs: Principal is always "*", no NotPrincipal/NotAction, and only AWS's own
        // RCPFullAWSAccess may Allow.
        if (!isBareWildcard(st.principal) || st.notPrincipal) fail(Msg.organizations);
        if (st.notAction) fail(Msg.organizations);
        if (st.effect === 'Allow' && !opts.awsManaged) fail(Msg.organizations);
        if (!hasResources(st)) fail(Msg.noResources);
        break;
    }
  }
}
