/**
 * firstIndexOf (engine/util/textSearch.ts) answers exactly as `indexOf` while it searches only the edited
 * window of a big text: random sequences of edits (inserting, deleting and replacing around occurrences of the
 * needle, and whole other texts) checked against a full search after each one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstIndexOf } from '../../server/src/engine/util/textSearch';

const NEEDLE = 'vcluster-cors-disable';
const BIG = 70 * 1024; // over the size where the window search starts
const filler = (n: number) => 'key: value\n'.repeat(Math.ceil(n / 11)).slice(0, n);

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.nat({ max: 40 }),
  ins: fc.constantFrom('', 'x', NEEDLE, NEEDLE.slice(0, 7), NEEDLE.slice(7), '# ' + NEEDLE + '\n', 'vcluster', '-disable'),
  fresh: fc.boolean(),
});

test('firstIndexOf equals indexOf after any edit sequence', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), fc.nat({ max: 3 }), (edits, seeds) => {
      let text = filler(BIG);
      for (let i = 0; i < seeds; i++) {
        const at = Math.floor(((i + 1) * text.length) / (seeds + 2));
        text = text.slice(0, at) + NEEDLE + text.slice(at);
      }
      assert.equal(firstIndexOf(text, NEEDLE), text.indexOf(NEEDLE));
      for (const e of edits) {
        if (e.fresh && e.del > 35) text = filler(BIG + e.del) + (e.ins === NEEDLE ? NEEDLE : '');
        else {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
        }
        assert.equal(firstIndexOf(text, NEEDLE), text.indexOf(NEEDLE));
      }
    }),
    { numRuns: 150 },
  );
});

test('firstIndexOf on small texts and edits right at the needle', () => {
  assert.equal(firstIndexOf('a vcluster-cors-disable b', NEEDLE), 2);
  let text = filler(BIG) + NEEDLE + filler(100);
  const at = text.indexOf(NEEDLE);
  assert.equal(firstIndexOf(text, NEEDLE), at);
  text = text.slice(0, at + 3) + 'X' + text.slice(at + 3); // breaks the only occurrence
  assert.equal(firstIndexOf(text, NEEDLE), -1);
  text = text.slice(0, at + 3) + text.slice(at + 4); // mends it
  assert.equal(firstIndexOf(text, NEEDLE), at);
  text = NEEDLE + text; // an earlier one
  assert.equal(firstIndexOf(text, NEEDLE), 0);
});
