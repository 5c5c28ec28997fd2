/**
 * The editor's change events as a hint for comparing two versions of a text: the language server's document
 * copies record where they changed (lsp/documents.ts takeEdit), and textDiff, told so (noteEdit), gives the same
 * common prefix and suffix as comparing the whole texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextCopy } from '../../server/src/lsp/textCopy';
import { commonPrefix, commonSuffix, noteEdit, textDiff } from '../../server/src/engine/parse/incremental';
import { applyChanges, takeEdit } from '../../server/src/lsp/documents';
import { flat } from '../../server/src/engine/util/pieceText';

/** What textDiff answers without a hint. */
function plainDiff(a: string, b: string): { prefix: number; suffix: number } {
  const prefix = commonPrefix(a, b);
  return { prefix, suffix: commonSuffix(a, b, Math.min(a.length, b.length) - prefix) };
}

const unit = fc.constantFrom('a', 'b', '\n', 'ab', ' ', 'x\n');

test('incremental edits: textDiff told where a text changed answers as comparing it all', () => {
  fc.assert(
    fc.property(
      fc.string({ unit, maxLength: 60 }),
      fc.nat(),
      fc.nat(6),
      fc.string({ unit, maxLength: 6 }),
      fc.nat(3),
      fc.nat(3),
      (a, at, del, ins, wider, widerEnd) => {
        const s = at % (a.length + 1);
        const e = Math.min(a.length, s + del);
        const b = a.slice(0, s) + ins + a.slice(e);
        // The exact change, and one reported wider than it is (an editor may replace text with itself).
        for (const [start, end] of [
          [s, e],
          [Math.max(0, s - wider), Math.min(a.length, e + widerEnd)],
        ]) {
          // Fresh strings: textDiff keeps its last answer per pair of texts.
          const a2 = (' ' + a).slice(1);
          const b2 = a2.slice(0, s) + ins + a2.slice(e);
          noteEdit(a2, b2, start, end);
          assert.deepEqual({ ...textDiff(a2, b2), a: undefined, b: undefined }, { ...plainDiff(a, b), a: undefined, b: undefined });
        }
      },
    ),
    { numRuns: 400, seed: 3 },
  );
});

test('incremental edits: a hint for another pair of texts is not used', () => {
  const a = 'x'.repeat(1000) + 'abc' + 'y'.repeat(1000);
  const b = 'x'.repeat(1000) + 'aXc' + 'y'.repeat(1000);
  const c = 'x'.repeat(1000) + 'abc' + 'y'.repeat(999) + 'z';
  // A (wrong) hint about a and b: asked about a and c, textDiff compares them.
  noteEdit(a, b, 1001, 1002);
  assert.deepEqual({ ...textDiff(a, c) }, { a, b: c, prefix: 2002, suffix: 0 });
  // Out of range: ignored.
  noteEdit(a, b, 1500, 1200);
  assert.deepEqual({ ...textDiff(a, b) }, { a, b, prefix: 1001, suffix: 1001 });
});

test('incremental edits: the document copy reports where it changed since its text was last taken', () => {
  const change = fc.record({
    line: fc.nat(12),
    ch: fc.nat(8),
    lines: fc.nat(2),
    chars: fc.nat(8),
    text: fc.string({ unit, maxLength: 5 }),
  });
  fc.assert(
    fc.property(fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (batches) => {
      const doc = new TextCopy('file:///x.yaml', 'yaml', 1, 'a: 1\nb:\n  c: 2\n  d: [x, y]\n\ne: "text"\n');
      let before = doc.getText();
      takeEdit(doc);
      let version = 1;
      for (const batch of batches) {
        for (const c of batch) {
          const range = { start: { line: c.line, character: c.ch }, end: { line: c.line + c.lines, character: c.chars } };
          applyChanges(doc, [{ range, text: c.text }], ++version);
        }
        const after = doc.getText();
        const edit = takeEdit(doc);
        if (before === after && !edit) continue;
        assert.ok(edit);
        assert.equal(flat(edit.before), before);
        // Outside the reported range, the texts agree.
        const tail = before.length - edit.beforeEnd;
        assert.ok(edit.start <= edit.beforeEnd && after.length - tail >= edit.start);
        assert.equal(after.slice(0, edit.start), before.slice(0, edit.start));
        assert.equal(after.slice(after.length - tail), before.slice(edit.beforeEnd));
        before = after;
      }
      // A full-text change leaves nothing to report.
      applyChanges(doc, [{ text: 'x: 1\n' }], version + 1);
      assert.equal(takeEdit(doc), undefined);
    }),
    { numRuns: 300, seed: 9 },
  );
});
