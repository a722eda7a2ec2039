// What STS trusts of an IAM SAML provider: its metadata document's entityID (the only accepted
// Issuer) and the X.509 certificates of its IDPSSODescriptor's signing keys (KeyDescriptor
// use="signing" or without use). A certificate inside a SAML response is never trusted.
import { X509Certificate } from 'node:crypto';
import { attr, child, children, descendants, NS, parseXml } from './xml.js';

export interface ProviderTrust {
  entityId: string;
  /** PEM certificates. */
  certificates: string[];
}

const cache = new Map<string, ProviderTrust>();
const CACHE_MAX = 256;

function pem(b64: string): string {
  const body = b64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** Parses (and caches, by document) the provider's trust; throws when the metadata has no usable key. */
export function providerTrust(metadataDocument: string): ProviderTrust {
  const hit = cache.get(metadataDocument);
  if (hit) return hit;
  const doc = parseXml(metadataDocument);
  const root = doc.documentElement;
  const entity =
    root.localName === 'EntityDescriptor' && root.namespaceURI === NS.metadata
      ? root
      : descendants(doc, NS.metadata, 'EntityDescriptor')[0];
  const entityId = attr(entity, 'entityID');
  const idp = entity ? child(entity, NS.metadata, 'IDPSSODescriptor') : undefined;
  const certificates: string[] = [];
  for (const kd of idp ? children(idp, NS.metadata, 'KeyDescriptor') : []) {
    const use = attr(kd, 'use');
    if (use !== undefined && use !== 'signing') continue;
    for (const c of descendants(kd, NS.dsig, 'X509Certificate')) {
      const p = pem(c.textContent ?? '');
      try {
        new X509Certificate(p);
      } catch {
        continue; // an unreadable certificate verifies nothing
      }
      certificates.push(p);
    }
  }
  const trust = { entityId: entityId ?? '', certificates };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(metadataDocument, trust);
  return trust;
}
