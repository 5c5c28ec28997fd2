/**
 * A finding's message is a headline (meta.messages) and then an explanation: the explanation should add the
 * why, not say the headline again. This lints the examples and fixtures and flags findings whose explanation's
 * first sentence shares most of its words with the headline. The message ids that still do are listed (a
 * ratchet, like size.test.ts): a new one fails, and one that no longer repeats itself must leave the list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, ruleById } from '../../server/src/engine/index';

const root = join(__dirname, '../../..');

/** Message ids whose explanation still restates the headline: none left, and a new one fails below. */
const KNOWN: readonly string[] = [];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const words = (s: string) => new Set(s.toLowerCase().replace(/[`'"().,:;]/g, ' ').split(/\s+/).filter((w) => w.length > 2));

/** Share of the smaller sentence's words that the other one has too. */
function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size);
}

test('the overlap measure', () => {
  assert.equal(overlap('`a` is off: nothing happens.', '`a` is off, so nothing happens.'), 1);
  assert.equal(overlap('Origin echoed without Vary.', 'Shared caches store one response per URL.'), 0);
});

test('explanations do not restate their headline', () => {
  const repeating = new Set<string>();
  for (const file of [...yamlFiles(join(root, 'examples')), ...yamlFiles(join(root, 'test/fixtures'))]) {
    for (const f of lintText(readFileSync(file, 'utf8'), { filePath: file }).findings) {
      const template = f.messageId ? ruleById.get(f.ruleId)?.meta.messages[f.messageId] : undefined;
      if (!template) continue;
      const headline = template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(f.data?.[k] ?? ''));
      if (!f.message.startsWith(headline)) continue;
      const first = f.message.slice(headline.length).trim().split(/(?<=[.!?])\s/)[0] ?? '';
      if (overlap(headline, first) >= 0.6) repeating.add(`${f.ruleId}/${f.messageId}`);
    }
  }
  const found = [...repeating].sort();
  assert.deepEqual(found.filter((k) => !KNOWN.includes(k)), [], 'the explanation repeats the headline: say why instead');
  assert.deepEqual(KNOWN.filter((k) => !found.includes(k)), [], 'no longer repeats its headline: remove it from KNOWN');
});
