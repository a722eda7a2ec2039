// iam:CreateServiceLinkedRole — a role at /aws-service-role/<service>/ named AWSServiceRoleFor…,
// trusting the service, with the service's AWS managed role policy attached when the package has it.
// Service-linked roles are changed by their service only (UnmodifiableEntity) and exempt from SCPs.
import { ConflictError } from '../../../store/errors.js';
import * as ids from '../../ids.js';
import { defineOperation } from '../../types.js';
import { invalidInput } from '../errors.js';
import { findManagedPolicy } from '../managed-policies.js';
import { getRoleByName, putRole, roleArn, type RoleRecord } from '../model.js';
import { roleOutput } from './GetRole.js';

interface Input {
  AWSServiceName: string;
  Description?: string;
  CustomSuffix?: string;
}

/** Services whose role name or policy does not follow from the service name: [role name, policy name]. */
const KNOWN: Record<string, [string, string?]> = {
  'autoscaling.amazonaws.com': ['AWSServiceRoleForAutoScaling', 'AutoScalingServiceRolePolicy'],
  'elasticloadbalancing.amazonaws.com': [
    'AWSServiceRoleForElasticLoadBalancing',
    'AWSElasticLoadBalancingServiceRolePolicy',
  ],
  'ecs.amazonaws.com': ['AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy'],
  'rds.amazonaws.com': ['AWSServiceRoleForRDS', 'AmazonRDSServiceRolePolicy'],
  'spot.amazonaws.com': ['AWSServiceRoleForEC2Spot', 'AWSEC2SpotServiceRolePolicy'],
  'spotfleet.amazonaws.com': ['AWSServiceRoleForEC2SpotFleet', 'AWSEC2SpotFleetServiceRolePolicy'],
  'organizations.amazonaws.com': ['AWSServiceRoleForOrganizations', 'AWSOrganizationsServiceTrustPolicy'],
  'support.amazonaws.com': ['AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy'],
  'trustedadvisor.amazonaws.com': ['AWSServiceRoleForTrustedAdvisor', 'AWSTrustedAdvisorServiceRolePolicy'],
  'guardduty.amazonaws.com': ['AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy'],
  'config.amazonaws.com': ['AWSServiceRoleForConfig', 'AWSConfigServiceRolePolicy'],
  'cloudtrail.amazonaws.com': ['AWSServiceRoleForCloudTrail', 'CloudTrailServiceRolePolicy'],
  'eks.amazonaws.com': ['AWSServiceRoleForAmazonEKS', 'AmazonEKSServiceRolePolicy'],
  'eks-nodegroup.amazonaws.com': [
    'AWSServiceRoleForAmazonEKSNodegroup',
    'AWSServiceRoleForAmazonEKSNodegroup',
  ],
  'es.amazonaws.com': ['AWSServiceRoleForAmazonElasticsearchService', 'AmazonElasticsearchServiceRolePolicy'],
  'opensearchservice.amazonaws.com': [
    'AWSServiceRoleForAmazonOpenSearchService',
    'AmazonOpenSearchServiceRolePolicy',
  ],
  'sso.amazonaws.com': ['AWSServiceRoleForSSO', 'AWSSSOServiceRolePolicy'],
  'securityhub.amazonaws.com': ['AWSServiceRoleForSecurityHub', 'AWSSecurityHubServiceRolePolicy'],
  'access-analyzer.amazonaws.com': ['AWSServiceRoleForAccessAnalyzer', 'AccessAnalyzerServiceRolePolicy'],
  'ssm.amazonaws.com': ['AWSServiceRoleForAmazonSSM', 'AmazonSSMServiceRolePolicy'],
  'elasticbeanstalk.amazonaws.com': [
    'AWSServiceRoleForElasticBeanstalk',
    'AWSElasticBeanstalkServiceRolePolicy',
  ],
  'elasticache.amazonaws.com': ['AWSServiceRoleForElastiCache', 'ElastiCacheServiceRolePolicy'],
  'redshift.amazonaws.com': ['AWSServiceRoleForRedshift', 'AmazonRedshiftServiceLinkedRolePolicy'],
  'backup.amazonaws.com': ['AWSServiceRoleForBackup', 'AWSBackupServiceLinkedRolePolicyForBackup'],
  'inspector2.amazonaws.com': ['AWSServiceRoleForAmazonInspector2', 'AmazonInspector2ServiceRolePolicy'],
  'macie.amazonaws.com': ['AWSServiceRoleForAmazonMacie', 'AmazonMacieServiceRolePolicy'],
  'transitgateway.amazonaws.com': [
    'AWSServiceRoleForVPCTransitGateway',
    'AWSVPCTransitGatewayServiceRolePolicy',
  ],
  'ops.apigateway.amazonaws.com': ['AWSServiceRoleForAPIGateway', 'APIGatewayServiceRolePolicy'],
  'replicator.lambda.amazonaws.com': ['AWSServiceRoleForLambdaReplicator', 'AWSLambdaReplicator'],
  'dynamodb.application-autoscaling.amazonaws.com': [
    'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
    'AWSApplicationAutoscalingDynamoDBTablePolicy',
  ],
};

