// CLI benchmark: `vcluster-cors lint DIR` on 1, 100 and 2,000 small values files (variations of the seed),
// wall time from spawn to exit, against an anchor process that reads and parses the same files with the
// `yaml` build the CLI ships (bench/.data/engine.cjs, the same esbuild options). Runs are interleaved; medians.
// The cost per extra file is (t(2,000) − t(1)) / 1,999: the CLI's default (it starts the worker pool from 1,000 files
// when the load average leaves cores idle), the pool forced on every core, and no pool.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, dataDir, loadEngine, median, root, row, runStandalone, seed } from './_lib.mjs';

export const name = 'cli';

const CLI = join(root, 'server/out/cli.js');

function makeDir(n) {
  const dir = join(dataDir, `cli-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    let t = seed.replace('https://dashboard.example.com', `https://dashboard-${i}.example.com`);
    if (i % 7 === 0) t = t.replace('"3600"', '3600');
    writeFileSync(join(dir, `platform-values-${i}.yaml`), t);
  }
  return dir;
}

const ANCHOR = `
const fs = require('fs'), path = require('path');
const { parseAllDocuments, LineCounter } = require(process.argv[2]);
const dir = process.argv[3];
let n = 0;
for (const f of fs.readdirSync(dir).sort()) {
  const t = fs.readFileSync(path.join(dir, f), 'utf8');
  n += parseAllDocuments(t, { lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false, strict: true }).length;
}
process.stdout.write(String(n));
`;

function wall(cmd, args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...cmd, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function run({ argv = [] } = {}) {
  await loadEngine(); // builds bench/.data/engine.cjs (the anchor's parser)
  const anchorScript = join(dataDir, 'cli-anchor.cjs');
  writeFileSync(anchorScript, ANCHOR);
  const engine = join(dataDir, 'engine.cjs');
  const rounds = arg(argv, '--rounds', 5);
  const sizes = [1, 100, 2000];
  const dirs = Object.fromEntries(sizes.map((n) => [n, makeDir(n)]));
  const t = Object.fromEntries(sizes.map((n) => [n, { pool: [], forced: [], seq: [], anchor: [] }]));
  const cores = String(availableParallelism());
  for (let r = 0; r < rounds; r++) {
    for (const n of sizes) {
      t[n].pool.push(wall([CLI], ['lint', dirs[n]]));
      t[n].seq.push(wall([CLI], ['lint', dirs[n]], { VCLUSTER_CORS_WORKERS: '0' }));
      if (n === 1 || n >= 1000) t[n].forced.push(wall([CLI], ['lint', dirs[n]], { VCLUSTER_CORS_WORKERS: cores }));
      t[n].anchor.push(wall([anchorScript], [engine, dirs[n]]));
    }
  }
  const rows = [];
  for (const n of sizes) {
    rows.push(row('cli', `${n} file${n > 1 ? 's' : ''}`, 'spawn→exit (default)', median(t[n].pool), median(t[n].anchor)));
    if (n >= 1000)
      rows.push(row('cli', `${n} files`, `spawn→exit, pool forced (${cores} threads)`, median(t[n].forced), median(t[n].anchor)));
    if (n >= 1000) rows.push(row('cli', `${n} files`, 'spawn→exit, no pool', median(t[n].seq), median(t[n].anchor)));
  }
  const per = (k) => (median(t[2000][k]) - median(t[1][k])) / 1999;
  rows.push(row('cli', 'per extra file (2,000 files)', 'ms per file, default', per('pool'), per('anchor'), 0.4, { absolute: true }));
  // Information: the two choices the CLI does not make on its own (the target applies to what users get).
  rows.push(row('cli', 'per extra file (2,000 files)', 'ms per file, pool forced', per('forced'), per('anchor')));
  rows.push(row('cli', 'per extra file (2,000 files)', 'ms per file, no pool', per('seq'), per('anchor')));
  return {
    rows,
    notes: [
      `cli: anchor = node reading and parsing the same files with yaml from bench/.data/engine.cjs (the shipped build); ${rounds} interleaved rounds, medians; ` +
        `default = the CLI's own choice (worker pool from 1,000 files, one thread per idle core by the load average; load now ${loadavg()[0].toFixed(2)} on ${cores} cores)`,
    ],
  };
}

await runStandalone(import.meta, run);
