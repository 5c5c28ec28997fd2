/**
 * Seeded, bounded engine fuzzing over examples/ and test/fixtures (test/fuzz/engine.ts has the properties).
 * `npm run fuzz` runs the same properties with fresh seeds for minutes; a failure prints its seed, and
 * `FUZZ_SEED=<seed> npm run fuzz` (or changing SEED here) replays it.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import { spliceBytes } from '../../server/src/cli/io';
import { loadCorpus } from '../fuzz/corpus';
import { fuzzEngine } from '../fuzz/engine';

const SEED = 20261202;

test('fuzz: mutated corpus files never throw; fix-all output is strict, not worse, keeps line breaks, and is a fixed point', () => {
  const corpus = loadCorpus();
  fuzzEngine(corpus, SEED, 600);
});

test('fuzz: the CLI splices a fix into the original bytes: the result is the fixed text, every other byte kept', () => {
  const unit = fc.constantFrom('a', ' ', '\n', '\r\n', 'é', '日', '🚀', '\uFEFF', ':', '"');
  const str = fc.array(unit, { maxLength: 30 }).map((x) => x.join(''));
  fc.assert(
    fc.property(str, fc.nat(), fc.nat(), str, (before, a, b, insert) => {
      // Cut at code point boundaries (as the engine's edits do).
      // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points on purpose
      const cps = [...before];
      const s = a % (cps.length + 1);
      const e = s + (b % (cps.length - s + 1));
      const after = cps.slice(0, s).join('') + insert + cps.slice(e).join('');
      const original = Buffer.from(before, 'utf8');
      const out = spliceBytes(original, before, after);
      if (!out.equals(Buffer.from(after, 'utf8')))
        throw new Error(`splice of ${JSON.stringify(before)} → ${JSON.stringify(after)} gave ${JSON.stringify(out.toString('utf8'))}`);
    }),
    { seed: SEED, numRuns: 2000 },
  );
});
