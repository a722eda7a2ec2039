// One instance's metadata service over HTTP: IMDSv2 tokens (PUT /latest/api/token, TTL 1..21600 else
// 400, refused with 403 when X-Forwarded-For is present, as AWS does to keep tokens off proxies),
// token checks on GET (a token that is given must be valid: 401; none given with HttpTokens=required:
// 401), HttpEndpoint=disabled answers 403, and EC2's HTML error pages. GET and HEAD read, only the
// token path takes PUT; anything else is 405.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerEnv } from '../../env.js';
import { INSTANCE_KIND, type InstanceRecord } from '../model.js';
import type { InstanceCredentials } from './credentials.js';
import { ImdsTokens, parseTokenTtl } from './tokens.js';
import { metadataReply } from './tree.js';

export const TOKEN_PATH = '/latest/api/token';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

function errorPage(status: number): string {
  const title = `${status} - ${REASONS[status] ?? 'Error'}`;
  return (
    '<?xml version="1.0" encoding="iso-8859-1"?>\n' +
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n' +
    '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n' +
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n' +
    ` <head>\n  <title>${title}</title>\n </head>\n <body>\n  <h1>${title}</h1>\n </body>\n</html>\n`
  );
}

function send(
  res: ServerResponse,
  method: string,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  const isError = status >= 400;
  const text = isError ? errorPage(status) : body;
  res.writeHead(status, {
    'content-type': isError ? 'text/html' : 'text/plain',
    'content-length': String(Buffer.byteLength(text)),
    server: 'EC2ws',
    ...headers,
  });
  res.end(method === 'HEAD' ? undefined : text);
}

export interface ImdsDeps {
  env: ServerEnv;
  tokens: ImdsTokens;
  credentials: InstanceCredentials;
}

export function handleImdsRequest(
  deps: ImdsDeps,
  account: string,
  instanceId: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const { env, tokens } = deps;
  const method = req.method ?? 'GET';
  // Always the live record: a metadata-option change or a new association applies at once.
  const inst = env.store.get<InstanceRecord>(INSTANCE_KIND, account, instanceId)?.data;
  if (!inst || inst.state !== 'running') return send(res, method, 404, '');
  if (inst.metadataOptions.httpEndpoint === 'disabled') return send(res, method, 403, '');
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const now = env.clock.nowMs();

  if (path === TOKEN_PATH) {
    if (method !== 'PUT') return send(res, method, 405, '', { allow: 'OPTIONS, PUT' });
    if (req.headers['x-forwarded-for'] !== undefined) return send(res, method, 403, '');
    const ttl = parseTokenTtl(req.headers[TTL_HEADER] as string | undefined);
    if (ttl === undefined) return send(res, method, 400, '');
    const token = tokens.issue(inst.instanceId, inst.bootCount, ttl, now);
    return send(res, method, 200, token, { [TTL_HEADER]: String(ttl) });
  }
  if (method !== 'GET' && method !== 'HEAD')
    return send(res, method, 405, '', { allow: 'OPTIONS, GET, HEAD' });

  const given = req.headers[TOKEN_HEADER];
  const extra: Record<string, string> = {};
  if (given !== undefined) {
    const left =
      typeof given === 'string' ? tokens.verify(given, inst.instanceId, inst.bootCount, now) : undefined;
    if (left === undefined) return send(res, method, 401, '');
    extra[TTL_HEADER] = String(left);
  } else if (inst.metadataOptions.httpTokens === 'required') {
    return send(res, method, 401, '');
  }
  const reply = metadataReply(env, deps.credentials, inst, path);
  send(res, method, reply.status, reply.body, extra);
}
