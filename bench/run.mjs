// `npm run bench`: every benchmark of this folder in one run, one table of ratios.
//
// Runs each bench/*.mjs module (except this one and the _helpers): a module that exports `run({ argv })`
// returning `{ rows, notes }` joins the common table; any other module is run as a script and its output
// printed as it is. `--only engine,lsp` picks modules; other arguments are passed on to every module.
//   node bench/run.mjs [--only a,b] [module arguments]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, verdictLine } from './_lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(
    "usage: node bench/run.mjs [--only engine,cli,lsp,…] [module arguments]\n(`node bench/<module>.mjs --help` for each module's arguments)",
  );
  process.exit(0);
}
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv.splice(onlyAt, 2)[1].split(',') : undefined;
// Fixed order for the known ones, then any other module (e.g. release.mjs) alphabetically.
const order = ['engine', 'cli', 'lsp'];
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_') && f !== 'run.mjs')
  .map((f) => f.slice(0, -4))
  .filter((m) => !only || only.includes(m))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(
  `vcluster-cors benchmarks — node ${process.version}, ${cpus().length} cores, load ${load()} (1/5/15 min), ${new Date().toISOString()}`,
);
const rows = [];
const notes = [];
for (const m of modules) {
  // Only modules that export run() are imported (importing a plain script would run it).
  const exportsRun = /^export (async )?function run\b/m.test(readFileSync(join(here, `${m}.mjs`), 'utf8'));
  const mod = exportsRun ? await import(pathToFileURL(join(here, `${m}.mjs`)).href) : {};
  if (typeof mod.run === 'function') {
    process.stderr.write(`bench: ${m}…\n`);
    const r = await mod.run({ argv });
    rows.push(...r.rows);
    notes.push(...(r.notes ?? []));
  } else {
    const r = spawnSync(process.execPath, [join(here, `${m}.mjs`), ...argv], { stdio: 'inherit' });
    if (r.status !== 0) notes.push(`${m}: exited with ${r.status}`);
  }
}
console.log('');
for (const n of notes) console.log(n);
console.log('');
const verdict = verdictLine(printTable(rows));
console.log(`\nload at the end: ${load()}`);
console.log(verdict);
