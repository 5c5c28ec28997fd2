// Shared helpers of the benchmarks: generated values files, statistics, the engine build, table rows.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOptions } from '../scripts/build-options.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = join(root, 'bench/.data');
mkdirSync(dataDir, { recursive: true });
export const seed = readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8');
const require = createRequire(import.meta.url);

/* -------------------------------------------------------------- statistics */

export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
export const median = (xs) => quantile(xs, 0.5);

/* ------------------------------------------------------------------ inputs */

/** Lines of one generated component of the largest block (`agentValues`), `i` makes every one distinct. */
function component(i, indent) {
  const p = ' '.repeat(indent);
  return [
    `${p}component-${i}:`,
    `${p}  # settings of component ${i}`,
    `${p}  enabled: ${i % 3 !== 0}`,
    `${p}  replicas: ${(i % 5) + 1}`,
    `${p}  image:`,
    `${p}    repository: "ghcr.io/example/component-${i}"`,
    `${p}    tag: "v1.${i % 40}.${i % 7}"`,
    `${p}    pullPolicy: IfNotPresent`,
    `${p}  resources:`,
    `${p}    requests:`,
    `${p}      cpu: "${(i % 9) * 50 + 50}m"`,
    `${p}      memory: "${(i % 8) * 64 + 64}Mi"`,
    `${p}    limits:`,
    `${p}      memory: "${(i % 8) * 128 + 128}Mi"`,
    `${p}  env:`,
    `${p}    - name: LOG_LEVEL`,
    `${p}      value: "${i % 2 ? 'info' : 'debug'}"`,
    `${p}    - name: FEATURE_${i}`,
    `${p}      value: "true"`,
    `${p}  labels:`,
    `${p}    app.kubernetes.io/name: component-${i}`,
    `${p}    tier: ${i % 2 ? 'backend' : 'frontend'}`,
    `${p}  tolerations: [{key: "dedicated", operator: "Equal", value: "c${i}", effect: NoSchedule}]`,
    '',
  ];
}

/**
 * A realistic generated values file of about `lines` lines: the seed's ingress block (with the CORS
 * annotations) first, then chart settings the schema knows (admin, service, resources, env, tolerations,
 * sidecarContainers), and the largest top-level block, `agentValues`, holding nested per-component
 * settings (maps, block and flow lists, comments), about 85% of the file. Deterministic.
 */
export function valuesFile(lines) {
  const head = seed.trimEnd().split('\n');
  head.push(
    '  ingressClass: nginx',
    'admin:',
    '  create: true',
    '  username: admin',
    'service:',
    '  type: ClusterIP',
    'replicaCount: 2',
    'resources:',
    '  requests:',
    '    cpu: 500m',
    '    memory: 512Mi',
    'env:',
    '  LOFT_LOG_LEVEL: info',
    'tolerations:',
    '  - key: dedicated',
    '    operator: Equal',
    '    value: platform',
    '    effect: NoSchedule',
    'config:',
    '  loftHost: "platform.example.com"',
  );
  const out = [...head];
  const rest = Math.max(0, lines - out.length);
  // ~12% in sidecarContainers, the rest in agentValues (the largest block).
  const sidecars = Math.floor(rest * 0.12);
  if (rest > 40) {
    out.push('sidecarContainers:');
    for (let i = 0; out.length < head.length + sidecars; i++) {
      out.push(
        `  - name: sidecar-${i}`,
        `    image: "ghcr.io/example/sidecar:${i}"`,
        `    args: ["--port=${8000 + (i % 1000)}", "--verbose"]`,
        '    ports:',
        `      - containerPort: ${8000 + (i % 1000)}`,
        '        protocol: TCP',
      );
    }
  }
  if (out.length < lines) {
    out.push('agentValues:', '  cluster:', '    components:');
    for (let i = 0; out.length < lines - 1; i++) out.push(...component(i, 6));
  }
  out.length = Math.max(Math.min(out.length, lines), head.length);
  // never end inside a half-written component line: drop trailing partial structures cleanly
  while (out.length && /:\s*$/.test(out[out.length - 1])) out.pop();
  return out.join('\n') + '\n';
}

/** Where to edit a generated file: `near` = the digits of cors-max-age, `far` = a `replicas:` digit in the middle of the largest block. */
export function editSite(text, where) {
  let at;
  let len;
  if (where === 'near') {
    at = text.indexOf('cors-max-age: "3600"') + 'cors-max-age: "'.length;
    len = 4;
  } else {
    const mid = text.indexOf('agentValues:');
    if (mid < 0) return undefined;
    const target = mid + Math.floor((text.length - mid) / 2);
    at = text.indexOf('  replicas: ', target);
    if (at < 0) at = text.lastIndexOf('  replicas: ', target);
    if (at < 0) return undefined;
    at += '  replicas: '.length;
    len = 1;
  }
  return { offset: at, length: len };
}

/**
 * A new value for the edit site, different every time (`i`); its length alternates (4/5 digits near, 1/2 far)
 * so that every edit moves the rest of the file, as typing does.
 */
export function editText(where, i) {
  const odd = i % 2 === 1;
  return where === 'near' ? String((odd ? 36010 : 3601) + (i % 5000)) : String((odd ? 10 : 1) + (i % 9));
}

