// The attributes AWS defines for SAML federation (https://aws.amazon.com/SAML/Attributes/…): the
// Role pairs, RoleSessionName, SessionDuration, PrincipalTag:<key>, TransitiveTagKeys, SourceIdentity.
import type { Tag } from '../../iam/model.js';
import { samlErrors } from './errors.js';

export const AWS_ATTR = 'https://aws.amazon.com/SAML/Attributes/';
const ROLE = `${AWS_ATTR}Role`;
const SESSION_NAME = `${AWS_ATTR}RoleSessionName`;
const SESSION_DURATION = `${AWS_ATTR}SessionDuration`;
const PRINCIPAL_TAG = `${AWS_ATTR}PrincipalTag:`;
const TRANSITIVE = `${AWS_ATTR}TransitiveTagKeys`;
const SOURCE_IDENTITY = `${AWS_ATTR}SourceIdentity`;

const NAME_RE = /^[\w+=,.@-]{2,64}$/;

/** Whether a Role attribute value pairs the role with the provider ("role,provider" in either order). */
export function roleAttributeAllows(
  attributes: Map<string, string[]>,
  roleArn: string,
  providerArn: string,
): boolean {
  for (const v of attributes.get(ROLE) ?? []) {
    const parts = v.split(',').map((s) => s.trim());
    if (parts.length !== 2) continue;
    if (
      (parts[0] === roleArn && parts[1] === providerArn) ||
      (parts[1] === roleArn && parts[0] === providerArn)
    )
      return true;
  }
  return false;
}

export function roleSessionName(attributes: Map<string, string[]>): string {
  const v = attributes.get(SESSION_NAME);
  if (!v?.length) throw samlErrors.sessionNameRequired();
  if (v.length !== 1 || !NAME_RE.test(v[0]!)) throw samlErrors.sessionNameInvalid();
  return v[0]!;
}

/** The SessionDuration attribute in seconds (900 to 43200), when present. */
export function sessionDuration(attributes: Map<string, string[]>): number | undefined {
  const v = attributes.get(SESSION_DURATION);
  if (!v?.length) return undefined;
  const n = Number(v[0]);
  if (v.length !== 1 || !/^\d+$/.test(v[0]!) || n < 900 || n > 43200)
    throw samlErrors.sessionDurationInvalid();
  return n;
}

export function sourceIdentity(attributes: Map<string, string[]>): string | undefined {
  const v = attributes.get(SOURCE_IDENTITY);
  if (!v?.length) return undefined;
  if (v.length !== 1 || !NAME_RE.test(v[0]!) || v[0]!.toLowerCase().startsWith('aws:'))
    throw samlErrors.sourceIdentityInvalid();
  return v[0]!;
}

/** Session tags (PrincipalTag:<key>, one value each) and the transitive keys among them. */
export function sessionTags(attributes: Map<string, string[]>): { tags: Tag[]; transitive: string[] } {
  const tags: Tag[] = [];
  for (const [name, values] of attributes) {
    if (!name.startsWith(PRINCIPAL_TAG)) continue;
    const key = name.slice(PRINCIPAL_TAG.length);
    if (values.length !== 1 || key.length < 1 || key.length > 128 || values[0]!.length > 256)
      throw samlErrors.tagsInvalid(`The ${name} attribute is not valid.`);
    if (key.toLowerCase().startsWith('aws:'))
      throw samlErrors.tagsInvalid('Tag keys cannot start with the reserved prefix "aws:".');
    tags.push({ Key: key, Value: values[0]! });
  }
  if (tags.length > 50) throw samlErrors.tagsInvalid('The number of session tags exceeds the limit of 50.');
  const keys = new Set(tags.map((t) => t.Key.toLowerCase()));
  if (keys.size !== tags.length)
    throw samlErrors.tagsInvalid('Duplicate tag keys found. Tag keys are case insensitive.');
  const transitive = attributes.get(TRANSITIVE) ?? [];
  if (transitive.some((k) => !keys.has(k.toLowerCase())))
    throw samlErrors.tagsInvalid('The TransitiveTagKeys attribute names a key that is not a session tag.');
  return { tags, transitive };
}
