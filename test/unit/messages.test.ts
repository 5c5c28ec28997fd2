/**
 * Every diagnostic starts with a headline: one sentence of at most 100 characters that says what is wrong and
 * what happens; the explanation follows. This walks every rule's message ids and renders each headline with data
 * of the longest length a headline shows (longer values are shortened), so no input can make one longer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../server/src/engine/rules/registry';
import { MAX_DATA_LENGTH, renderHeadline, renderMessage } from '../../server/src/engine/rules/rule';
import { lintText } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/config';

const placeholders = (t: string) => [...t.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);

for (const r of rules) {
  test(`${r.meta.id}: every headline is one sentence of at most 100 characters`, () => {
    const ids = Object.keys(r.meta.messages);
    assert.ok(ids.length > 0, 'the rule declares its messages');
    for (const id of ids) {
      const template = r.meta.messages[id];
      // Realistic worst case: every value as long as a headline shows it (a code span, shortened).
      const data = Object.fromEntries(placeholders(template).map((k) => [k, '`' + 'x'.repeat(MAX_DATA_LENGTH + 10) + '`']));
      const headline = renderHeadline(r.meta, id, data);
      assert.ok(headline.length <= 100, `${id}: ${headline.length} characters: ${headline}`);
      assert.match(headline, /[.?]$/, `${id}: ends a sentence`);
      assert.ok(!/[.?!] [A-Z`]/.test(headline.replace(/\?$/, '')) || id === 'didYouMean', `${id}: one sentence: ${headline}`);
      assert.match(headline, /: /, `${id}: says what is wrong, then what happens: ${headline}`);
    }
  });
}

test('a headline with its explanation', () => {
  const meta = { id: 'x', messages: { a: '{{v}} is wrong: it breaks.' } };
  assert.equal(renderMessage(meta, { messageId: 'a', data: { v: '`y`' }, message: 'Because.' }), '`y` is wrong: it breaks. Because.');
  assert.equal(
    renderMessage(meta, { messageId: 'a', data: { v: '`' + 'z'.repeat(40) + '`' }, message: '' }),
    '`' + 'z'.repeat(MAX_DATA_LENGTH - 3) + '…` is wrong: it breaks.',
  );
  assert.throws(() => renderHeadline(meta, 'b'), /no message id b/);
  assert.throws(() => renderHeadline(meta, 'a', {}), /no data for \{\{v\}\}/);
});

test('files that are not linted say so in a first sentence of at most 100 characters', () => {
  const cases = ['a\u0000b', 'x: ' + '['.repeat(5000) + ']'.repeat(5000), 'k: ' + 'v'.repeat(3000)];
  for (const text of cases) {
    const res = lintText(text, { filePath: 'vcluster-platform.yaml', config: { ...DEFAULT_CONFIG, maxFileSize: 2048 } });
    const first = res.findings[0].message.split(/(?<=[.?]) /)[0];
    assert.ok(first.length <= 100 && /not linted/.test(first), first);
  }
});
