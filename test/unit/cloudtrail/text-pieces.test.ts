// TextPieces (a record's JSON built as pieces in a reused array) and the element writers that append to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextPieces } from '../../../src/services/cloudtrail/text-pieces.js';
import { elementsJson } from '../../../src/services/cloudtrail/elements.js';
import { loadModel } from '../../../src/wire/models.js';

test('a shorter record after a longer one joins only its own pieces; slots can be refilled', () => {
  const p = new TextPieces();
  const words = Array.from({ length: 2_000 }, (_, i) => `w${i},`);
  for (const count of [3, 100, 5, 2_000, 1, 0, 70]) {
    p.reset();
    for (let i = 0; i < count; i++) p.add(words[i]!);
    assert.equal(p.join(), words.slice(0, count).join(''));
    if (count > 2) {
      p.set(1, 'X');
      assert.equal(p.join(), [words[0], 'X', ...words.slice(2, count)].join(''));
    }
  }
  // Dropping pieces by moving n back, as a writer does for a member it leaves out.
  p.reset();
  p.add('a');
  const mark = p.n;
  p.add('b');
  p.add('c');
  p.n = mark;
  p.add('d');
  assert.equal(p.join(), 'ad');
  assert.equal(p.charsFrom(0), 2);
});

test('string elements are written as JSON.stringify writes them, escapes included', () => {
  const iam = loadModel('iam');
  for (const name of [
    'plain',
    'q"uote',
    'back\\slash',
    'ctl\u0001\n\t',
    'lone\ud800',
    'pair😀',
    'é€',
    '\u2028',
  ]) {
    const text = elementsJson(iam, 'GetUserRequest', { UserName: name });
    assert.equal(text, `{"userName":${JSON.stringify(name)}}`);
  }
});
