/**
 * The server's document copy (lsp/textCopy.ts) against vscode-languageserver-textdocument, the library it stands
 * in for: after every edit, the same text, line count, offsets, positions, line ranges and line breaks, with the
 * text in a string and in pieces (engine/util/pieceText.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextCopy } from '../../server/src/lsp/textCopy';
import { PIECES_MIN_LENGTH } from '../../server/src/engine/util/pieceText';

/** Line breaks of every kind, characters of one and two bytes, a surrogate pair. */
const unit = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é', 'ÿ', '€', '😀', 'key: 1\n');

/** Everything the two documents answer about their text. */
function sameAnswers(ours: TextCopy, theirs: TextDocument, what: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, `${what}: text`);
  assert.equal(ours.lineCount, theirs.lineCount, `${what}: line count`);
  for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(ours.positionAt(o), theirs.positionAt(o), `${what}: positionAt(${o})`);
  for (let line = -1; line <= theirs.lineCount; line++) {
    for (const character of [-1, 0, 1, 2, 5, 1000]) {
      const p = { line, character };
      assert.equal(ours.offsetAt(p), theirs.offsetAt(p), `${what}: offsetAt(${line}:${character})`);
    }
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${what}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${what}: getEOLCharacters(${line})`);
  }
  const whole = { start: { line: 0, character: 1 }, end: { line: theirs.lineCount - 1, character: 3 } };
  assert.equal(ours.getText(whole), theirs.getText(whole), `${what}: getText(range)`);
}

/** An edit between two offsets (either order) of the current text, as positions; characters past a line's end too. */
const edit = fc.record({ a: fc.nat(), b: fc.nat(), past: fc.nat(3), text: fc.string({ unit, maxLength: 6 }) });

for (const [name, piecesFrom, pieceSize] of [
  ['in a string', Infinity, undefined],
  ['in pieces', 0, 3],
] as const) {
  test(`text copy ${name}: answers as vscode-languageserver-textdocument after every edit`, () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
        const ours = new TextCopy('file:///x.yaml', 'yaml', 1, text, piecesFrom, pieceSize);
        let theirs = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
        sameAnswers(ours, theirs, 'opened');
        edits.forEach((e, i) => {
          const n = theirs.getText().length + 1;
          const start = theirs.positionAt(e.a % n);
          const end = theirs.positionAt(e.b % n);
          // A character past the line's end (the editor never sends one; both clamp it to the line's end).
          if (e.past && start.line === end.line) end.character += e.past;
          const change = { range: { start, end }, text: e.text };
          ours.update([change], i + 2);
          theirs = TextDocument.update(theirs, [change], i + 2);
          assert.equal(ours.version, i + 2);
          sameAnswers(ours, theirs, `edit ${i + 1} ${JSON.stringify(change)}`);
        });
        const full = { text: 'a\r\nb\n' };
        ours.update([full], 99);
        theirs = TextDocument.update(theirs, [full], 99);
        sameAnswers(ours, theirs, 'full-text change');
      }),
      { numRuns: 300, seed: 23 },
    );
  });
}

test('text copy: a text past the pieces threshold edits as a string does', () => {
  const line = 'components:\n  replicas: 1   # é ÿ\n';
  const text = line.repeat(Math.ceil(PIECES_MIN_LENGTH / line.length) + 10);
  const ours = new TextCopy('file:///big.yaml', 'yaml', 1, text);
  let expected = text;
  const edits: [number, number, string][] = [
    [13, 14, 'x'], // same length
    [100, 100, 'inserted\n'], // longer, a line more
    [text.length - 40, text.length - 5, ''], // shorter, near the end
    [500, 510, '€ – 😀'], // wider characters
    [600, 1000, 'y'], // much shorter
    [2000, 2000, 'z'.repeat(300_000)], // more than a piece
    [0, 400_000, ''], // across many pieces
  ];
  edits.forEach(([s, e, t], i) => {
    const at = (o: number): { line: number; character: number } => ours.positionAt(o);
    ours.update([{ range: { start: at(s), end: at(e) }, text: t }], i + 2);
    expected = expected.slice(0, s) + t + expected.slice(e);
    assert.equal(ours.getText(), expected, `edit ${i + 1}`);
    const reference = TextDocument.create('file:///big.yaml', 'yaml', 1, expected);
    assert.equal(ours.lineCount, reference.lineCount, `edit ${i + 1}: line count`);
    for (const o of [0, s, s + t.length, expected.length >> 1, expected.length])
      assert.deepEqual(ours.positionAt(o), reference.positionAt(o), `edit ${i + 1}: positionAt(${o})`);
  });
});
