#!/usr/bin/env node
// Package the VS Code extension: build the bundles, then `vsce package --no-dependencies -o vcluster-cors.vsix`.
// Works offline: vsce is a devDependency and runs from node_modules (no npx download); the .vsix carries
// only what .vscodeignore lets through. Fails when the .vsix is 1 MB or larger.
//
// usage: node scripts/package-vsix.mjs [--no-build] [--out vcluster-cors.vsix] [--list]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values: opts } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: 'vcluster-cors.vsix' },
    list: { type: 'boolean', default: false },
  },
});
const MAX_BYTES = 1024 * 1024;
const t0 = Date.now();

function run(cmd, args, what, { cwd = root, capture = false } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, npm_config_offline: 'true' },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    console.error(`package-vsix: ${what} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
  return r.stdout;
}

if (!opts['no-build']) run(process.execPath, [path.join(root, 'scripts/build.mjs')], 'build');

for (const f of [
  'client/out/extension.js',
  'client/out/bundle.js.br',
  'client/out/rule-docs.json.br',
  'server/out/server.js',
  'server/out/engine.js.br',
  'server/out/lsp.js.br',
  'server/out/cli.js',
]) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`package-vsix: ${f} is missing; run the build first`);
    process.exit(1);
  }
}

const out = path.resolve(root, opts.out);
fs.rmSync(out, { force: true });
// Same as `npx @vscode/vsce package --no-dependencies -o <out>`, without npx's registry lookup, run on a copy of
// the files vsce would pack (`vsce ls`, which applies .vscodeignore) whose package.json leaves out what only
// development reads: `scripts` and `devDependencies` (VS Code and the Marketplace read neither; -0.8 KB). The JSON
// files (the manifest, the schemas) ship without indentation, the same values (-1 KB compressed).
const vsce = require.resolve('@vscode/vsce/vsce');
const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'], 'vsce ls', { capture: true })
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-stage-'));
try {
  for (const f of [...files, '.vscodeignore']) {
    fs.mkdirSync(path.dirname(path.join(stage, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(stage, f));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  delete manifest.scripts;
  delete manifest.devDependencies;
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest) + '\n');
  for (const f of files.filter((f) => /^schemas\/[^/]+\.json$/.test(f)))
    fs.writeFileSync(path.join(stage, f), JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'))) + '\n');
  console.log(`package-vsix: vsce package --no-dependencies -o ${path.relative(root, out)} (${files.length} files)`);
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-update-package-json', '-o', out], 'vsce package', { cwd: stage });
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
if (opts.list) console.log(files.join('\n'));

const size = fs.statSync(out).size;
const kb = (size / 1024).toFixed(1);
console.log(`package-vsix: ${path.relative(root, out)} is ${size} bytes (${kb} KiB), built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (size >= MAX_BYTES) {
  console.error(`package-vsix: the .vsix must stay under 1 MB (${MAX_BYTES} bytes); check .vscodeignore and docs/images`);
  process.exit(1);
}
