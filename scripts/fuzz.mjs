#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzz properties of `npm test` (test/fuzz/engine.ts, test/fuzz/lsp.ts) with fresh seeds,
 * for a while. Alternates engine batches (FUZZ_ENGINE_RUNS cases each) and language-server batches; every batch
 * has its own seed, printed with the replay command when it fails.
 *
 *   npm run fuzz -- --minutes 10          (or FUZZ_MINUTES=10; default 2)
 *   FUZZ_SEED=123456 FUZZ_KIND=engine npm run fuzz      replay one failed batch (engine or lsp)
 *
 * Exit code 0 when nothing failed, 1 otherwise. Needs the compiled tests (`npm run pretest`, which
 * `npm run fuzz` runs first).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadCorpus } = require(path.join(ROOT, 'out/test/fuzz/corpus.js'));
const { fuzzEngine } = require(path.join(ROOT, 'out/test/fuzz/engine.js'));
const { fuzzLsp } = require(path.join(ROOT, 'out/test/fuzz/lsp.js'));

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const minutes = Number(arg('--minutes') ?? process.env.FUZZ_MINUTES ?? 2);
if (!(minutes > 0)) {
  console.error('fuzz: --minutes must be a positive number');
  process.exit(2);
}
const ENGINE_RUNS = Number(process.env.FUZZ_ENGINE_RUNS ?? 200);
const LSP = { docs: 10, opsPerDoc: 60, answerMs: 1000 };
const corpus = loadCorpus();
const totals = {
  engineBatches: 0,
  engineCases: 0,
  lspBatches: 0,
  lspRequests: 0,
  lspCancelled: 0,
  lspEdits: 0,
  lspOutOfRange: 0,
  lspComparisons: 0,
};
const failures = [];

async function batch(kind, seed) {
  if (kind === 'engine') {
    totals.engineCases += fuzzEngine(corpus, seed, ENGINE_RUNS);
    totals.engineBatches++;
  } else {
    const c = await fuzzLsp(corpus, { seed, ...LSP });
    totals.lspBatches++;
    totals.lspRequests += c.requests;
    totals.lspCancelled += c.cancelled;
    totals.lspEdits += c.edits;
    totals.lspOutOfRange += c.outOfRange;
    totals.lspComparisons += c.comparisons;
  }
}

async function runOne(kind, seed) {
  try {
    await batch(kind, seed);
    return true;
  } catch (e) {
    failures.push({ kind, seed });
    console.error(
      `\nFAILED ${kind} batch, seed ${seed}: replay with  FUZZ_SEED=${seed} FUZZ_KIND=${kind} npm run fuzz\n${e && e.message ? e.message : e}\n`,
    );
    return false;
  }
}

if (process.env.FUZZ_SEED) {
  const kind = process.env.FUZZ_KIND === 'lsp' ? 'lsp' : 'engine';
  const ok = await runOne(kind, Number(process.env.FUZZ_SEED));
  console.log(`fuzz replay: ${kind} seed ${process.env.FUZZ_SEED}: ${ok ? 'passed' : 'FAILED'}`);
  process.exit(ok ? 0 : 1);
}

const end = Date.now() + minutes * 60_000;
let n = 0;
console.log(
  `fuzz: ${minutes} min over ${corpus.length} corpus files (engine batches of ${ENGINE_RUNS} cases, LSP batches of ${LSP.docs}×${LSP.opsPerDoc} operations)`,
);
while (Date.now() < end) {
  const kind = n % 3 === 2 ? 'lsp' : 'engine';
  const seed = (Math.random() * 2 ** 31) >>> 0;
  await runOne(kind, seed);
  n++;
  if (n % 10 === 0)
    console.log(`fuzz: ${Math.round((end - Date.now()) / 1000)} s left: ${JSON.stringify(totals)} failures=${failures.length}`);
}
console.log(`fuzz done: ${JSON.stringify(totals)}`);
console.log(failures.length ? `FAILURES (${failures.length}): ${failures.map((f) => `${f.kind}:${f.seed}`).join(', ')}` : 'no failures');
process.exit(failures.length ? 1 : 0);
