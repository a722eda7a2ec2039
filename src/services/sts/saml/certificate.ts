// A self-signed X.509 v3 certificate (RSA key, sha256WithRSAEncryption), DER-encoded by hand: Node can
// parse certificates (X509Certificate) but not create them, and product code must not shell out to
// openssl. SAML metadata carries the IdP's signing key as such a certificate. Only what a certificate
// needs is encoded: version, serial, algorithm, issuer = subject (CN, O), validity, the key.
import { createSign, type KeyObject } from 'node:crypto';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const nul = () => Buffer.from([0x05, 0x00]);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const b: number[] = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) b.unshift((v & 0x7f) | 0x80);
    out.push(...b);
  }
  return tlv(0x06, Buffer.from(out));
}

/** A positive INTEGER from unsigned big-endian bytes. */
function uint(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const b = bytes.subarray(i);
  return tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

function name(cn: string, o?: string): Buffer {
  const rdns = [set(seq(oid(OID_CN), utf8(cn)))];
  if (o !== undefined) rdns.push(set(seq(oid(OID_O), utf8(o))));
  return seq(...rdns);
}

export interface CertificateSpec {
  /** Serial number bytes (at most 20, RFC 5280). */
  serial: Buffer;
  commonName: string;
  organization?: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/**
 * The certificate in DER. Deterministic for a given spec: PKCS#1 v1.5 signatures are, so the same key
 * and spec always yield the same certificate (metadata fetched twice is identical).
 */
export function selfSignedCertificate(spec: CertificateSpec): Buffer {
  if (spec.serial.length < 1 || spec.serial.length > 20) throw new Error('serial must be 1-20 bytes');
  const alg = seq(oid(SHA256_WITH_RSA), nul());
  const subject = name(spec.commonName, spec.organization);
  const spki = spec.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // [0] EXPLICIT version v3
    uint(spec.serial),
    alg,
    subject,
    seq(time(spec.notBefore), time(spec.notAfter)),
    subject,
    spki,
  );
  const signature = createSign('sha256').update(tbs).sign(spec.privateKey);
  return seq(tbs, alg, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

/** PEM (base64 in 64 columns). */
export function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
