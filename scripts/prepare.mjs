#!/usr/bin/env node
// npm `prepare` (runs on `npm ci`/`npm install` in this repository, `npm pack` and `npm publish`): build the
// bundles, so that a git checkout installed as a package (pre-commit's `language: node` hook does
// `npm install` + `npm pack` in its clone) carries server/out/cli.js. Skipped when the dev dependencies are
// not installed (`npm ci --omit=dev`): there is nothing to build with.
//
// .npmrc sets foreground-scripts=false: npm then prints only the tarball name on `npm pack` (pre-commit
// reads that line as the file to install; npm >= 10.5 otherwise prints the script's banner and output too).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  createRequire(import.meta.url).resolve('esbuild');
} catch {
  console.error('prepare: esbuild is not installed (dev dependencies omitted); not building');
  process.exit(0);
}
const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: ['ignore', 2, 2] });
process.exit(r.status ?? 1);
