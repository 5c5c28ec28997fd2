// Engine benchmark: lint time against bare `yaml` parsing of the same text, measured side by side in one run.
// Inputs: the seed example, a generated 5,000-line values file, and 1,000 small values files.
// Prints each ratio (lint / parse); the target is ≤ 1.5. Numbers are medians of several rounds.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'bench/.data');
mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(root, 'server/src/engine/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: join(outDir, 'engine.cjs'),
  alias: { yaml: join(root, 'node_modules/yaml/browser/index.js') }, // as in scripts/build.mjs
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
const engine = require(join(outDir, 'engine.cjs'));
const YAML = require('yaml');

const seed = readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8');

function bigValues(lines) {
  let t = seed;
  let i = 0;
  while (t.split('\n').length < lines) {
    t += `section${i}:\n  enabled: ${i % 2 === 0}\n  name: "component-${i}"\n  resources:\n    requests:\n      cpu: ${i}m\n      memory: ${i}Mi\n  labels:\n    app: app-${i}\n    tier: "backend"\n`;
    i++;
  }
  return t;
}
const big = bigValues(5000);
const many = Array.from({ length: 1000 }, (_, i) =>
  seed.replace('https://dashboard.example.com', `https://dashboard-${i}.example.com`).replace('"3600"', i % 7 === 0 ? '3600' : '"3600"'),
);

const opts = { filePath: 'vcluster-platform.yaml', config: engine.DEFAULT_CONFIG };
// Baseline: the same parse the engine does (uniqueKeys off: the engine checks duplicates itself in linear time).
const parseOnly = (t) => YAML.parseAllDocuments(t, { uniqueKeys: false });
const lint = (t) => engine.lintText(t, opts);

function time(fn, inputs, rounds) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const s = process.hrtime.bigint();
    for (const t of inputs) fn(t);
    samples.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const cases = [
  ['seed example (x200)', Array(200).fill(seed), 15],
  [`5,000-line values file (${big.length} bytes)`, [big], 15],
  ['1,000 files', many, 7],
];
// warm up both paths
for (const [, inputs] of cases) {
  time(parseOnly, inputs, 2);
  time(lint, inputs, 2);
}
console.log('engine benchmark (medians over paired rounds; lint includes parsing)');
console.log('case'.padEnd(44) + 'yaml parse'.padStart(12) + 'lint'.padStart(12) + 'ratio'.padStart(9) + '  target ≤ 1.5');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let worst = 0;
for (const [name, inputs, rounds] of cases) {
  // Each round times the parse and the lint back to back on the same inputs, so both see the same machine
  // state; the ratio reported is the median of the per-round ratios (robust to noisy neighbours).
  const ps = [];
  const ls = [];
  const ratios = [];
  for (let r = 0; r < rounds * 3; r++) {
    const first = r % 2 === 0;
    const a = first ? time(parseOnly, inputs, 1) : time(lint, inputs, 1);
    const b = first ? time(lint, inputs, 1) : time(parseOnly, inputs, 1);
    const [p, l] = first ? [a, b] : [b, a];
    ps.push(p);
    ls.push(l);
    ratios.push(l / p);
  }
  const ratio = median(ratios);
  worst = Math.max(worst, ratio);
  console.log(name.padEnd(44) + median(ps).toFixed(1).padStart(12) + median(ls).toFixed(1).padStart(12) + ratio.toFixed(2).padStart(9) + (ratio <= 1.5 ? '  ok' : '  over'));
}

// Bad input guards (not ratios: absolute times, for the record)
let bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
for (let i = 1; i < 12; i++) bomb += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
bomb += 'ingress:\n  enabled: true\n  labels: *a11\n';
const tenMB = seed + '# padding\n'.repeat(1_100_000);
for (const [name, t] of [['alias bomb (9^12 expansions)', bomb], ['10 MB file', tenMB]]) {
  const s = process.hrtime.bigint();
  const r = engine.lintText(t, opts);
  const ms = Number(process.hrtime.bigint() - s) / 1e6;
  console.log(`${name.padEnd(44)}${ms.toFixed(1).padStart(12)} ms  → ${r.findings[0]?.message.slice(0, 70) ?? 'no finding'}`);
}
console.log(`worst ratio ${worst.toFixed(2)} (${worst <= 1.5 ? 'within' : 'over'} the 1.5 target)`);
