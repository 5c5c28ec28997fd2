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
import { lintText } from '../../server/src/engine/index';
import { overlap, assertRatchet, restatedHeadline } from '../rules/_headlineRepeat';

const root = join(__dirname, '../../..');

/** Message ids whose explanation still restates the headline: none left, and a new one fails below. */
const KNOWN: readonly string[] = [];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

test('the overlap measure', () => {
  assert.equal(overlap('`a` is off: nothing happens.', '`a` is off, so nothing happens.'), 1);
  assert.equal(overlap('Origin echoed without Vary.', 'Shared caches store one response per URL.'), 0);
});

test('explanations do not restate their headline', () => {
  const repeating = new Set<string>();
  for (const file of [...yamlFiles(join(root, 'examples')), ...yamlFiles(join(root, 'test/fixtures'))]) {
    for (const f of lintText(readFileSync(file, 'utf8'), { filePath: file }).findings) {
      const key = restatedHeadline(f);
      if (key) repeating.add(key);
    }
  }
  assertRatchet(repeating, KNOWN);
});
