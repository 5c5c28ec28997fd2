/**
 * The README rule table and each docs/rules/<id>.md header table are generated from the rules' meta
 * (`npm run docs`); this fails when one of them is stale.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../server/src/engine/rules/registry';
import {
  PAGE_BEGIN,
  PAGE_END,
  README_BEGIN,
  README_END,
  pageTable,
  readmeTable,
  replaceBetween,
} from '../../server/src/engine/rules/_docs';

const root = join(__dirname, '../../..');
const STALE = 'stale: run `npm run docs`';

test('README rule table is generated from the meta', () => {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const want = replaceBetween(text, README_BEGIN, README_END, readmeTable(rules));
  assert.ok(want !== undefined, 'README.md lacks the rules:begin/rules:end markers');
  assert.equal(text, want, STALE);
});

for (const r of rules) {
  test(`docs/rules/${r.meta.id}.md header table is generated from the meta`, () => {
    const text = readFileSync(join(root, 'docs/rules', `${r.meta.id}.md`), 'utf8');
    const want = replaceBetween(text, PAGE_BEGIN, PAGE_END, pageTable(r.meta));
    assert.ok(want !== undefined, 'the page lacks the meta:begin/meta:end markers');
    assert.equal(text, want, STALE);
  });
}

test('the tables say what the meta says', () => {
  const wo = rules.find((r) => r.meta.id === 'wildcard-origin')!;
  assert.equal(
    pageTable(wo.meta).split('\n')[2],
    '| `error` in production, `warning` in development | yes (unsafe: placeholder origin) | semantic (every controller) |',
  );
  const mv = rules.find((r) => r.meta.id === 'missing-vary-header')!;
  assert.match(
    readmeTable(rules),
    /\| \[missing-vary-header\]\(docs\/rules\/missing-vary-header\.md\) \| `warning` \| yes \(safe\) \| Traefik \|/,
  );
  assert.deepEqual(mv.meta.controllers, ['traefik']);
});
