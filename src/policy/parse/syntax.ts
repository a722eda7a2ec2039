// Phase 1 of IAM's validation: the JSON shape. Every violation here is "Syntax errors in policy.".
// It builds the AST on the way, keeping beside it what later phases need (the Effect as written,
// resources as written, raw Date* values) so the whole parse is one pass over the document.

import type { ConditionClause, Effect, PolicyDocument, Statement } from './ast.js';
import { Msg, MalformedPolicyError } from './errors.js';
import { isValidConditionOperator } from './operators.js';
import { parsePrincipalSpec } from './principals.js';

export interface Draft {
  statement: Statement;
  /** Effect as written; IAM's syntax check is case-insensitive, its legacy check is not. */
  effectRaw: string;
  hasAction: boolean;
  hasResource: boolean;
}

export interface Parsed {
  doc: PolicyDocument;
  drafts: Draft[];
}

const TOP_KEYS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
export const VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);

function syntax(): never {
  throw new MalformedPolicyError(Msg.syntax);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A string or an array of strings; JSON nulls inside the array are skipped, as IAM does. */
function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return syntax();
  const out: string[] = [];
  for (const x of v) {
    if (typeof x === 'string') out.push(x);
    else if (x !== null) syntax();
  }
  return out;
}

function scalarToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return syntax();
}

function parseConditions(raw: unknown): ConditionClause[] {
  if (!isObject(raw)) return syntax();
  const clauses: ConditionClause[] = [];
  for (const operator of Object.keys(raw)) {
    const block = raw[operator];
    if (!isObject(block)) syntax();
    const keys = Object.keys(block as object);
    // IAM tolerates an unknown operator only when its block is empty.
    if (keys.length > 0 && !isValidConditionOperator(operator)) syntax();
    for (const key of keys) {
      const v = (block as Record<string, unknown>)[key];
      const values = Array.isArray(v) ? v.map(scalarToString) : [scalarToString(v)];
      clauses.push({ operator, key, values });
    }
  }
  return clauses;
}

function parseStatement(raw: unknown, index: number): Draft {
  if (!isObject(raw)) return syntax();
  for (const k of Object.keys(raw)) if (!STATEMENT_KEYS.has(k)) syntax();
  if (hasOwn(raw, 'Action') && hasOwn(raw, 'NotAction')) syntax();
  if (hasOwn(raw, 'Resource') && hasOwn(raw, 'NotResource')) syntax();
  if (hasOwn(raw, 'Principal') && hasOwn(raw, 'NotPrincipal')) syntax();

  const effectRaw = raw.Effect;
  if (typeof effectRaw !== 'string') return syntax();
  const lower = effectRaw.toLowerCase();
  if (lower !== 'allow' && lower !== 'deny') syntax();
  const effect: Effect = lower === 'allow' ? 'Allow' : 'Deny';

  const st: Statement = { index, effect, conditions: [] };
  if (hasOwn(raw, 'Sid')) {
    if (typeof raw.Sid !== 'string') syntax();
    st.sid = raw.Sid as string;
  }
  if (hasOwn(raw, 'Principal')) st.principal = parsePrincipalSpec(raw.Principal);
  if (hasOwn(raw, 'NotPrincipal')) st.notPrincipal = parsePrincipalSpec(raw.NotPrincipal);
  if (hasOwn(raw, 'Action')) st.action = stringList(raw.Action);
  if (hasOwn(raw, 'NotAction')) st.notAction = stringList(raw.NotAction);
  if (hasOwn(raw, 'Resource')) st.resource = stringList(raw.Resource);
  if (hasOwn(raw, 'NotResource')) st.notResource = stringList(raw.NotResource);
  if (hasOwn(raw, 'Condition')) st.conditions = parseConditions(raw.Condition);
  return {
    statement: st,
    effectRaw,
    hasAction: hasOwn(raw, 'Action') || hasOwn(raw, 'NotAction'),
    hasResource: hasOwn(raw, 'Resource') || hasOwn(raw, 'NotResource'),
  };
}

/** Checks the shape of a JSON value as IAM's first phase does and builds the AST. */
export function parseShape(json: unknown): Parsed {
  if (!isObject(json)) return syntax();
  for (const k of Object.keys(json)) if (!TOP_KEYS.has(k)) syntax();
  const doc: PolicyDocument = { statements: [] };
  if (hasOwn(json, 'Version')) {
    if (typeof json.Version !== 'string' || !VERSIONS.has(json.Version)) syntax();
    doc.version = json.Version as string;
  }
  if (hasOwn(json, 'Id')) {
    if (typeof json.Id !== 'string') syntax();
    doc.id = json.Id as string;
  }
  const rawStatements = json.Statement;
  let list: unknown[];
  if (Array.isArray(rawStatements)) list = rawStatements;
  else if (isObject(rawStatements)) list = [rawStatements];
  else return syntax();
  if (list.length === 0) syntax();
  const drafts = list.map(parseStatement);
  doc.statements = drafts.map((d) => d.statement);
  return { doc, drafts };
}
