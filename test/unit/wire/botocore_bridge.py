# Test bridge: lets the wire tests ask botocore (the AWS CLI / boto3 engine) to serialize requests, parse
# responses and sign requests, so rolechain's codecs are checked against the real client. Reads a JSON list
# of tasks on stdin, writes a JSON list of results.
import base64, datetime, json, sys
import botocore.session, botocore.serialize, botocore.parsers, botocore.auth, botocore.credentials
from botocore.awsrequest import AWSRequest

session = botocore.session.get_session()
models = {}

def model(svc):
    if svc not in models:
        models[svc] = session.get_service_model(svc)
    return models[svc]

def plain(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=datetime.timezone.utc)
        return v.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z'
    if isinstance(v, (bytes, bytearray)):
        return {'$base64': base64.b64encode(v).decode()}
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v

def run(t):
    m = model(t['service'])
    if t['kind'] == 'serialize':
        op = m.operation_model(t['operation'])
        s = botocore.serialize.create_serializer(m.metadata['protocol'], include_validation=False)
        r = s.serialize_to_request(t['params'], op)
        body = r['body']
        if isinstance(body, dict):
            from urllib.parse import urlencode
            body = urlencode(body)
        if isinstance(body, bytes):
            body = body.decode()
        return {'body': body, 'headers': {k: str(v) for k, v in r['headers'].items()}, 'method': r['method']}
    if t['kind'] == 'parse':
        op = m.operation_model(t['operation'])
        p = botocore.parsers.create_parser(m.metadata['protocol'])
        resp = {'status_code': t['status'], 'headers': t['headers'], 'body': t['body'].encode()}
        return plain(p.parse(resp, op.output_shape))
    if t['kind'] == 'sign':
        creds = botocore.credentials.Credentials(t['accessKeyId'], t['secretAccessKey'], t.get('sessionToken'))
        req = AWSRequest(method=t['method'], url=t['url'], data=t.get('body', ''), headers=t.get('headers', {}))
        if t.get('presign'):
            botocore.auth.SigV4QueryAuth(creds, t['signingName'], t['region'], expires=t.get('expires', 900)).add_auth(req)
        elif t['signingName'] == 's3':
            botocore.auth.S3SigV4Auth(creds, 's3', t['region']).add_auth(req)
        else:
            botocore.auth.SigV4Auth(creds, t['signingName'], t['region']).add_auth(req)
        p = req.prepare()
        return {'url': p.url, 'headers': {k: v if isinstance(v, str) else v.decode() for k, v in p.headers.items()}}
    raise ValueError(t['kind'])

tasks = json.load(sys.stdin)
out = []
for t in tasks:
    try:
        out.append({'ok': run(t)})
    except Exception as e:
        out.append({'error': repr(e)})
json.dump(out, sys.stdout)
