/**
 * Seeded, bounded engine fuzzing over examples/ and test/fixtures (test/fuzz/engine.ts has the properties).
 * `npm run fuzz` runs the same properties with fresh seeds for minutes; a failure prints its seed, and
 * `FUZZ_SEED=<seed> npm run fuzz` (or changing SEED here) replays it.
 */
import { test } from 'node:test';
import { loadCorpus } from '../fuzz/corpus';
import { fuzzEngine } from '../fuzz/engine';

const SEED = 20261202;

test('fuzz: mutated corpus files never throw; fix-all output is strict, not worse, keeps line breaks, and is a fixed point', () => {
  const corpus = loadCorpus();
  fuzzEngine(corpus, SEED, 600);
});