const SERVICE_RE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;

/** The role name for a service: known ones as AWS names them, others AWSServiceRoleFor<Service>. */
export function serviceLinkedRoleName(service: string): { roleName: string; policyName?: string } {
  const known = KNOWN[service];
  if (known) return { roleName: known[0], policyName: known[1] };
  const label = service.slice(0, -'.amazonaws.com'.length);
  const pascal = label
    .split(/[.-]/)
    .filter((s) => s.length > 0)
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('');
  return { roleName: `AWSServiceRoleFor${pascal}` };
}

export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
  });
}

const taken = (name: string) =>
  invalidInput(`Service role name ${name} has been taken in this account, please try a different suffix.`);

export default defineOperation<Input>({
  name: 'CreateServiceLinkedRole',
  authz: (input, ctx) => {
    const { roleName } = SERVICE_RE.test(input.AWSServiceName)
      ? serviceLinkedRoleName(input.AWSServiceName)
      : { roleName: 'AWSServiceRoleFor' };
    const name = input.CustomSuffix ? `${roleName}_${input.CustomSuffix}` : roleName;
    return {
      action: 'iam:CreateServiceLinkedRole',
      resource: roleArn(ctx.caller.accountId, `/aws-service-role/${input.AWSServiceName}/`, name),
      context: { 'iam:AWSServiceName': input.AWSServiceName },
    };
  },
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const service = input.AWSServiceName;
    if (!SERVICE_RE.test(service)) {
      throw invalidInput(`Invalid service principal: ${service}`);
    }
    const base = serviceLinkedRoleName(service);
    const roleName = input.CustomSuffix ? `${base.roleName}_${input.CustomSuffix}` : base.roleName;
    if (roleName.length > 64) throw invalidInput(`Role name ${roleName} is longer than 64 characters.`);
    if (getRoleByName(store, account, roleName)) throw taken(roleName);
    const path = `/aws-service-role/${service}/`;
    const policy = base.policyName
      ? findManagedPolicy(store, account, `arn:aws:iam::aws:policy/aws-service-role/${base.policyName}`)
      : undefined;
    const role: RoleRecord = {
      roleName,
      roleId: ids.uniqueId('AROA'),
      arn: roleArn(account, path, roleName),
      path,
      createDate: ctx.now.toISOString(),
      assumeRolePolicyDocument: serviceTrustPolicy(service),
      maxSessionDuration: 3600,
      tags: [],
      attachedPolicyArns: policy ? [policy.arn] : [],
      inlinePolicies: {},
      serviceLinked: true,
    };
    if (input.Description !== undefined) role.description = input.Description;
    try {
      await putRole(store, account, role, true);
    } catch (e) {
      if (e instanceof ConflictError) throw taken(roleName);
      throw e;
    }
    return { Role: roleOutput(role, 'create') };
  },
});
