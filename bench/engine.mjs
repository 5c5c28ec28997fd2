// Engine benchmark: lint time against bare `yaml` parsing of the same text, side by side in one run.
//
// Both sides run code from ONE bundle built with scripts/build-options.mjs (the options of the shipped
// bundles): the engine and `yaml`'s parseAllDocuments, i.e. the ESM build of `yaml` that the language server
// and the CLI ship, minified the same way, called with the options the engine uses (a LineCounter,
// uniqueKeys off, prettyErrors off, strict). Inputs: the seed example ×200, 1,000 small values files, a
// generated 5,000-line values file (bench/_lib.mjs). The 1,000 small files have 1,000 names (the seed ×200 is one
// file linted again and again, as in the editor). Each round times parse and lint back to back
// (alternating which goes first); the ratio is the median of the per-round ratios.
import { arg, loadEngine, median, row, runStandalone, seed, valuesFile } from './_lib.mjs';

export const name = 'engine';

export async function run({ argv = [] } = {}) {
  const engine = await loadEngine();
  const big = valuesFile(5000);
  const many = Array.from({ length: 1000 }, (_, i) =>
    seed.replace('https://dashboard.example.com', `https://dashboard-${i}.example.com`).replace('"3600"', i % 7 === 0 ? '3600' : '"3600"'),
  );
  const opts = { filePath: 'vcluster-platform.yaml', config: engine.DEFAULT_CONFIG };
  const parseOnly = (t) =>
    engine.parseAllDocuments(t, { lineCounter: new engine.LineCounter(), uniqueKeys: false, prettyErrors: false, strict: true });
  // Each of the 1,000 small files has its own name, as in a real run (nothing keyed on the name is reused).
  const names = new Map(many.map((t, i) => [t, { ...opts, filePath: `platform-values-${i}.yaml` }]));
  const lint = (t) => engine.lintText(t, names.get(t) ?? opts);
  // The engine's own parse step (its token tree or yaml's, then parse/compose.ts): how much of the ratio is parsing.
  const compose = (t) => engine.composeDocuments(t, new engine.LineCounter());
  const rounds = arg(argv, '--rounds', 31);
  const cases = [
    ['seed example ×200', Array(200).fill(seed), 1.3],
    ['1,000 small files', many, 1.3],
    ['5,000-line values file', [big], 1.1],
  ];
  const time = (fn, inputs) => {
    const s = process.hrtime.bigint();
    for (const t of inputs) fn(t);
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
  for (const [, inputs] of cases) for (let i = 0; i < 3; i++) (time(parseOnly, inputs), time(lint, inputs));
  const rows = [];
  for (const [kase, inputs, target] of cases) {
    const ps = [];
    const ls = [];
    const cs = [];
    const ratios = [];
    const composeRatios = [];
    for (let r = 0; r < rounds; r++) {
      let p, l;
      if (r % 2 === 0) ((p = time(parseOnly, inputs)), (l = time(lint, inputs)));
      else ((l = time(lint, inputs)), (p = time(parseOnly, inputs)));
      const c = time(compose, inputs);
      ps.push(p);
      ls.push(l);
      cs.push(c);
      ratios.push(l / p);
      composeRatios.push(c / p);
    }
    const x = row('engine', kase, 'lint vs same-build parse (median)', median(ls), median(ps), target);
    x.ratio = median(ratios);
    rows.push(x);
    const y = row('engine', kase, '  of which its parse step (info)', median(cs), median(ps), undefined);
    y.ratio = median(composeRatios);
    rows.push(y);
  }
  // Bad-input guards, absolute (for the record).
  let bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 12; i++)
    bomb += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(',')}]\n`;
  bomb += 'ingress:\n  enabled: true\n  labels: *a11\n';
  const s = process.hrtime.bigint();
  engine.lintText(bomb, opts);
  rows.push(
    row('engine', 'alias bomb (9^12 expansions)', 'lint once', Number(process.hrtime.bigint() - s) / 1e6, undefined, 50, {
      absolute: true,
    }),
  );
  return {
    rows,
    notes: [
      `engine: anchor = yaml ${engine.yamlVersion} parseAllDocuments from the same esbuild bundle as the engine (browser/ESM build, minified), same options; ${rounds} paired rounds`,
      `engine: for common files the engine lexes, parses and composes itself (parse/fastLexer.ts, fastParser.ts, compose.ts: the same token tree and Documents as yaml's), else with that yaml; "its parse step" is that part alone against the same anchor`,
    ],
  };
}

await runStandalone(import.meta, run);
