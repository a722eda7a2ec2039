// Session policies on AssumeRole*: the inline Policy must be a valid session policy, each PolicyArn
// must exist, and together with the session tags they must fit the packed size.
import { AwsError } from '../../wire/errors.js';
import { parsePolicy, MalformedPolicyError } from '../../policy/index.js';
import type { Store } from '../../store/index.js';
import { findManagedPolicy } from '../iam/managed-policies.js';
import type { Tag } from '../iam/model.js';
import { packedPolicySize } from './packed-policy.js';

/** Validates the request's session policies and returns the policy ARNs and the packed size (%). */
export function checkSessionPolicies(
  store: Store,
  account: string,
  policy: string | undefined,
  policyArnInputs: { arn?: string }[] | undefined,
  tags: readonly Tag[],
): { policyArns: string[]; packed: number } {
  if (policy !== undefined) {
    try {
      parsePolicy(policy, 'session');
    } catch (e) {
      if (e instanceof MalformedPolicyError) throw new AwsError('MalformedPolicyDocument', e.message);
      throw e;
    }
  }
  const policyArns = (policyArnInputs ?? []).map((p) => p.arn ?? '');
  for (const arn of policyArns) {
    if (!findManagedPolicy(store, account, arn)) {
      throw new AwsError('InvalidParameterValue', `The policy ${arn} does not exist or is not attachable.`);
    }
  }
  const packed = packedPolicySize(policy, policyArns, tags);
  if (packed > 100) {
    throw new AwsError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${packed}% of allotted space, please use smaller policy.`,
    );
  }
  return { policyArns, packed };
}
