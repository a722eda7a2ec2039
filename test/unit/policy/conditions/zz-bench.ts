import { compileCondition, compileConditions } from '../../../../src/policy/conditions/index.js';
import { makeContext } from '../../../../src/policy/context.js';
function bench(name: string, f: () => boolean, n = 5_000_000) {
  for (let i = 0; i < 200_000; i++) f();
  const t0 = process.hrtime.bigint();
  let c = 0;
  for (let i = 0; i < n; i++) if (f()) c++;
  const ns = Number(process.hrtime.bigint() - t0) / n;
  console.log(`${name}: ${ns.toFixed(1)} ns/op (${c === n ? 'all true' : c})`);
}
const ctx = makeContext({ 'aws:SourceIp': '203.0.113.77', 'aws:PrincipalTag/team': 'red', 'aws:CurrentTime': '2024-05-01T12:00:00Z', 'aws:SourceArn': 'arn:aws:s3:::bucket/a/b', 'aws:username': 'bob', 's3:prefix': 'home/bob/x', 'ip6': '2001:db8:1234::1' });
const ip = compileCondition({ operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8', '203.0.113.0/24'] });
const ip6 = compileCondition({ operator: 'IpAddress', key: 'ip6', values: ['10.0.0.0/8', '2001:db8::/32'] });
const se = compileCondition({ operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['red'] });
const both = compileConditions([{ operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['red'] }, { operator: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24'] }])!;
const like = compileCondition({ operator: 'StringLike', key: 's3:prefix', values: ['home/${aws:username}/*'] }, '2012-10-17');
const date = compileCondition({ operator: 'DateLessThan', key: 'aws:CurrentTime', values: ['2030-01-01T00:00:00Z'] });
const arn = compileCondition({ operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:aws:s3:::bucket/*'] });
bench('IpAddress v4', () => ip(ctx));
bench('IpAddress v6', () => ip6(ctx));
bench('StringEquals', () => se(ctx));
bench('StringEquals+IpAddress', () => both(ctx));
bench('StringLike with ${aws:username}', () => like(ctx), 2_000_000);
bench('DateLessThan (cached CurrentTime)', () => date(ctx));
bench('ArnLike', () => arn(ctx));
