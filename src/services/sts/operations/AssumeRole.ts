// sts:AssumeRole. The role's trust policy is the resource policy of the request, evaluated by the
// engine together with the caller's own policies (which AWS requires across accounts, and when the
// trust names only the account). Role chaining caps the session at one hour; a configurable maximum
// chain depth stops runaway chains. Session policies, tags (transitive ones carried down the chain),
// SourceIdentity (fixed once set) and MFA become part of the sealed session.
import { checkSessionPolicies } from '../session-policies.js';
import { defineOperation, type OperationContext } from '../../types.js';
import { AwsError, accessDenied } from '../../../wire/errors.js';
import { getRoleByName, type RoleRecord, type Tag } from '../../iam/model.js';
import { compiledDocument } from '../../iam/principal-policies.js';
import { issueSession } from '../issue-session.js';
import type { SessionClaims } from '../session-token.js';
import type { SessionInfo } from '../authenticate-session.js';
import { verifyMfaCode } from '../mfa.js';

interface Input {
  RoleArn: string;
  RoleSessionName: string;
  PolicyArns?: { arn?: string }[];
  Policy?: string;
  DurationSeconds?: number;
  Tags?: Tag[];
  TransitiveTagKeys?: string[];
  ExternalId?: string;
  SerialNumber?: string;
  TokenCode?: string;
  SourceIdentity?: string;
}

const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]+)$/;
const CHAIN_LIMIT_S = 3600;

function parseRoleArn(arn: string): { account: string; name: string } | undefined {
  const m = ROLE_ARN_RE.exec(arn);
  return m ? { account: m[1]!, name: m[2]! } : undefined;
}

function sessionOf(ctx: OperationContext): SessionInfo | undefined {
  return ctx.caller.session as SessionInfo | undefined;
}

