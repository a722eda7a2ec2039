// Fetches an issuer's signing keys the way STS does: OIDC discovery (<issuer>/.well-known/openid-configuration)
// names the jwks_uri, which holds the JWKS. Both documents are cached per issuer; an unknown key id
// triggers one refetch (issuers rotate keys) at most once a minute per issuer, so a flood of tokens
// with made-up key ids cannot turn rolechain into a request amplifier. Responses are size- and
// time-bounded, and only https issuers are fetched (as STS requires).
import type { JSONWebKeySet } from 'jose';
import { idpCommunicationError, invalidIdentityToken, NO_VERIFICATION_KEY } from './errors.js';

export type Fetcher = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

export interface JwksCacheOptions {
  fetch?: Fetcher;
  /** How long fetched keys are trusted (default 1 hour). */
  ttlMs?: number;
  /** Minimum interval between refetches for an unknown kid (default 60 s). */
  refetchAfterMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** Allow http:// issuers (tests only). */
  allowHttp?: boolean;
  now?: () => number;
}

interface Entry {
  jwks: JSONWebKeySet;
  fetchedAt: number;
}

export class JwksCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly o: Required<Omit<JwksCacheOptions, 'fetch'>> & { fetch: Fetcher };

  constructor(opts: JwksCacheOptions = {}) {
    this.o = {
      fetch: opts.fetch ?? ((url, init) => fetch(url, { ...init, redirect: 'follow' })),
      ttlMs: opts.ttlMs ?? 3600_000,
      refetchAfterMs: opts.refetchAfterMs ?? 60_000,
      timeoutMs: opts.timeoutMs ?? 5_000,
      maxBytes: opts.maxBytes ?? 256 * 1024,
      allowHttp: opts.allowHttp ?? false,
      now: opts.now ?? Date.now,
    };
  }

  /** The issuer's key set, containing `kid` when the issuer has it (refetched once if it was not cached). */
  async keys(issuer: string, kid: string | undefined): Promise<JSONWebKeySet> {
    const now = this.o.now();
    let e = this.entries.get(issuer);
    const stale = !e || now - e.fetchedAt > this.o.ttlMs;
    const missingKid =
      e !== undefined &&
      kid !== undefined &&
      !e.jwks.keys.some((k) => k.kid === kid) &&
      now - e.fetchedAt > this.o.refetchAfterMs;
    if (stale || missingKid) {
      try {
        e = await this.fetchOnce(issuer);
      } catch (err) {
        // Keep serving the old keys while the issuer is unreachable.
        if (!e) throw err;
      }
    }
    return e!.jwks;
  }

  private fetchOnce(issuer: string): Promise<Entry> {
    let p = this.inflight.get(issuer);
    if (!p) {
      p = this.fetchKeys(issuer).finally(() => this.inflight.delete(issuer));
      this.inflight.set(issuer, p);
    }
    return p;
  }

  private async fetchKeys(issuer: string): Promise<Entry> {
    const base = issuer.replace(/\/+$/, '');
    const config = (await this.getJson(`${base}/.well-known/openid-configuration`)) as { jwks_uri?: unknown };
    if (typeof config.jwks_uri !== 'string') throw invalidIdentityToken(NO_VERIFICATION_KEY);
    const jwks = (await this.getJson(config.jwks_uri)) as JSONWebKeySet;
    if (!jwks || !Array.isArray(jwks.keys)) throw invalidIdentityToken(NO_VERIFICATION_KEY);
    const e = { jwks, fetchedAt: this.o.now() };
    this.entries.set(issuer, e);
    return e;
  }

  private async getJson(url: string): Promise<unknown> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw invalidIdentityToken(NO_VERIFICATION_KEY);
    }
    if (u.protocol !== 'https:' && !(this.o.allowHttp && u.protocol === 'http:')) {
      throw invalidIdentityToken(NO_VERIFICATION_KEY);
    }
    let res: Response;
    try {
      res = await this.o.fetch(url, { signal: AbortSignal.timeout(this.o.timeoutMs) });
    } catch {
      // DNS failures, refused connections, timeouts: the IdP could not be reached.
      throw idpCommunicationError();
    }
    if (res.status >= 500) throw idpCommunicationError();
    if (res.status !== 200) throw invalidIdentityToken(NO_VERIFICATION_KEY);
    const text = await readBounded(res, this.o.maxBytes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw invalidIdentityToken(NO_VERIFICATION_KEY);
    }
  }
}

async function readBounded(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > max) {
      await reader.cancel();
      throw invalidIdentityToken(NO_VERIFICATION_KEY);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
