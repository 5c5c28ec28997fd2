// Language server benchmark: vcluster-cors against yaml-language-server (validating the same files with the
// chart's JSON schema), side by side in one run.
//
//   node bench/lsp.mjs [--edits N] [--starts N] [--with-push]
//
// Measured per file (the seed example and a generated 5,000-line values file):
//   - start to first diagnostics: spawn → initialize → didOpen → the first diagnostics for the file
//     (median of 7 cold starts);
//   - edit to diagnostics: one incremental didChange (the digits of cors-max-age, a new number each time) →
//     the diagnostics of that version; p50 and p95 over N edits (default 200).
// vcluster-cors is driven the way VS Code drives it (pull diagnostics: a textDocument/diagnostic request
// right after the change). yaml-language-server only pushes, after its own 200 ms validation delay; that
// delay is part of what its users wait for, so it is part of its numbers. --with-push also measures
// vcluster-cors in push mode (150 ms debounce). Targets: first diagnostics ≤ 0.5×, edit p95 ≤ 0.2×.
// Run `node scripts/build.mjs` first (the benchmark spawns server/out/server.js).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const EDITS = arg('--edits', 200);
const STARTS = arg('--starts', 7);
const WITH_PUSH = process.argv.includes('--with-push');

const OURS = join(root, 'server/out/server.js');
const YAMLLS = join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');
const SCHEMA = join(root, 'schemas/vcluster-platform-values.schema.json');
if (!existsSync(OURS)) throw new Error('server/out/server.js is missing: run `node scripts/build.mjs` first');
if (!existsSync(YAMLLS)) throw new Error('yaml-language-server is missing: run `npm install`');

/* ------------------------------------------------------------------ inputs */

// Outside the repository: yaml-language-server's schema globs skip paths with dot folders such as bench/.data.
const dataDir = join(tmpdir(), 'vcluster-cors-bench-lsp');
mkdirSync(dataDir, { recursive: true });
const seed = readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8');

/** A 5,000-line values file: the seed's ingress block, then chart settings the schema knows, padded with agentValues. */
function bigValues(lines) {
  let t = seed + 'commonAnnotations:\n  team: "platform"\nconfig:\n  loftHost: "platform.example.com"\nagentValues:\n';
  let i = 0;
  while (t.split('\n').length < lines) {
    t += `  component${i}:\n    enabled: ${i % 2 === 0}\n    name: "component-${i}"\n    resources:\n      requests:\n        cpu: "${i}m"\n        memory: "${i}Mi"\n    labels:\n      app: "app-${i}"\n      tier: "backend"\n`;
    i++;
  }
  return t;
}
const files = [
  { name: 'seed example', file: 'vcluster-platform.yaml', text: seed },
  { name: 'generated 5,000-line', file: 'platform-values-5000.yaml', text: bigValues(5000) },
];
for (const f of files) {
  f.path = join(dataDir, f.file);
  writeFileSync(f.path, f.text);
  f.uri = pathToFileURL(f.path).href;
  f.lines = f.text.split('\n').length - 1;
}

/* ------------------------------------------------------------------ client */

const yamlSettings = {
  yaml: {
    validate: true,
    hover: false,
    completion: false,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [pathToFileURL(SCHEMA).href]: ['*.yaml'] },
  },
};

async function startServer(kind, pull) {
  const t0 = performance.now();
  const cmd = kind === 'ours' ? OURS : YAMLLS;
  const proc = spawn(process.execPath, [cmd, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...waiters]) {
      if (w.uri === p.uri && (w.version === undefined || p.version === undefined || p.version >= w.version)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  // yaml-language-server pulls its settings (sections yaml, http, [yaml], editor); vcluster-cors gets its defaults.
  conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'yaml' ? yamlSettings.yaml : i.section === 'vclusterCors' ? {} : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dataDir).href,
    workspaceFolders: [{ uri: pathToFileURL(dataDir).href, name: 'bench' }],
    capabilities: {
      textDocument: {
        synchronization: {},
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        ...(pull ? { diagnostic: {} } : {}),
      },
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
    },
    initializationOptions: kind === 'ours' ? {} : undefined,
  });
  await conn.sendNotification('initialized', {});
  if (kind === 'yamlls') await conn.sendNotification('workspace/didChangeConfiguration', { settings: yamlSettings });
  let version = 0;
  let doc;
  const s = {
    t0,
    async open(f) {
      version = 1;
      doc = TextDocument.create(f.uri, 'yaml', 1, f.text);
      const p = pull ? undefined : s.waitPush(f.uri, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: f.uri, languageId: 'yaml', version: 1, text: f.text } });
      return pull ? s.pullNow(f.uri) : p;
    },
    waitPush(uri, v) {
      return new Promise((resolve) => waiters.push({ uri, version: v, resolve }));
    },
    async pullNow(uri) {
      const r = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      return { uri, diagnostics: r.items ?? [] };
    },
    /** One incremental edit; resolves with the diagnostics of the new version. */
    async edit(f, change) {
      version++;
      doc = TextDocument.update(doc, [change], version);
      const p = pull ? undefined : s.waitPush(f.uri, version);
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: f.uri, version }, contentChanges: [change] });
      return pull ? s.pullNow(f.uri) : p;
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        /* gone */
      }
      conn.dispose();
      await new Promise((r) => {
        const t = setTimeout(() => (proc.kill(), r()), 1000);
        proc.once('exit', () => (clearTimeout(t), r()));
      });
    },
  };
  return s;
}

