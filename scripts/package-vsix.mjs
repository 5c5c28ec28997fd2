#!/usr/bin/env node
// Package the VS Code extension: build the bundles, then `vsce package --no-dependencies -o vcluster-cors.vsix`.
// Works offline: vsce is a devDependency and runs from node_modules (no npx download); the .vsix carries
// only what .vscodeignore lets through. Fails when the .vsix is 1 MB or larger.
//
// usage: node scripts/package-vsix.mjs [--no-build] [--out vcluster-cors.vsix] [--list]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_offline: 'true' },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    console.error(`package-vsix: ${what} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
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
// Same as `npx @vscode/vsce package --no-dependencies -o <out>`, without npx's registry lookup.
const vsce = require.resolve('@vscode/vsce/vsce');
console.log(`package-vsix: vsce package --no-dependencies -o ${path.relative(root, out)}`);
run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-update-package-json', '-o', out], 'vsce package');
if (opts.list) run(process.execPath, [vsce, 'ls', '--no-dependencies'], 'vsce ls');

const size = fs.statSync(out).size;
const kb = (size / 1024).toFixed(1);
console.log(`package-vsix: ${path.relative(root, out)} is ${size} bytes (${kb} KiB), built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (size >= MAX_BYTES) {
  console.error(`package-vsix: the .vsix must stay under 1 MB (${MAX_BYTES} bytes); check .vscodeignore and docs/images`);
  process.exit(1);
}
