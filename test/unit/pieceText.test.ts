/**
 * PieceText (engine/util/pieceText.ts) answers as the string it stands for: after random edits, with tiny pieces
 * so that searches and slices cross piece boundaries, every method the engine reads texts with gives the
 * string's answer, for every position (negative, past the end, NaN included).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PieceText, flat } from '../../server/src/engine/util/pieceText';

const unit = fc.constantFrom('a', 'b', 'ab', ' ', '\n', '\r\n', '#', 'é', '😀', 'key: 1\n');
const needles = ['', 'a', 'b', 'ab', 'ba', 'aba', '\n', '\r\n', 'key: 1', ': 1\nkey', '😀', 'zz'];
const positions = (len: number): (number | undefined)[] => [undefined, NaN, -5, -1, 0, 1, 2, len >> 1, len - 2, len - 1, len, len + 3, 2.7];

function sameAnswers(t: PieceText, s: string, what: string): void {
  assert.equal(t.length, s.length, `${what}: length`);
  for (let i = -1; i <= s.length; i++) assert.equal(t.charCodeAt(i), s.charCodeAt(i), `${what}: charCodeAt(${i})`);
  for (const a of positions(s.length))
    for (const b of positions(s.length)) assert.equal(t.slice(a, b), s.slice(a, b), `${what}: slice(${a}, ${b})`);
  for (const n of needles)
    for (const p of positions(s.length)) {
      assert.equal(t.indexOf(n, p), s.indexOf(n, p), `${what}: indexOf(${JSON.stringify(n)}, ${p})`);
      assert.equal(t.lastIndexOf(n, p), s.lastIndexOf(n, p), `${what}: lastIndexOf(${JSON.stringify(n)}, ${p})`);
      assert.equal(t.includes(n, p), s.includes(n, p), `${what}: includes`);
      assert.equal(t.startsWith(n, p), s.startsWith(n, p), `${what}: startsWith`);
    }
}

test('PieceText: every method answers as the string, after every edit, across piece boundaries', () => {
  const edit = fc.record({ a: fc.nat(), b: fc.nat(), text: fc.string({ unit, maxLength: 8 }) });
  fc.assert(
    fc.property(
      fc.string({ unit, maxLength: 30 }),
      fc.array(edit, { maxLength: 8 }),
      fc.integer({ min: 1, max: 5 }),
      (text, edits, size) => {
        let s = text;
        let t = PieceText.of(text, size);
        sameAnswers(t, s, 'new');
        edits.forEach((e, i) => {
          const [x, y] = [e.a % (s.length + 1), e.b % (s.length + 1)];
          const [start, end] = x <= y ? [x, y] : [y, x];
          const before = t;
          t = t.replace(start, end, e.text, size);
          const old = s;
          s = s.slice(0, start) + e.text + s.slice(end);
          sameAnswers(t, s, `edit ${i + 1}`);
          assert.equal(before.toString(), old, 'the previous version is unchanged');
        });
        assert.equal(flat(t), s);
      },
    ),
    { numRuns: 300, seed: 11 },
  );
});

test('PieceText: an edit copies one piece, and nothing joins the pieces until toString', () => {
  const text = 'line: value\n'.repeat(10_000);
  const joins = PieceText.joins;
  let t = PieceText.of(text, 1024);
  for (let i = 0; i < 50; i++) t = t.replace(60_000 + 2 * i, 60_001 + 2 * i, 'xy');
  assert.equal(t.charCodeAt(60_000), 'x'.charCodeAt(0));
  assert.equal(t.indexOf('xyxy'), 60_000);
  assert.equal(t.lastIndexOf('\n', 60_000), 59_999);
  assert.equal(t.slice(59_990, 60_010), text.slice(59_990, 60_000) + 'xy'.repeat(5));
  assert.equal(PieceText.joins, joins, 'no join while reading');
  assert.equal(t.toString(), t.toString());
  assert.equal(PieceText.joins, joins + 1, 'joined once');
  assert.equal(t.length, text.length + 50);
});
