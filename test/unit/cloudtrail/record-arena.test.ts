// RecordArena: records kept as UTF-8 views into shared off-heap buffers until they are stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordArena } from '../../../src/services/cloudtrail/record-arena.js';

test('each record reads back exactly, whatever its characters, across arena changes', () => {
  const arena = new RecordArena();
  const texts: string[] = [];
  for (let i = 0; i < 3_000; i++) {
    // ASCII, two- and three-byte characters, astral (surrogate pairs), and a few large records.
    const unit = ['{"a":1}', 'é', '€', '😀', 'x'.repeat(900)][i % 5]!;
    texts.push(`{"i":${i},"t":"${unit.repeat(1 + (i % 7))}"}` + (i % 997 === 0 ? 'L'.repeat(300_000) : ''));
  }
  const views = texts.map((t, i) => {
    if (i % 500 === 499) arena.seal();
    return arena.bytes(t);
  });
  views.forEach((v, i) => assert.equal(v.toString('utf8'), texts[i], `record ${i}`));
  // Views share a few large buffers (not Node's 8 KiB pool); a large record has its own.
  const buffers = new Set(views.map((v) => v.buffer));
  assert.ok(buffers.size < 60, String(buffers.size));
  assert.ok(views.every((v) => v.buffer.byteLength >= 64 * 1024 || v.length > 256 * 1024));
});

test('after a seal the next records go to a new arena sized for what was written', () => {
  const arena = new RecordArena();
  const a = arena.bytes('x'.repeat(100));
  const b = arena.bytes('y'.repeat(100));
  assert.equal(a.buffer, b.buffer);
  arena.seal();
  const c = arena.bytes('z');
  assert.notEqual(c.buffer, a.buffer);
  assert.equal(c.buffer.byteLength, 64 * 1024); // the minimum
  for (let i = 0; i < 2_000; i++) arena.bytes('w'.repeat(1000));
  arena.seal();
  assert.equal(arena.bytes('v').buffer.byteLength, 1024 * 1024); // ~2 MB written: the maximum
});
