// In-process breakdown of the language server's edit path (no LSP transport, no other process): the server's own
// document copy (lsp/textCopy.ts + lsp/documents.ts applyChanges), the Analyzer (lsp/analysis.ts: incremental parse
// + lint) and the diagnostics conversion, timed apart, for the edits of bench/lsp.mjs (`near`: the CORS block at
// the top; `far`: a `replicas:` digit in the middle of the largest block). Bundled with the shipped esbuild
// options. For profiles, not for the table of `npm run bench` (which times the real server).
//
//   node bench/_lsp-inproc.mjs [--edits N] [--size seed|100|…|200000] [--where near|far]
//        [--each] (every edit) [--cpu-prof] (edits only: bench/.data/lsp-edits.cpuprofile, see _profile-top.mjs)
//        [--gap MS] (a pause before each edit, as between keystrokes: asleep, or busy-waiting when negative)
//        [--alloc] (allocations of the edits, by function) [--named] (unminified, for readable profiles)
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildOptions } from '../scripts/build-options.mjs';
import { dataDir, editSite, editText, quantile, root, seed, valuesFile } from './_lib.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = (name, def) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const N = Number(opt('--edits', 40));
const size = opt('--size', '200000');
const where = opt('--where', 'near');

const entry = join(dataDir, 'lsp-inproc-entry.ts');
writeFileSync(
  entry,
  [
    "export { Analyzer } from '../../server/src/lsp/analysis';",
    "export { diagnosticsFor } from '../../server/src/lsp/diagnostics';",
    "export { applyChanges, takeEdit } from '../../server/src/lsp/documents';",
    "export { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';",
    "export { TextCopy } from '../../server/src/lsp/textCopy';",
    "export { PieceText } from '../../server/src/engine/util/pieceText';",
  ].join('\n') + '\n',
);
const outfile = join(dataDir, 'lsp-inproc.cjs');
await build({
  ...buildOptions(root),
  entryPoints: [entry],
  outfile,
  sourcemap: false,
  ...(argv.includes('--named') ? { minify: false } : {}),
});
const E = require(outfile);

const text0 = size === 'seed' ? seed : valuesFile(Number(size));
const uri = `file:///bench/${size === 'seed' ? 'vcluster-platform' : `platform-values-${size}`}.yaml`;
// As server.ts wires it: the analyzer learns where the document copy changed.
const analyzer = new E.Analyzer({
  workspaceFolders: (
    (f) => () =>
      f
  )([]),
  log: () => {},
  editOf: (d) => E.takeEdit(d),
});
const settings = E.DEFAULT_SETTINGS;
const doc = new E.TextCopy(uri, 'yaml', 1, text0);
let t = performance.now();
const opened = analyzer.analyze(doc, settings).analysis;
E.diagnosticsFor(opened);
console.log(`${size} (${text0.length} characters): open ${(performance.now() - t).toFixed(1)} ms, ${opened.findings.length} finding(s)`);

let session;
if (argv.includes('--cpu-prof') || argv.includes('--alloc')) {
  const { Session } = await import('node:inspector/promises');
  session = new Session();
  session.connect();
  if (argv.includes('--cpu-prof')) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  } else {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
}

const site = editSite(text0, where);
const lat = { total: [], apply: [], analyze: [], diagnostics: [] };
const gap = Number(opt('--gap', 0));
for (let i = 0; i < N; i++) {
  if (gap > 0) await new Promise((r) => setTimeout(r, gap));
  for (const end = performance.now() - gap; gap < 0 && performance.now() < end;);
  const newText = editText(where, i);
  const range = { start: doc.positionAt(site.offset), end: doc.positionAt(site.offset + site.length) };
  const t0 = performance.now();
  E.applyChanges(doc, [{ range, text: newText }], doc.version + 1);
  const t1 = performance.now();
  const a = analyzer.analyze(doc, settings).analysis;
  const t2 = performance.now();
  E.diagnosticsFor(a);
  const t3 = performance.now();
  lat.total.push(t3 - t0);
  lat.apply.push(t1 - t0);
  lat.analyze.push(t2 - t1);
  lat.diagnostics.push(t3 - t2);
  site.length = newText.length;
  if (argv.includes('--each'))
    console.log(`edit ${i}: apply ${(t1 - t0).toFixed(2)}, analyze ${(t2 - t1).toFixed(2)}, diagnostics ${(t3 - t2).toFixed(2)} ms`);
}

if (argv.includes('--cpu-prof')) {
  const { profile } = await session.post('Profiler.stop');
  const file = join(dataDir, 'lsp-edits.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  console.log(`profile of the edits: ${file}`);
} else if (argv.includes('--alloc')) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  const self = new Map();
  const walk = (n) => {
    const cf = n.callFrame;
    const k = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  const total = [...self.values()].reduce((x, y) => x + y, 0);
  console.log(`allocated per edit: ${(total / N / 1e6).toFixed(2)} MB`);
  for (const [k, v] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`${(v / N / 1e3).toFixed(1).padStart(9)} KB  ${k}`);
}
const q = (xs) => `p50 ${quantile(xs, 0.5).toFixed(2)}  p95 ${quantile(xs, 0.95).toFixed(2)}  max ${Math.max(...xs).toFixed(2)} ms`;
console.log(`${size} ${where}, ${N} edits:`);
for (const [k, xs] of Object.entries(lat)) console.log(`  ${k.padEnd(12)} ${q(xs)}`);
const m = process.memoryUsage();
console.log(`  heap used ${(m.heapUsed / 1e6).toFixed(0)} MB, rss ${(m.rss / 1e6).toFixed(0)} MB`);
// A big document's pieces joined into one string (engine/util/pieceText.ts): the edit path should not.
console.log(`  pieces joined ${E.PieceText.joins} time(s) in all`);
