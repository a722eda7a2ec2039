// sts:AssumeRoleWithWebIdentity — unsigned. The token is verified against the IAM OIDC provider of the
// role's account (see ../oidc/verify.ts), then the role's trust policy is evaluated by the engine for a
// web-identity principal (Federated = the provider ARN) with the provider's condition keys
// (<url>:aud, <url>:sub, …). Session tags and a source identity may come from the token's
// https://aws.amazon.com/tags and https://aws.amazon.com/source_identity claims, as in AWS.
import { checkSessionPolicies } from '../session-policies.js';
import { defineOperation } from '../../types.js';
import { AwsError, accessDenied } from '../../../wire/errors.js';
import { federatedTrustAllows } from '../federated-trust.js';
import { getRoleByName, type Tag } from '../../iam/model.js';
import { issueSession } from '../issue-session.js';
import { verifyWebIdentityToken, webIdentityContextKeys, type VerifiedWebIdentity } from '../oidc/verify.js';
import { idpRejectedClaim } from '../oidc/errors.js';

interface Input {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  ProviderId?: string;
  PolicyArns?: { arn?: string }[];
  Policy?: string;
  DurationSeconds?: number;
}

const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role(\/(?:[\u0021-\u007E]+\/)?)?([\w+=,.@-]+)$/;
const ACTION = 'sts:AssumeRoleWithWebIdentity';
const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';
const SOURCE_IDENTITY_RE = /^[\w+=,.@-]{2,64}$/;

const notAuthorized = () => accessDenied(`Not authorized to perform ${ACTION}`);

/** Session tags from the token's https://aws.amazon.com/tags claim (principal_tags: {key: [value]}). */
export function tokenSessionTags(claims: Record<string, unknown>): { tags: Tag[]; transitive: string[] } {
  const raw = claims[TAGS_CLAIM];
  if (raw === undefined) return { tags: [], transitive: [] };
  const bad = () => idpRejectedClaim(`The ${TAGS_CLAIM} claim is not valid.`);
  if (typeof raw !== 'object' || raw === null) throw bad();
  const { principal_tags: pt, transitive_tag_keys: tk } = raw as {
    principal_tags?: unknown;
    transitive_tag_keys?: unknown;
  };
  const tags: Tag[] = [];
  if (pt !== undefined) {
    if (typeof pt !== 'object' || pt === null) throw bad();
    for (const [k, v] of Object.entries(pt)) {
      const value = Array.isArray(v) ? v[0] : v;
      if (typeof value !== 'string' || k.length < 1 || k.length > 128 || value.length > 256) throw bad();
      tags.push({ Key: k, Value: value });
    }
  }
  if (tags.length > 50) throw bad();
  let transitive: string[] = [];
  if (tk !== undefined) {
    if (!Array.isArray(tk) || !tk.every((k) => typeof k === 'string')) throw bad();
    transitive = tk as string[];
    const keys = new Set(tags.map((t) => t.Key.toLowerCase()));
    if (transitive.some((k) => !keys.has(k.toLowerCase()))) throw bad();
  }
  return { tags, transitive };
}

export default defineOperation<Input>({
  name: 'AssumeRoleWithWebIdentity',
  anonymous: true,
  async handler(ctx, input) {
    const { env } = ctx;
    const m = ROLE_ARN_RE.exec(input.RoleArn);
    if (!m) throw new AwsError('ValidationError', `${input.RoleArn} is invalid`);
    const account = m[1]!;
    const v: VerifiedWebIdentity = await verifyWebIdentityToken(
      env,
      input.WebIdentityToken,
      account,
      ctx.now.getTime(),
    );

    const role = getRoleByName(env.store, account, m[3]!);
    if (!role || role.arn !== input.RoleArn) throw notAuthorized();
    const duration = input.DurationSeconds ?? 3600;
    if (duration > role.maxSessionDuration) {
      throw new AwsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }

    const { tags, transitive } = tokenSessionTags(v.claims);
    const { policyArns, packed } = checkSessionPolicies(
      env.store,
      account,
      input.Policy,
      input.PolicyArns,
      tags,
    );
    const sourceIdentity = v.claims[SOURCE_IDENTITY_CLAIM];
    if (
      sourceIdentity !== undefined &&
      (typeof sourceIdentity !== 'string' || !SOURCE_IDENTITY_RE.test(sourceIdentity))
    ) {
      throw idpRejectedClaim(`The ${SOURCE_IDENTITY_CLAIM} claim is not valid.`);
    }

    const allowed = federatedTrustAllows(ctx, {
      principalType: 'WebIdentity',
      action: ACTION,
      providerArn: v.provider.arn,
      role,
      account,
      providerKeys: webIdentityContextKeys(v),
      sessionName: input.RoleSessionName,
      tags,
      transitive,
      sourceIdentity: sourceIdentity as string | undefined,
    });
    if (!allowed) throw notAuthorized();

    const now = ctx.now.getTime();
    const arn = `arn:aws:sts::${account}:assumed-role/${role.roleName}/${input.RoleSessionName}`;
    const userId = `${role.roleId}:${input.RoleSessionName}`;
    const { Credentials } = issueSession(env, {
      account,
      type: 'WebIdentityUser',
      arn,
      userId,
      role: { arn: role.arn, id: role.roleId, name: role.roleName, path: role.path },
      sessionName: input.RoleSessionName,
      iat: now,
      exp: now + duration * 1000,
      policy: input.Policy,
      policyArns: policyArns.length ? policyArns : undefined,
      tags: tags.length ? tags : undefined,
      transitiveTagKeys: transitive.length ? transitive : undefined,
      sourceIdentity: sourceIdentity as string | undefined,
      depth: 1,
      origin: { arn: v.provider.arn, provider: v.provider.arn, subject: v.subject },
    });
    return {
      Credentials,
      SubjectFromWebIdentityToken: v.subject,
      AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
      PackedPolicySize: input.Policy !== undefined || policyArns.length || tags.length ? packed : undefined,
      Provider: v.provider.arn,
      Audience: v.audience,
      SourceIdentity: sourceIdentity as string | undefined,
    };
  },
});