export const SIZES = [100, 1000, 10000, 50000, 200000];

/* ---------------------------------------------------------- engine + yaml */

/**
 * The engine and the `yaml` parser from ONE esbuild bundle built with the options of scripts/build.mjs
 * (same `yaml` build, the ESM one the shipped bundles use, minified the same way), so the anchor parses
 * with exactly the code the engine parses with.
 */
export async function loadEngine({ minify = true } = {}) {
  const entry = join(dataDir, 'engine-entry.ts');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    entry,
    `export * from '../../server/src/engine/index';\nexport { parseAllDocuments, LineCounter } from 'yaml';\n` +
      // The engine's parse step (yaml's lexer and parser, its own composer), for the engine bench's breakdown row.
      `export { composeDocuments } from '../../server/src/engine/parse/compose';\n` +
      `export const yamlVersion = ${JSON.stringify(require('yaml/package.json').version)};\n`,
  );
  const outfile = join(dataDir, minify ? 'engine.cjs' : 'engine-named.cjs');
  // minify: false only for profiles (readable function names); the timed runs use the shipped options.
  await build({ ...buildOptions(root), entryPoints: [entry], outfile, sourcemap: false, ...(minify ? {} : { minify: false }) });
  return require(outfile);
}

/* ------------------------------------------------------------------- rows */

/**
 * One row of the common table. `ours` and `anchor` are numbers (ms, or MB/KB with `unit`); `target` is the
 * highest acceptable ratio (or absolute value with `absolute`). `own: true` marks a target the benchmark sets beyond
 * the issue's (e.g. the same ratio on a file smaller than the issue's range): shown as `(own)` and counted apart.
 */
export function row(bench, kase, metric, ours, anchor, target, extra = {}) {
  return { bench, case: kase, metric, ours, anchor, ratio: anchor ? ours / anchor : undefined, target, ...extra };
}

/* ------------------------------------------------------------------ table */

const fmtVal = (x, unit = 'ms') => (x === undefined ? '—' : unit === 'ms' ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : `${x.toFixed(1)} ${unit}`);

/** Prints rows as one table; returns the number of missed targets, and of missed own targets (`row(…, { own })`). */
export function printTable(rows, out = console.log) {
  const w = { bench: 7, case: 30, metric: 34, ours: 13, anchor: 13, ratio: 8 };
  const line = (r) =>
    r.bench.padEnd(w.bench) +
    r.case.padEnd(w.case) +
    r.metric.padEnd(w.metric) +
    r.ours.padStart(w.ours) +
    r.anchor.padStart(w.anchor) +
    r.ratio.padStart(w.ratio) +
    '  ' +
    r.target;
  const header = line({
    bench: 'bench',
    case: 'case',
    metric: 'metric',
    ours: 'vcluster-cors',
    anchor: 'anchor',
    ratio: 'ratio',
    target: 'target',
  });
  out(header);
  out('-'.repeat(header.length + 12));
  let missed = 0;
  let ownMissed = 0;
  for (const r of rows) {
    let verdict = '';
    const own = r.own ? ' (own)' : '';
    if (r.target !== undefined && !r.absolute && r.ratio === undefined) verdict = `≤ ${r.target}${own}  no anchor`;
    else if (r.target !== undefined) {
      const v = r.absolute ? r.ours : r.ratio;
      const ok = v <= r.target;
      if (!ok && r.own) ownMissed++;
      else if (!ok) missed++;
      verdict = `${r.absolute ? '' : '≤ '}${r.absolute ? `≤ ${fmtVal(r.target, r.unit)}` : r.target}${own}  ${ok ? 'ok' : 'MISSED'}`;
    }
    out(
      line({
        bench: r.bench,
        case: r.case,
        metric: r.metric,
        ours: fmtVal(r.ours, r.unit),
        anchor: fmtVal(r.anchor, r.unit),
        ratio: r.ratio === undefined ? '' : r.ratio.toFixed(r.ratio < 0.1 ? 3 : 2),
        target: verdict,
      }),
    );
  }
  return { missed, ownMissed };
}

/** The table's last line: the targets missed, then the own targets missed (apart). */
export function verdictLine({ missed, ownMissed }) {
  const main = missed ? `${missed} target(s) missed` : 'all targets met';
  return ownMissed ? `${main}; own targets (beyond the issue's) missed: ${ownMissed}` : main;
}

/** Runs a bench module's `run` when the module is executed directly (`node bench/x.mjs`). */
export async function runStandalone(meta, run) {
  if (process.argv[1] && fileURLToPath(meta.url) === process.argv[1]) {
    if (process.argv.includes('--help') || process.argv.includes('-h')) {
      // The module's header comment is its usage.
      const head = readFileSync(fileURLToPath(meta.url), 'utf8').split('\n');
      const end = head.findIndex((l) => !l.startsWith('//'));
      console.log(
        head
          .slice(0, end < 0 ? head.length : end)
          .map((l) => l.replace(/^\/\/ ?/, ''))
          .join('\n'),
      );
      return;
    }
    const { rows, notes } = await run({ argv: process.argv.slice(2) });
    for (const n of notes ?? []) console.log(n);
    console.log(`\n${verdictLine(printTable(rows))}`);
  }
}

export function arg(argv, name, def) {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : def;
}
