// Policy documents on IAM's write paths: size quota (whitespace not counted), then the engine's
// parser for the document kind, mapped to MalformedPolicyDocument / LimitExceeded as IAM answers.
// On the read paths IAM returns documents URL-encoded (RFC 3986); clients decode them.
import { parsePolicy, MalformedPolicyError, policySizeWithoutWhitespace } from '../../policy/parse/index.js';
import type { PolicyDocument, PolicyKind } from '../../policy/ast.js';
import { limitExceeded, malformedPolicyDocument } from './errors.js';

export interface DocCheck {
  kind: PolicyKind;
  /** The quota in characters (whitespace not counted). */
  maxChars: number;
  /** What IAM names in the LimitExceeded message, e.g. "Cannot exceed quota for PolicySize: 6144". */
  quotaName: string;
  managed?: boolean;
}

export function checkPolicyDocument(text: string, check: DocCheck): PolicyDocument {
  if (policySizeWithoutWhitespace(text) > check.maxChars) {
    throw limitExceeded(`Cannot exceed quota for ${check.quotaName}: ${check.maxChars}`);
  }
  try {
    return parsePolicy(text, check.kind, { managed: check.managed });
  } catch (e) {
    if (e instanceof MalformedPolicyError) throw malformedPolicyDocument(e.message);
    throw e;
  }
}

/** IAM returns policy documents URL-encoded. */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text);
}