/** Checks that yaml-language-server really validates with the chart schema (a wrong type and an unknown key). */
async function probeSchema() {
  const s = await startServer('yamlls', false);
  const probe = { uri: pathToFileURL(join(dataDir, 'probe-values.yaml')).href, text: 'ingress:\n  enabled: "yes"\n  hosts: []\n' };
  const d = await s.open(probe);
  await s.stop();
  return d.diagnostics.map((x) => x.message);
}

/* ---------------------------------------------------------------- measures */

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

/** Where the benchmark edits: the four digits of cors-max-age, rewritten to a new number every time (no text repeats). */
function editRange(f) {
  const at = f.text.indexOf('cors-max-age: "3600"') + 'cors-max-age: "'.length;
  const line = f.text.slice(0, at).split('\n').length - 1;
  const character = at - (f.text.lastIndexOf('\n', at - 1) + 1);
  return { start: { line, character }, end: { line, character: character + 4 } };
}

/**
 * Cold starts and edits of the servers are interleaved (A, B, A, B, …) so that both see the same machine
 * load over time; each number is a median or percentile over its own samples.
 */
async function measure(servers, f) {
  const starts = servers.map(() => []);
  const counts = servers.map(() => 0);
  for (let i = 0; i < STARTS; i++) {
    for (const [k, sv] of servers.entries()) {
      const s = await startServer(sv.kind, sv.pull);
      const d = await s.open(f);
      starts[k].push(performance.now() - s.t0);
      counts[k] = d.diagnostics.length;
      await s.stop();
    }
  }
  const warm = [];
  for (const sv of servers) {
    const s = await startServer(sv.kind, sv.pull);
    await s.open(f);
    warm.push(s);
  }
  const range = editRange(f);
  const lat = servers.map(() => []);
  for (let i = 0; i < EDITS; i++) {
    const text = String(3601 + (i % 5000));
    for (const [k, s] of warm.entries()) {
      const t = performance.now();
      await s.edit(f, { range, text });
      lat[k].push(performance.now() - t);
    }
  }
  for (const s of warm) await s.stop();
  return servers.map((_, k) => ({ first: median(starts[k]), firstCount: counts[k], p50: quantile(lat[k], 0.5), p95: quantile(lat[k], 0.95) }));
}

const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

console.log(`LSP benchmark — ${EDITS} edits per file, first diagnostics = median of ${STARTS} cold starts (node ${process.version})`);
console.log(`vcluster-cors: server/out/server.js (pull diagnostics); yaml-language-server ${require('yaml-language-server/package.json').version} with schemas/vcluster-platform-values.schema.json\n`);
const probe = await probeSchema();
if (probe.length === 0) throw new Error('yaml-language-server did not apply the schema (no diagnostics on the probe file)');
console.log(`schema check: yaml-language-server reports ${probe.map((m) => JSON.stringify(m)).join(', ')} on a probe file\n`);
const header = `${pad('file', 34)}${pad('metric', 24)}${padl('vcluster-cors', 15)}${padl('yaml-ls', 12)}${padl('ratio', 9)}  target`;
console.log(header);
console.log('-'.repeat(header.length + 6));
let ok = true;
for (const f of files) {
  const servers = [{ kind: 'ours', pull: true }, { kind: 'yamlls', pull: false }];
  if (WITH_PUSH) servers.push({ kind: 'ours', pull: false });
  const [ours, theirs, push] = await measure(servers, f);
  const rows = [
    ['first diagnostics', ours.first, theirs.first, 0.5],
    ['edit → diagnostics p50', ours.p50, theirs.p50, undefined],
    ['edit → diagnostics p95', ours.p95, theirs.p95, 0.2],
  ];
  rows.forEach(([metric, a, b, target], i) => {
    const ratio = a / b;
    const pass = target === undefined ? '' : ratio <= target ? `≤ ${target}  ok` : `≤ ${target}  MISSED`;
    if (target !== undefined && ratio > target) ok = false;
    console.log(`${pad(i === 0 ? `${f.name} (${f.lines} lines)` : '', 34)}${pad(metric, 24)}${padl(ms(a), 15)}${padl(ms(b), 12)}${padl(ratio.toFixed(3), 9)}  ${pass}`);
  });
  console.log(`${pad('', 34)}${pad('diagnostics (first)', 24)}${padl(ours.firstCount, 15)}${padl(theirs.firstCount, 12)}`);
  if (push) console.log(`${pad('', 34)}${pad('push mode (debounced)', 24)}  first ${ms(push.first)}, edit p50 ${ms(push.p50)}, p95 ${ms(push.p95)}`);
}
console.log(ok ? '\nall targets met' : '\nsome targets missed');
