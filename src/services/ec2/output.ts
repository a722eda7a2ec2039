// Instances, state changes and profile associations in the shapes of botocore's ec2 model.
import type { InstanceRecord, InstanceStateName, MetadataOptions } from './model.js';
import { STATE_CODE } from './model.js';

export const stateOf = (name: InstanceStateName) => ({ Code: STATE_CODE[name], Name: name });

export function stateChange(id: string, previous: InstanceStateName, current: InstanceStateName) {
  return { InstanceId: id, CurrentState: stateOf(current), PreviousState: stateOf(previous) };
}

export function metadataOptionsOutput(m: MetadataOptions, state: 'applied' | 'pending' = 'applied') {
  return {
    State: state,
    HttpTokens: m.httpTokens,
    HttpPutResponseHopLimit: m.httpPutResponseHopLimit,
    HttpEndpoint: m.httpEndpoint,
    HttpProtocolIpv6: m.httpProtocolIpv6,
    InstanceMetadataTags: m.instanceMetadataTags,
  };
}

/** The instance as DescribeInstances / RunInstances show it; `state` overrides the stored state (RunInstances answers "pending"). */
export function instanceOutput(
  r: InstanceRecord,
  state: InstanceStateName = r.state,
): Record<string, unknown> {
  const running = state !== 'terminated' && state !== 'shutting-down';
  const privateDns = `ip-${r.privateIpAddress.replace(/\./g, '-')}.ec2.internal`;
  return {
    InstanceId: r.instanceId,
    ImageId: r.imageId,
    State: stateOf(state),
    PrivateDnsName: running ? privateDns : '',
    PublicDnsName: '',
    StateTransitionReason: r.stateTransitionReason,
    KeyName: r.keyName,
    AmiLaunchIndex: r.amiLaunchIndex,
    ProductCodes: [],
    InstanceType: r.instanceType,
    LaunchTime: new Date(r.launchTime),
    Placement: { AvailabilityZone: r.availabilityZone, GroupName: '', Tenancy: 'default' },
    Monitoring: { State: 'disabled' },
    PrivateIpAddress: running ? r.privateIpAddress : undefined,
    Architecture: 'x86_64',
    RootDeviceType: 'ebs',
    RootDeviceName: '/dev/xvda',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    ClientToken: r.clientToken ?? '',
    IamInstanceProfile: r.association
      ? { Arn: r.association.profileArn, Id: r.association.profileId }
      : undefined,
    Tags: r.tags.length ? r.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
    MetadataOptions: metadataOptionsOutput(r.metadataOptions),
  };
}

export function associationOutput(
  r: InstanceRecord,
  state: 'associating' | 'associated' | 'disassociating' | 'disassociated',
  assoc = r.association!,
) {
  return {
    AssociationId: assoc.associationId,
    InstanceId: r.instanceId,
    IamInstanceProfile: { Arn: assoc.profileArn, Id: assoc.profileId },
    State: state,
    Timestamp: new Date(assoc.timestamp),
  };
}
