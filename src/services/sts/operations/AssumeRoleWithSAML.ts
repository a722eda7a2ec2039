// sts:AssumeRoleWithSAML — unsigned. The base64 samlp:Response is verified against the IAM SAML
// provider named by PrincipalArn (see ../saml/verify.ts); its https://aws.amazon.com/SAML/Attributes/Role
// attribute must pair the requested role with that provider; then the role's trust policy is evaluated
// by the engine for a SAML principal (Federated = the provider ARN) with the saml:* condition keys.
// RoleSessionName, SessionDuration, PrincipalTag:*, TransitiveTagKeys and SourceIdentity come from the
// assertion's attributes, as in AWS.
import { checkSessionPolicies } from '../session-policies.js';
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import { federatedTrustAllows } from '../federated-trust.js';
import { getRoleByName } from '../../iam/model.js';
import { issueSession } from '../issue-session.js';
import { verifySamlAssertion } from '../saml/verify.js';
import { samlContextKeys } from '../saml/context-keys.js';
import { samlErrors } from '../saml/errors.js';
import {
  roleAttributeAllows,
  roleSessionName,
  sessionDuration,
  sessionTags,
  sourceIdentity as sourceIdentityOf,
} from '../saml/attributes.js';

interface Input {
  RoleArn: string;
  PrincipalArn: string;
  SAMLAssertion: string;
  PolicyArns?: { arn?: string }[];
  Policy?: string;
  DurationSeconds?: number;
}

const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role(\/(?:[\u0021-\u007E]+\/)?)?([\w+=,.@-]+)$/;
const ACTION = 'sts:AssumeRoleWithSAML';

export default defineOperation<Input>({
  name: 'AssumeRoleWithSAML',
  anonymous: true,
  handler(ctx, input) {
    const { env } = ctx;
    const m = ROLE_ARN_RE.exec(input.RoleArn);
    if (!m) throw new AwsError('ValidationError', `${input.RoleArn} is invalid`);
    const account = m[1]!;
    const now = ctx.now.getTime();
    const v = verifySamlAssertion(env.store, input.PrincipalArn, input.SAMLAssertion, now);
    const attrs = v.fields.attributes;
    const sessionName = roleSessionName(attrs);
    if (!roleAttributeAllows(attrs, input.RoleArn, v.provider.arn)) throw samlErrors.notAuthorized();

    const role = getRoleByName(env.store, account, m[3]!);
    if (!role || role.arn !== input.RoleArn) throw samlErrors.notAuthorized();
    const requested = input.DurationSeconds ?? 3600;
    if (requested > role.maxSessionDuration) {
      throw new AwsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }
    // The SessionDuration attribute and the AuthnStatement's SessionNotOnOrAfter cap the session.
    const cap = sessionDuration(attrs);
    let exp = now + Math.min(requested, cap ?? Infinity) * 1000;
    const sessionEnd = v.fields.sessionNotOnOrAfter;
    if (sessionEnd !== undefined && !Number.isNaN(sessionEnd) && sessionEnd < exp) {
      if (sessionEnd <= now) throw samlErrors.expired();
      exp = sessionEnd;
    }

    const { tags, transitive } = sessionTags(attrs);
    const { policyArns, packed } = checkSessionPolicies(
      env.store,
      account,
      input.Policy,
      input.PolicyArns,
      tags,
    );
    const sourceIdentity = sourceIdentityOf(attrs);

    const allowed = federatedTrustAllows(ctx, {
      principalType: 'SAML',
      action: ACTION,
      providerArn: v.provider.arn,
      role,
      account,
      providerKeys: samlContextKeys({
        issuer: v.issuer,
        subject: v.subject,
        subjectType: v.subjectType,
        recipient: v.recipient,
        nameQualifier: v.nameQualifier,
        account: v.account,
        providerName: v.provider.name,
        attributes: attrs,
      }),
      sessionName: sessionName,
      tags,
      transitive,
      sourceIdentity: sourceIdentity,
    });
    if (!allowed) throw samlErrors.notAuthorized();

    const arn = `arn:aws:sts::${account}:assumed-role/${role.roleName}/${sessionName}`;
    const userId = `${role.roleId}:${sessionName}`;
    const { Credentials } = issueSession(env, {
      account,
      type: 'SAMLUser',
      arn,
      userId,
      role: { arn: role.arn, id: role.roleId, name: role.roleName, path: role.path },
      sessionName,
      iat: now,
      exp,
      policy: input.Policy,
      policyArns: policyArns.length ? policyArns : undefined,
      tags: tags.length ? tags : undefined,
      transitiveTagKeys: transitive.length ? transitive : undefined,
      sourceIdentity,
      depth: 1,
      origin: { arn: v.provider.arn, provider: v.provider.arn, subject: v.subject },
    });
    return {
      Credentials,
      AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
      PackedPolicySize: input.Policy !== undefined || policyArns.length || tags.length ? packed : undefined,
      Subject: v.subject,
      SubjectType: v.subjectType,
      Issuer: v.issuer,
      Audience: v.recipient,
      NameQualifier: v.nameQualifier,
      SourceIdentity: sourceIdentity,
    };
  },
});
