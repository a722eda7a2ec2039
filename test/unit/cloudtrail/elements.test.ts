// requestParameters / responseElements: CloudTrail's camelCase view of inputs and outputs, with every
// credential-bearing shape left out — proven for every operation of every modelled service by filling
// each operation's input and output with marked values and looking for the secret marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel, type ServiceModel, type ServiceName } from '../../../src/wire/models.js';
import { elementsOf, HIDDEN } from '../../../src/services/cloudtrail/elements.js';
import { elementDate, isoSeconds } from '../../../src/services/cloudtrail/format.js';

const sts = loadModel('sts');
const iam = loadModel('iam');

test('AssumeRole: credentials keep only accessKeyId and expiration', () => {
  const out = elementsOf(sts, 'AssumeRoleResponse', {
    Credentials: {
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'the-secret',
      SessionToken: 'the-token',
      Expiration: new Date('2023-01-27T18:13:04Z'),
    },
    AssumedRoleUser: { AssumedRoleId: 'AROAX:s', Arn: 'arn:aws:sts::1:assumed-role/r/s' },
    PackedPolicySize: 6,
  });
  assert.deepEqual(out, {
    credentials: { accessKeyId: 'ASIAEXAMPLE', expiration: 'Jan 27, 2023, 6:13:04 PM' },
    assumedRoleUser: { assumedRoleId: 'AROAX:s', arn: 'arn:aws:sts::1:assumed-role/r/s' },
    packedPolicySize: 6,
  });
});

test('inputs: tokens, assertions, passwords and MFA codes are left out; unknown members dropped', () => {
  assert.deepEqual(
    elementsOf(sts, 'AssumeRoleWithWebIdentityRequest', {
      RoleArn: 'arn:aws:iam::1:role/r',
      RoleSessionName: 's',
      WebIdentityToken: 'eyJ.jwt.sig',
      Smuggled: 'x',
    }),
    { roleArn: 'arn:aws:iam::1:role/r', roleSessionName: 's' },
  );
  assert.deepEqual(
    elementsOf(sts, 'AssumeRoleWithSAMLRequest', {
      RoleArn: 'a',
      PrincipalArn: 'p',
      SAMLAssertion: 'PHNhbWw+',
    }),
    { roleArn: 'a', principalArn: 'p' },
  );
  assert.deepEqual(
    elementsOf(sts, 'AssumeRoleRequest', {
      RoleArn: 'a',
      RoleSessionName: 's',
      SerialNumber: 'm',
      TokenCode: '123456',
    }),
    { roleArn: 'a', roleSessionName: 's', serialNumber: 'm' },
  );
  assert.deepEqual(
    elementsOf(iam, 'CreateLoginProfileRequest', {
      UserName: 'u',
      Password: 'pw',
      PasswordResetRequired: true,
    }),
    {
      userName: 'u',
      passwordResetRequired: true,
    },
  );
  assert.deepEqual(
    elementsOf(iam, 'EnableMFADeviceRequest', {
      UserName: 'u',
      SerialNumber: 's',
      AuthenticationCode1: '111111',
      AuthenticationCode2: '222222',
    }),
    { userName: 'u', serialNumber: 's' },
  );
});

test('outputs: access key secrets and MFA seeds are left out', () => {
  assert.deepEqual(
    elementsOf(iam, 'CreateAccessKeyResponse', {
      AccessKey: {
        UserName: 'u',
        AccessKeyId: 'AKIAX',
        Status: 'Active',
        SecretAccessKey: 's',
        CreateDate: new Date(0),
      },
    }),
    {
      accessKey: {
        userName: 'u',
        accessKeyId: 'AKIAX',
        status: 'Active',
        createDate: 'Jan 1, 1970, 12:00:00 AM',
      },
    },
  );
  assert.deepEqual(
    elementsOf(iam, 'CreateVirtualMFADeviceResponse', {
      VirtualMFADevice: {
        SerialNumber: 'arn:aws:iam::1:mfa/x',
        Base32StringSeed: Buffer.from('seed'),
        QRCodePNG: Buffer.from('png'),
      },
    }),
    { virtualMFADevice: { serialNumber: 'arn:aws:iam::1:mfa/x' } },
  );
});

test('other sensitive shapes show HIDDEN_DUE_TO_SECURITY_REASONS (Organizations CreateAccount)', () => {
  const org = loadModel('organizations');
  assert.deepEqual(
    elementsOf(org, 'CreateAccountRequest', { Email: 'a@example.com', AccountName: 'A', RoleName: 'R' }),
    {
      email: HIDDEN,
      accountName: HIDDEN,
      roleName: 'R',
    },
  );
});

test('formats: element dates and ISO seconds', () => {
  assert.equal(elementDate(new Date('2021-03-22T22:27:09Z')), 'Mar 22, 2021, 10:27:09 PM');
  assert.equal(elementDate(new Date('2021-03-02T00:05:00Z')), 'Mar 2, 2021, 12:05:00 AM');
  assert.equal(elementDate(new Date('2021-03-02T12:00:00Z')), 'Mar 2, 2021, 12:00:00 PM');
  assert.equal(isoSeconds(Date.parse('2024-09-09T17:50:16.789Z')), '2024-09-09T17:50:16Z');
});

/** A value for every member of a shape, strings marked with their shape name (S:<shape>:<member>). */
function fill(model: ServiceModel, shapeName: string, member: string, depth: number): unknown {
  const shape = model.shapes[shapeName];
  if (!shape || depth > 8) return undefined;
  switch (shape.type) {
    case 'structure': {
      const o: Record<string, unknown> = {};
      for (const [m, ref] of Object.entries(shape.members ?? {})) o[m] = fill(model, ref.shape, m, depth + 1);
      return o;
    }
    case 'list':
      return [fill(model, shape.member!.shape, member, depth + 1)];
    case 'map':
      return { k: fill(model, shape.value!.shape, member, depth + 1) };
    case 'blob':
      return Buffer.from(`B:${shapeName}:${member}`);
    case 'timestamp':
      return new Date(0);
    case 'boolean':
      return true;
    case 'string':
      return `S:${shapeName}:${member}`;
    default:
      return 1;
  }
}

const SECRET_MARK =
  /(?:S|B):(?:accessKeySecretType|passwordType|privateKeyType|serviceCredentialSecret|servicePassword|BootstrapDatum|SAMLAssertionType|clientTokenType|tradeInTokenType|webIdentityTokenType|tokenType|authenticationCodeType|tokenCodeType)|:(?:SecretAccessKey|SessionToken|Password|PrivateKey|SAMLAssertion|WebIdentityToken|TokenCode|AuthenticationCode1|AuthenticationCode2)"/;

for (const svc of ['iam', 'sts', 'organizations'] as ServiceName[]) {
  test(`${svc}: no operation's input or output records a credential`, () => {
    const model = loadModel(svc);
    let checked = 0;
    for (const op of Object.values(model.operations)) {
      for (const ref of [op.input, op.output]) {
        if (!ref) continue;
        const json = JSON.stringify(elementsOf(model, ref.shape, fill(model, ref.shape, '', 0)));
        assert.doesNotMatch(json, SECRET_MARK, `${svc}:${op.name} ${ref.shape}`);
        assert.ok(!json.includes('"B:'), `${svc}:${op.name}: a blob was recorded`);
        checked++;
      }
    }
    assert.ok(checked > 10);
  });
}
