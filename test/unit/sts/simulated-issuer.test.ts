import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt, decodeProtectedHeader, jwtVerify, createLocalJWKSet } from 'jose';
import {
  githubClaims,
  eksClaims,
  issuerFlavor,
  normalizeIssuer,
  shapeClaims,
  mintSimulatedToken,
  simulatedJwks,
  simulatedIssuersEnabled,
  parseSimulatedKid,
} from '../../../src/services/sts/oidc/simulated.js';
import { parseClaim, parseDuration } from '../../../src/cli/oidc.js';
import { stsEnv, GITHUB, UNIT_ACCOUNT } from './fixtures.js';

describe('simulated issuer claims', () => {
  it('derives GitHub Actions claims from the subject', () => {
    const c = githubClaims('repo:octo/app:ref:refs/heads/main');
    assert.equal(c.repository, 'octo/app');
    assert.equal(c.repository_owner, 'octo');
    assert.equal(c.ref, 'refs/heads/main');
    assert.equal(c.ref_type, 'branch');
    assert.equal(c.job_workflow_ref, 'octo/app/.github/workflows/ci.yml@refs/heads/main');
    assert.equal(githubClaims('repo:octo/app:environment:prod').environment, 'prod');
    assert.equal(githubClaims('repo:octo/app:pull_request').event_name, 'pull_request');
    assert.equal(githubClaims('repo:octo/app:ref:refs/tags/v1').ref_type, 'tag');
  });

  it('derives EKS service-account claims', () => {
    assert.deepEqual(
      (eksClaims('system:serviceaccount:prod:web') as { 'kubernetes.io': { namespace: string } })[
        'kubernetes.io'
      ].namespace,
      'prod',
    );
    assert.equal(
      issuerFlavor('https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'),
      'eks',
    );
    assert.equal(issuerFlavor(GITHUB), 'github-actions');
    assert.equal(issuerFlavor('https://example.com'), 'generic');
  });

  it('never lets claims override iss; lets them override the rest', () => {
    const c = shapeClaims({
      account: UNIT_ACCOUNT,
      issuer: GITHUB,
      sub: 's',
      aud: 'a',
      now: 1_700_000_000_000,
      claims: { iss: 'https://evil', ref: 'x', exp: 5 },
    });
    assert.equal(c.iss, GITHUB);
    assert.equal(c.ref, 'x');
    assert.equal(c.exp, 5);
    assert.equal(c.iat, 1_700_000_000);
  });

  it('normalizes issuers and refuses non-https ones', () => {
    assert.equal(normalizeIssuer('https://Token.Actions.GitHubUserContent.com/'), GITHUB);
    assert.equal(normalizeIssuer('http://example.com'), undefined);
    assert.equal(normalizeIssuer('https://example.com/?q=1'), undefined);
    assert.equal(normalizeIssuer('not a url'), undefined);
  });

  it('signs RS256 tokens verifiable with the published JWKS, with a kid naming the account', async () => {
    const env = await stsEnv();
    const t = await mintSimulatedToken(env, {
      account: UNIT_ACCOUNT,
      issuer: GITHUB,
      sub: 'repo:o/r:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      now: Date.now(),
    });
    const h = decodeProtectedHeader(t.token);
    assert.equal(h.alg, 'RS256');
    assert.equal(parseSimulatedKid(h.kid!)?.account, UNIT_ACCOUNT);
    const jwks = await simulatedJwks(env, UNIT_ACCOUNT);
    const { payload } = await jwtVerify(t.token, createLocalJWKSet(jwks), {
      issuer: GITHUB,
      audience: 'sts.amazonaws.com',
    });
    assert.equal(payload.repository, 'o/r');
    // The key persists in the store, sealed: the PEM is not in the settings in clear.
    const stored = JSON.stringify(env.store.getSetting('sts.oidcSimulatedKey'));
    assert.equal(stored.includes('PRIVATE KEY'), false);
    assert.equal(decodeJwt(t.token).exp! - decodeJwt(t.token).iat!, 600);
  });

  it('is on unless ROLECHAIN_SIMULATED_OIDC turns it off', async () => {
    const env = await stsEnv();
    assert.equal(simulatedIssuersEnabled(env, {}), true);
    for (const v of ['off', '0', 'false', 'no', 'OFF'])
      assert.equal(simulatedIssuersEnabled(env, { ROLECHAIN_SIMULATED_OIDC: v }), false, v);
    assert.equal(simulatedIssuersEnabled(env, { ROLECHAIN_SIMULATED_OIDC: 'on' }), true);
  });
});

describe('rolechain oidc token argument parsing', () => {
  it('parses durations and claims', () => {
    assert.equal(parseDuration('10m'), 600);
    assert.equal(parseDuration('90s'), 90);
    assert.equal(parseDuration('2h'), 7200);
    assert.equal(parseDuration('45'), 45);
    assert.throws(() => parseDuration('ten minutes'));
    assert.deepEqual(parseClaim('run_number=7'), ['run_number', 7]);
    assert.deepEqual(parseClaim('environment=prod'), ['environment', 'prod']);
    assert.deepEqual(parseClaim('k={"a":1}'), ['k', { a: 1 }]);
    assert.deepEqual(parseClaim('k=a=b'), ['k', 'a=b']);
    assert.throws(() => parseClaim('=x'));
  });
});
