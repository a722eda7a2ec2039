// ec2:RunInstances — virtual instances: MinCount..MaxCount records in one reservation, running at once
// (the reply shows them "pending", as EC2's does). An instance profile (Arn or Name) needs iam:PassRole
// on its role for ec2.amazonaws.com; tags on create need ec2:CreateTags with ec2:CreateAction.
import { defineOperation } from '../../types.js';
import type { Tag } from '../../iam/model.js';
import {
  DEFAULT_METADATA_OPTIONS,
  IMAGE_ID_RE,
  newAssociationId,
  newInstanceId,
  newMacAddress,
  newPrivateIp,
  newReservationId,
  putInstance,
  type InstanceRecord,
  type MetadataOptions,
} from '../model.js';
import { ec2Authorize, ec2AuthorizeAll } from '../authorize.js';
import { invalidAmiIdMalformed, instanceLimitExceeded, invalidParameterValue } from '../errors.js';
import { passProfileRole, resolveProfile, type ProfileSpec } from '../profile-spec.js';
import { checkMetadataOptions, type MetadataOptionsInput } from '../metadata-options.js';
import { instanceOutput } from '../output.js';
import { syncImds } from '../runtime.js';
import { missingParameter } from '../../../wire/errors.js';

interface Input {
  ImageId?: string;
  InstanceType?: string;
  MinCount: number;
  MaxCount: number;
  KeyName?: string;
  ClientToken?: string;
  DryRun?: boolean;
  IamInstanceProfile?: ProfileSpec;
  MetadataOptions?: MetadataOptionsInput;
  TagSpecifications?: { ResourceType?: string; Tags?: Tag[] }[];
  Placement?: { AvailabilityZone?: string };
}

/** Instances one RunInstances call may launch (EC2's default On-Demand limit is vCPU-based; this is its spirit). */
export const MAX_INSTANCES_PER_CALL = 32;

const INSTANCE_TYPE_RE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

function instanceTags(input: Input): Tag[] {
  const tags: Tag[] = [];
  for (const spec of input.TagSpecifications ?? []) {
    if (spec.ResourceType !== 'instance') {
      if (spec.ResourceType === undefined)
        throw missingParameter('The request must contain the parameter ResourceType');
      continue; // volumes, network interfaces…: rolechain has none
    }
    for (const t of spec.Tags ?? []) {
      if (t.Key.toLowerCase().startsWith('aws:')) {
        throw invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
      }
      tags.push({ Key: t.Key, Value: t.Value ?? '' });
    }
  }
  if (tags.length > 50)
    throw invalidParameterValue('The number of tags specified exceeds the limit of 50 tags per resource.');
  return tags;
}

export default defineOperation<Input>({
  name: 'RunInstances',
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    const region = ctx.region;
    if (!input.ImageId) throw missingParameter('The request must contain the parameter ImageId');
    if (!IMAGE_ID_RE.test(input.ImageId)) throw invalidAmiIdMalformed(input.ImageId);
    const instanceType = input.InstanceType ?? 'm1.small';
    if (!INSTANCE_TYPE_RE.test(instanceType)) {
      throw invalidParameterValue(`Invalid value '${instanceType}' for InstanceType.`);
    }
    if (!Number.isInteger(input.MinCount) || input.MinCount < 1) {
      throw invalidParameterValue(
        `Value (${input.MinCount}) for parameter minCount is invalid. Expected a value greater than or equal to 1.`,
      );
    }
    if (!Number.isInteger(input.MaxCount) || input.MaxCount < input.MinCount) {
      throw invalidParameterValue(
        `Value (${input.MaxCount}) for parameter maxCount is invalid. Expected a value greater than or equal to minCount.`,
      );
    }
    if (input.MinCount > MAX_INSTANCES_PER_CALL)
      throw instanceLimitExceeded(input.MinCount, MAX_INSTANCES_PER_CALL);
    const count = Math.min(input.MaxCount, MAX_INSTANCES_PER_CALL);
    const tags = instanceTags(input);
    const metadataOptions: MetadataOptions = checkMetadataOptions(
      DEFAULT_METADATA_OPTIONS,
      input.MetadataOptions,
    );
    const profile = input.IamInstanceProfile ? resolveProfile(ctx, input.IamInstanceProfile) : undefined;

    const requestTags: Record<string, string | string[]> = {};
    for (const t of tags) requestTags[`aws:RequestTag/${t.Key}`] = t.Value;
    if (tags.length) requestTags['aws:TagKeys'] = tags.map((t) => t.Key);
    const instanceWildcard = `arn:aws:ec2:${region}:${account}:instance/*`;
    ec2Authorize(ctx, {
      action: 'ec2:RunInstances',
      resource: instanceWildcard,
      context: { 'ec2:InstanceType': instanceType, ...requestTags },
    });
    ec2Authorize(ctx, {
      action: 'ec2:RunInstances',
      resource: `arn:aws:ec2:${region}::image/${input.ImageId}`,
      context: {},
    });
    if (profile) passProfileRole(ctx, profile, instanceWildcard);
    const checks = tags.length
      ? [
          {
            action: 'ec2:CreateTags',
            resource: instanceWildcard,
            context: { 'ec2:CreateAction': 'RunInstances', ...requestTags },
          },
        ]
      : [];
    ec2AuthorizeAll(ctx, checks, input.DryRun);

    const now = ctx.now.toISOString();
    const reservationId = newReservationId();
    const launched: InstanceRecord[] = [];
    for (let i = 0; i < count; i++) {
      const rec: InstanceRecord = {
        instanceId: newInstanceId(),
        reservationId,
        ownerId: account,
        region,
        availabilityZone: input.Placement?.AvailabilityZone ?? `${region}a`,
        imageId: input.ImageId,
        instanceType,
        amiLaunchIndex: i,
        launchTime: now,
        state: 'running',
        stateTransitionReason: '',
        bootCount: 1,
        privateIpAddress: newPrivateIp(),
        macAddress: newMacAddress(),
        clientToken: input.ClientToken,
        keyName: input.KeyName,
        tags,
        metadataOptions,
        association: profile
          ? {
              associationId: newAssociationId(),
              profileArn: profile.arn,
              profileId: profile.instanceProfileId,
              timestamp: now,
            }
          : undefined,
      };
      await putInstance(ctx.env.store, rec);
      launched.push(rec);
    }
    await syncImds(ctx.env, launched);
    return {
      ReservationId: reservationId,
      OwnerId: account,
      Groups: [],
      Instances: launched.map((r) => instanceOutput(r, 'pending')),
    };
  },
});
