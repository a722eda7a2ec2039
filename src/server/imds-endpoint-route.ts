// GET /_rolechain/ec2/imds-endpoint?InstanceId=i-… : where a running instance's metadata service
// listens (rolechain's own call, used by `rolechain instance env`). SigV4-signed like any EC2 call
// (scope service "ec2", the region of the instance) and authorized as ec2:DescribeInstances.
// Reply {"InstanceId","Endpoint"}; errors {"__type","message"} with EC2's codes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ServerEnv } from '../services/env.js';
import { AwsError } from '../wire/errors.js';
import { headersFromRaw } from '../wire/headers.js';
import type { WireRequest } from '../wire/protocol.js';
import type { Authenticator } from './authenticate.js';
import type { Authorizer } from './authorize.js';
import { sendJson, sendJsonError, verifiedContext } from './request-context.js';
import { forEc2 } from '../wire/protocol-errors.js';
import { requireInstance } from '../services/ec2/instances.js';
import { ec2Authorize } from '../services/ec2/authorize.js';
import { ec2Runtime } from '../services/ec2/runtime.js';

export const IMDS_ENDPOINT_PATH = '/_rolechain/ec2/imds-endpoint';

export interface ImdsEndpointDeps {
  env: ServerEnv;
  authn: Authenticator;
  authz: Authorizer;
}

export async function handleImdsEndpoint(
  deps: ImdsEndpointDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rawQuery: string,
): Promise<void> {
  const { env, authn, authz } = deps;
  const requestId = randomUUID();
  try {
    if (req.method !== 'GET') throw new AwsError('InvalidAction', 'Only GET is supported.', { status: 405 });
    const headers = headersFromRaw(req.rawHeaders);
    const wire: WireRequest = { method: 'GET', path, rawQuery, headers, body: Buffer.alloc(0) };
    const ctx = verifiedContext(env, authn, authz, req, wire, requestId);
    ec2Authorize(ctx, { action: 'ec2:DescribeInstances', resource: '*' });
    const id = new URLSearchParams(rawQuery).get('InstanceId') ?? '';
    const inst = requireInstance(ctx, id);
    const endpoint = ec2Runtime(env)?.endpoint(inst.instanceId);
    if (!endpoint) {
      throw new AwsError(
        'IncorrectInstanceState',
        `The instance '${inst.instanceId}' is ${inst.state}: only running instances have a metadata service.`,
      );
    }
    sendJson(res, 200, { InstanceId: inst.instanceId, Endpoint: endpoint }, requestId);
  } catch (e) {
    sendJsonError(env, res, e, requestId, { internalCode: 'InternalError', wireError: forEc2 });
  }
}
