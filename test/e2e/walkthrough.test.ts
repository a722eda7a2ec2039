// The README's walkthrough (docs/walkthrough.sh) runs as written against a fresh server with the
// real AWS CLI, and prints what the README shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, REPO } from '../helpers/server.js';
import { hasAwsCli } from '../helpers/clients.js';

test('README walkthrough with the AWS CLI', { skip: !hasAwsCli && 'no /usr/bin/aws' }, async () => {
  const s = await startServer({ env: { ROLECHAIN_ACCOUNT_ID: '111111111111' } });
  try {
    const r = spawnSync('bash', [join(REPO, 'docs/walkthrough.sh')], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: `/usr/bin:${process.env.PATH}`,
        HOME: process.env.HOME,
        AWS_ENDPOINT_URL: s.url,
        AWS_ACCESS_KEY_ID: s.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.equal(
      r.stdout,
      [
        '111111111111\tmanagement',
        '222222222222\tABC',
        '333333333333\tXYZ',
        'arn:aws:sts::333333333333:assumed-role/RoleXYZ/hop2',
        'ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        'sts:AssumeRole\tallowed',
        'iam:CreateUser\timplicitDeny',
        'AccessDenied) when calling the CreateUser operation: User: arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/admin is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::222222222222:user/x with an explicit deny in a service control policy',
        'ExampleRole',
        'arn:aws:sts::111111111111:assumed-role/ExampleRole/<instance-id>',
        'AssumeRole arn:aws:sts::111111111111:assumed-role/ExampleRole/<instance-id> by AWSService ec2.amazonaws.com',
        '',
      ].join('\n'),
    );
  } finally {
    await s.stop();
  }
});
