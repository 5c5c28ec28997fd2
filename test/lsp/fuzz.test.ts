/**
 * Seeded, bounded language-server fuzzing (test/fuzz/lsp.ts has the properties). `npm run fuzz` runs it with
 * fresh seeds; a failure prints its seed, and `FUZZ_SEED=<seed> npm run fuzz` replays it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../fuzz/corpus';
import { fuzzLsp } from '../fuzz/lsp';

test('fuzz: random positions, edits past the end and cancels; every request answered, incremental == fresh', async () => {
  const counts = await fuzzLsp(loadCorpus(), { seed: 20261202, docs: 12, opsPerDoc: 40, answerMs: 1000 });
  assert.equal(counts.comparisons, 12);
  assert.ok(counts.outOfRange > 0 && counts.edits > 0 && counts.requests > 0, JSON.stringify(counts));
});
