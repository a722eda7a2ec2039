import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compileTemplate,
  hasVariables,
  parseTemplate,
  resolveVariable,
  templateVariables,
} from '../../../src/policy/variables.js';
import { makeContext } from '../../../src/policy/context.js';

test('parseTemplate splits text and variables', () => {
  assert.deepEqual(parseTemplate('arn:aws:s3:::b/${aws:username}/*'), [
    { text: 'arn:aws:s3:::b/' },
    { variable: 'aws:username' },
    { text: '/*' },
  ]);
  assert.deepEqual(parseTemplate('plain'), [{ text: 'plain' }]);
  assert.deepEqual(parseTemplate(''), []);
  assert.deepEqual(parseTemplate('${aws:userid}'), [{ variable: 'aws:userid' }]);
});

test('parseTemplate: escapes become text parts', () => {
  assert.deepEqual(parseTemplate('a${*}b${?}${$}'), [
    { text: 'a' },
    { text: '*' },
    { text: 'b' },
    { text: '?' },
    { text: '$' },
  ]);
});

test('parseTemplate: defaults in single quotes, comma and space, with tolerated spacing and quote escape', () => {
  assert.deepEqual(parseTemplate("${aws:PrincipalTag/team, 'none'}"), [
    { variable: 'aws:PrincipalTag/team', defaultValue: 'none' },
  ]);
  assert.deepEqual(parseTemplate("${ aws:userid ,'anonymous' }"), [
    { variable: 'aws:userid', defaultValue: 'anonymous' },
  ]);
  assert.deepEqual(parseTemplate("${aws:userid, ''}"), [{ variable: 'aws:userid', defaultValue: '' }]);
  assert.deepEqual(parseTemplate("${k, 'it''s}'}x"), [
    { variable: 'k', defaultValue: "it's}" },
    { text: 'x' },
  ]);
});

test('parseTemplate: malformed or unclosed variables stay literal', () => {
  assert.deepEqual(parseTemplate('a${aws:username'), [{ text: 'a${aws:username' }]);
  assert.deepEqual(parseTemplate('${}'), [{ text: '${}' }]);
  assert.deepEqual(parseTemplate('${a b}'), [{ text: '${a b}' }]);
  assert.deepEqual(parseTemplate('${k, none}'), [{ text: '${k, none}' }]);
  assert.deepEqual(parseTemplate('$x {y}'), [{ text: '$x {y}' }]);
});

test('hasVariables and templateVariables', () => {
  assert.equal(hasVariables('arn:aws:s3:::b/*'), false);
  assert.equal(hasVariables('${aws:username}'), true);
  assert.equal(hasVariables('a${*}'), true); // the text differs from the substituted one
  assert.equal(hasVariables('${'), false);
  assert.deepEqual(templateVariables("x/${aws:username}/${aws:PrincipalTag/t, 'd'}/${*}"), [
    'aws:username',
    'aws:PrincipalTag/t',
  ]);
});

test('resolveVariable: value, default, missing, multi-valued, case-insensitive name', () => {
  const ctx = makeContext({
    'aws:username': 'alice',
    'aws:PrincipalTag/Team': 'red',
    'aws:TagKeys': ['a', 'b'],
    'x:empty': '',
  });
  assert.equal(resolveVariable('aws:username', undefined, ctx), 'alice');
  assert.equal(resolveVariable('AWS:UserName', undefined, ctx), 'alice');
  assert.equal(resolveVariable('aws:principaltag/team', undefined, ctx), 'red');
  assert.equal(resolveVariable('aws:userid', undefined, ctx), undefined);
  assert.equal(resolveVariable('aws:userid', 'anonymous', ctx), 'anonymous');
  assert.equal(resolveVariable('aws:TagKeys', undefined, ctx), undefined);
  assert.equal(resolveVariable('aws:TagKeys', 'd', ctx), 'd');
  assert.equal(resolveVariable('x:empty', 'd', ctx), '');
});

test('compileTemplate: constant, single variable, mixed, unresolvable', () => {
  const ctx = makeContext({ 'aws:username': 'bob', 'aws:SourceIdentity': 'si' });
  assert.equal(compileTemplate('no vars')(ctx), 'no vars');
  assert.equal(compileTemplate('${aws:username}')(ctx), 'bob');
  assert.equal(compileTemplate('home/${aws:username}/${aws:SourceIdentity}/${*}')(ctx), 'home/bob/si/*');
  assert.equal(compileTemplate('home/${aws:userid}/x')(ctx), undefined);
  assert.equal(compileTemplate("home/${aws:userid, 'anon'}/x")(ctx), 'home/anon/x');
  assert.equal(compileTemplate('${$}{aws:username}')(ctx), '${aws:username}'); // single substitution round
});

test('property: a string without "${" is its own template', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !s.includes('${')),
      (s) => {
        assert.equal(compileTemplate(s)(makeContext({})), s);
        assert.equal(hasVariables(s), false);
      },
    ),
  );
});

test('property: text + variable + text resolves to the concatenation', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !s.includes('$')),
      fc.string(),
      fc.string().filter((s) => !s.includes('$')),
      (a, v, b) => {
        assert.equal(
          compileTemplate(`${a}\${aws:username}${b}`)(makeContext({ 'aws:username': v })),
          a + v + b,
        );
      },
    ),
  );
});