/** Tags the new session starts with: the caller's transitive tags, which the request may not override. */
function sessionTags(ctx: OperationContext, input: Input): { tags: Tag[]; transitive: string[] } {
  const parent = sessionOf(ctx)?.claims;
  const inheritedKeys = new Set((parent?.transitiveTagKeys ?? []).map((k) => k.toLowerCase()));
  const inherited = (parent?.tags ?? []).filter((t) => inheritedKeys.has(t.Key.toLowerCase()));
  const requested = input.Tags ?? [];
  const seen = new Set<string>();
  for (const t of requested) {
    const k = t.Key.toLowerCase();
    if (seen.has(k))
      throw new AwsError(
        'InvalidParameterValue',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    seen.add(k);
    if (inheritedKeys.has(k)) {
      throw new AwsError(
        'InvalidParameterValue',
        "One or more of the specified transitive tag keys can't be set because it conflicts with a transitive tag key of the calling session.",
      );
    }
  }
  for (const k of input.TransitiveTagKeys ?? []) {
    if (!seen.has(k.toLowerCase())) {
      throw new AwsError(
        'InvalidParameterValue',
        'The specified transitive tag key must be included in the requested tags.',
      );
    }
  }
  return {
    tags: [...inherited, ...requested.map((t) => ({ Key: t.Key, Value: t.Value }))],
    transitive: [...inheritedKeys].length
      ? [...(parent?.transitiveTagKeys ?? []), ...(input.TransitiveTagKeys ?? [])]
      : [...(input.TransitiveTagKeys ?? [])],
  };
}

function checkDuration(role: RoleRecord, chained: boolean, requested: number | undefined): number {
  const d = requested ?? 3600;
  if (chained && d > CHAIN_LIMIT_S) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (d > role.maxSessionDuration) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  return d;
}

export default defineOperation<Input>({
  name: 'AssumeRole',
  async handler(ctx, input) {
    const caller = ctx.caller;
    const { env } = ctx;
    if (caller.type === 'Root') throw accessDenied('Roles may not be assumed by root accounts.');
    const notAuthorized = () =>
      accessDenied(
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      );
    const target = parseRoleArn(input.RoleArn);
    if (!target) {
      throw new AwsError('ValidationError', `${input.RoleArn} is invalid`);
    }
    const role = getRoleByName(env.store, target.account, target.name);
    if (!role) throw notAuthorized();

    const parent = sessionOf(ctx)?.claims;
    const chained = caller.type === 'AssumedRole' && parent !== undefined;
    const depth = (chained ? parent.depth : 0) + 1;
    if (depth > env.config.maxChainDepth) {
      throw accessDenied(
        `Role chain too long: assuming ${input.RoleArn} would make a chain of ${depth} roles; the maximum is ${env.config.maxChainDepth} (rolechain serve --max-chain-depth).`,
      );
    }
    const duration = checkDuration(role, chained, input.DurationSeconds);

    // Session policies are validated as such and must fit the packed size.
    const { tags, transitive } = sessionTags(ctx, input);
    const { policyArns, packed } = checkSessionPolicies(
      env.store,
      target.account,
      input.Policy,
      input.PolicyArns,
      tags,
    );

    // Source identity: set once, then carried down the chain unchanged.
    const inheritedSource = parent?.sourceIdentity;
    if (
      input.SourceIdentity !== undefined &&
      inheritedSource !== undefined &&
      input.SourceIdentity !== inheritedSource
    ) {
      throw accessDenied(
        `The source identity of the calling session can't be changed (it is ${inheritedSource}).`,
      );
    }
    const sourceIdentity = inheritedSource ?? input.SourceIdentity;

    let mfa: SessionClaims['mfa'] = parent?.mfa;
    if (input.SerialNumber !== undefined || input.TokenCode !== undefined) {
      if (!input.SerialNumber || !input.TokenCode) {
        throw new AwsError('ValidationError', 'SerialNumber and TokenCode must be specified together.');
      }
      verifyMfaCode(ctx, input.SerialNumber, input.TokenCode);
      mfa = { authTime: ctx.now.getTime() };
    }

    const trust = compiledDocument(role.assumeRolePolicyDocument, 'trust', { arn: role.arn });
    const context: Record<string, string | string[] | boolean | undefined> = {
      'sts:RoleSessionName': input.RoleSessionName,
      'sts:ExternalId': input.ExternalId,
      'sts:SourceIdentity': input.SourceIdentity,
      'aws:MultiFactorAuthPresent': mfa !== undefined ? true : undefined,
    };
    if (input.Tags?.length) {
      context['aws:TagKeys'] = input.Tags.map((t) => t.Key);
      for (const t of input.Tags) context[`aws:RequestTag/${t.Key}`] = t.Value;
    }
    if (input.TransitiveTagKeys?.length) context['sts:TransitiveTagKeys'] = input.TransitiveTagKeys;
    const check = { resource: role.arn, resourceAccount: target.account, resourcePolicy: trust, context };
    try {
      ctx.authorize({ action: 'sts:AssumeRole', ...check });
      if (input.Tags?.length) ctx.authorize({ action: 'sts:TagSession', ...check });
      if (input.SourceIdentity !== undefined) ctx.authorize({ action: 'sts:SetSourceIdentity', ...check });
    } catch (e) {
      if (e instanceof AwsError && e.code === 'AccessDenied') throw notAuthorized();
      throw e;
    }

    const now = ctx.now.getTime();
    const arn = `arn:aws:sts::${target.account}:assumed-role/${role.roleName}/${input.RoleSessionName}`;
    const userId = `${role.roleId}:${input.RoleSessionName}`;
    const { Credentials } = issueSession(env, {
      account: target.account,
      type: 'AssumedRole',
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
      sourceIdentity,
      depth,
      mfa,
      origin: parent?.origin ?? { arn: caller.arn, accessKeyId: caller.accessKeyId },
    });
    return {
      Credentials,
      AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
      PackedPolicySize:
        input.Policy !== undefined || policyArns.length || input.Tags?.length ? packed : undefined,
      SourceIdentity: sourceIdentity,
    };
  },
});
