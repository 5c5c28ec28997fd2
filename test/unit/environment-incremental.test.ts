/**
 * environmentComment (engine/config/environment.ts) after an edit of a big text searches only the edited lines
 * and reuses the previous answer for the others: random edit sequences (typing and breaking `# vcluster-cors:
 * env=…` comments, joining and splitting lines, above, on and below the first comment, and whole other texts)
 * checked against a full search after each one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { environmentComment, searchComment } from '../../server/src/engine/config/environment';

const BIG = 70 * 1024; // over the size where the edited-lines search starts
const filler = (n: number) => 'key: value # vcluster-cors: note\n'.repeat(Math.ceil(n / 33)).slice(0, n);
const COMMENT = '# vcluster-cors: env=development\n';

const full = (text: string) => {
  const f = searchComment(text, 0, text.length);
  return f && { environment: f.environment, line: f.line };
};

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.nat({ max: 40 }),
  ins: fc.constantFrom(
    '',
    'x',
    '\n',
    ' ',
    '#',
    '-',
    '\r\n',
    COMMENT,
    '# vcluster-cors: env=production',
    'env=production',
    'env=dev',
    'ment',
    '\n# vcluster-cors: ',
  ),
  fresh: fc.boolean(),
});

test('environmentComment equals a full search after any edit sequence', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), fc.nat({ max: 3 }), (edits, seeds) => {
      let text = filler(BIG);
      for (let i = 0; i < seeds; i++) {
        const at = text.indexOf('\n', Math.floor(((i + 1) * text.length) / (seeds + 2))) + 1;
        text = text.slice(0, at) + (i % 2 ? COMMENT.replace('development', 'production') : COMMENT) + text.slice(at);
      }
      assert.deepEqual(environmentComment(text), full(text));
      for (const e of edits) {
        if (e.fresh && e.del > 35) text = filler(BIG + e.del) + (e.ins === COMMENT ? COMMENT : '');
        else {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
        }
        assert.deepEqual(environmentComment(text), full(text));
      }
    }),
    { numRuns: 200 },
  );
});

test('environmentComment: a comment typed, moved down by an edit above it, then broken', () => {
  let text = filler(BIG) + '\n' + COMMENT + filler(100);
  const line = text.slice(0, text.indexOf(COMMENT)).split('\n').length;
  assert.deepEqual(environmentComment(text), { environment: 'development', line });
  text = 'a: 1\n' + text; // a line above it
  assert.deepEqual(environmentComment(text), { environment: 'development', line: line + 1 });
  text = 'a: 1\n' + text.slice(5).replace('env=development', 'env=developmentX'); // no longer a comment that counts
  assert.equal(environmentComment(text), undefined);
  text = '# vcluster-cors: env=production\n' + text; // one at the head of the file
  assert.deepEqual(environmentComment(text), { environment: 'production', line: 1 });
});
