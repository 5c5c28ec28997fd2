// Release benchmark: a Helm release of 5 values files × 5,000 lines (layered: each file sets its own keys
// and overrides some of the others', CORS annotations spread over the layers), linted as one release,
// against linting the five files one by one. Prints the ratio (release / one by one); target ≤ 1.5.
// Median of per-round ratios, both measured back to back in each round.
import { loadEngine, median } from './_lib.mjs';

const engine = await loadEngine();

const ANN = 'nginx.ingress.kubernetes.io';
const layers = [
  [`enable-cors: "true"`, `cors-allow-methods: "GET, POST, PUT, DELETE"`],
  [`cors-allow-origin: "https://dashboard.example.com, https://admin.example.com"`],
  [`cors-allow-credentials: "false"`, `cors-allow-headers: "Authorization, Content-Type"`],
  [`cors-max-age: "86400"`],
  [`cors-max-age: "600"`, `cors-expose-headers: "X-Request-Id"`],
];

/** One layer: an ingress block with its annotations, then generated sections (some shared with other layers). */
function layer(n, lines) {
  let t = `# layer ${n}\ningress:\n${n === 0 ? '  enabled: true\n  host: platform.example.com\n' : ''}  annotations:\n`;
  for (const a of layers[n]) t += `    ${ANN}/${a}\n`;
  let i = 0;
  while (t.split('\n').length < lines) {
    // Every third section is set by every layer (so later layers override earlier ones).
    const id = i % 3 === 0 ? `shared${i}` : `l${n}s${i}`;
    t += `${id}:\n  enabled: ${(i + n) % 2 === 0}\n  name: "component-${i}-${n}"\n  resources:\n    requests:\n      cpu: ${i}m\n      memory: ${i}Mi\n  labels:\n    app: app-${i}\n    tier: "backend"\n`;
    i++;
  }
  return t;
}
const files = [0, 1, 2, 3, 4].map((n) => ({ kind: 'file', name: `layer-${n}.yaml`, text: layer(n, 5000) }));
const config = engine.DEFAULT_CONFIG;

const oneByOne = () => {
  for (const f of files) engine.lintText(f.text, { filePath: f.name, config });
};
const release = () => engine.lintRelease({ name: 'bench', sources: files, config });

// Sanity: the release is correct (no finding but informational ones: no-vary-origin, ingress-nginx-retired).
const r = release();
const found = r.results.flatMap((x) => (x ? x.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId) : []));
if (found.length) throw new Error(`unexpected release findings: ${found.join(', ')}`);

function ms(fn) {
  const s = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - s) / 1e6;
}
for (let i = 0; i < 3; i++) (oneByOne(), release()); // warm-up
const ratios = [];
const a = [];
const b = [];
for (let i = 0; i < 15; i++) {
  const x = ms(oneByOne);
  const y = ms(release);
  a.push(x);
  b.push(y);
  ratios.push(y / x);
}
const med = median;
const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
console.log(
  `release of 5 files (${lines} lines): one by one ${med(a).toFixed(1)} ms, as a release ${med(b).toFixed(1)} ms, ratio ${med(ratios).toFixed(2)} (target ≤ 1.5)`,
);
