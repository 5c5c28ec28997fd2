/**
 * The npm package: `npm pack` holds exactly the CLI bundle, the schemas and the package docs; installed
 * OFFLINE from the tarball into an empty project, `vcluster-cors` (node_modules/.bin and `npx`) lints,
 * shows the policy and simulates without any other package.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const ROOT = path.resolve(__dirname, '../../..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tmp: string;
let tarball: string;
let project: string;

function sh(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_cache: path.join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    ...extraEnv,
  };
  // npm test's own npm_* settings (npm_config_prefix, npm_lifecycle_*) must not leak into the nested npm.
  for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(prefix|global|local_prefix))/i.test(k)) delete env[k];
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS']) delete env[k];
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-npm-'));
  // --ignore-scripts: `prepack` would rebuild the bundles while other test files run them (npm test built them).
  const r = sh(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
  assert.equal(r.code, 0, r.stderr);
  const info = JSON.parse(r.stdout)[0];
  tarball = path.join(tmp, info.filename);
  (globalThis as any).packInfo = info;
  project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  const inst = sh(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], project);
  assert.equal(inst.code, 0, inst.stdout + inst.stderr);
  fs.mkdirSync(path.join(project, 'deploy'));
  fs.copyFileSync(
    path.join(ROOT, 'test/fixtures/formats/project/vcluster-platform.yaml'),
    path.join(project, 'deploy/vcluster-platform.yaml'),
  );
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the tarball holds only the CLI bundle, the schemas and the package docs', () => {
  const info = (globalThis as any).packInfo;
  const files = info.files.map((f: { path: string }) => f.path).sort();
  const expected = [
    'LICENSE',
    'README.md',
    'package.json',
    'schemas/vcluster-cors-config.schema.json',
    'schemas/vcluster-platform-values.schema.json',
    'server/out/cli.js',
    'server/out/engine.js.br',
    'server/out/lsp.js.br',
    'server/out/server.js',
  ];
  if (fs.existsSync(path.join(ROOT, 'CHANGELOG.md'))) expected.push('CHANGELOG.md');
  assert.deepEqual(files, expected.sort());
  assert.ok(info.size < 400 * 1024, `packed size ${info.size} bytes`);
});

test('package.json: bin with a shebang, engines, no run-time dependencies', () => {
  assert.deepEqual(PKG.bin, { 'vcluster-cors': 'server/out/cli.js' });
  assert.equal(PKG.engines.node, '>=20');
  assert.equal(PKG.dependencies, undefined, 'the CLI bundle is self-contained: no run-time dependencies');
  assert.equal(PKG.private, undefined, 'private packages cannot be published for npx');
  const cli = fs.readFileSync(path.join(project, 'node_modules/vcluster-cors/server/out/cli.js'), 'utf8');
  assert.ok(cli.startsWith('#!/usr/bin/env node\n'));
  // cli.js only loads the one engine bundle next to it.
  assert.deepEqual(
    [...cli.matchAll(/\brequire\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]),
    ['./server.js'],
  );
  // server.js only loads the engine bundle next to it (decompressed, with a V8 code cache: Node built-ins only).
  const loader = fs.readFileSync(path.join(project, 'node_modules/vcluster-cors/server/out/server.js'), 'utf8');
  assert.deepEqual([...new Set([...loader.matchAll(/\brequire\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]))].sort(), [
    'fs',
    'module',
    'path',
    'v8',
    'vm',
    'zlib',
  ]);
  assert.match(loader, /\bload\("engine\.js","lsp"\)/); // minified by the build
  // Self-contained: every require() call of the bundles is a Node built-in (esbuild inlined the rest) or, in the
  // engine, the LSP packages it shares with the VS Code client (lsp.js) and the JSON schemas the package ships in
  // schemas/ (not bundled a second time). A require inside a string literal is data (ajv's inlined runtime keeps its
  // own source as `.code`).
  for (const [name, own] of [
    ['engine.js', ['./lsp.js', '../../schemas/vcluster-platform-values.schema.json', '../../schemas/vcluster-cors-config.schema.json']],
    ['lsp.js', []],
  ] as const) {
    const bundle = zlib
      .brotliDecompressSync(fs.readFileSync(path.join(project, 'node_modules/vcluster-cors/server/out', `${name}.br`)))
      .toString('utf8');
    const required = [...bundle.matchAll(/(?<!['"`])\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    assert.ok(required.length > 0);
    const foreign = required.filter((m) => !builtinModules.includes(m.replace(/^node:/, '')));
    assert.deepEqual([...new Set(foreign)], own, name);
  }
  // Nothing but the package itself was installed.
  assert.deepEqual(
    fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')),
    ['vcluster-cors'],
  );
});

test('node_modules/.bin/vcluster-cors lint, policy and simulate work from the installed package', () => {
  const bin = path.join(project, 'node_modules/.bin/vcluster-cors');
  const version = sh(bin, ['--version'], project);
  assert.deepEqual(version, { code: 0, stdout: `${PKG.version}\n`, stderr: '' });

  const lint = sh(bin, ['lint', '--format', 'json', '.'], project);
  assert.equal(lint.code, 1, lint.stderr);
  const report = JSON.parse(lint.stdout);
  assert.equal(report[0].file, 'deploy/vcluster-platform.yaml');
  assert.deepEqual(
    report[0].diagnostics.map((d: { ruleId: string; line: number }) => `${d.line}:${d.ruleId}`),
    ['9:annotation-value-not-string', '10:origin-default-port', '11:method-case'],
  );

  const policy = sh(bin, ['policy', '--format', 'json', 'deploy/vcluster-platform.yaml'], project);
  assert.equal(policy.code, 0, policy.stderr);
  const policies = JSON.parse(policy.stdout);
  assert.equal(JSON.stringify(policies).includes('https://dashboard.example.com'), true);

  const allowed = sh(
    bin,
    ['simulate', 'deploy/vcluster-platform.yaml', '--origin', 'https://dashboard.example.com', '--format', 'json'],
    project,
  );
  assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
  const blocked = sh(bin, ['simulate', 'deploy/vcluster-platform.yaml', '--origin', 'https://evil.example', '--format', 'json'], project);
  assert.equal(blocked.code, 1, blocked.stdout + blocked.stderr);
  assert.match(blocked.stdout, /"blocked"/);
});

test('`npx vcluster-cors lint .` runs the installed package offline', () => {
  const r = sh(NPM, ['exec', '--offline', '--no', '--', 'vcluster-cors', 'lint', '--format', 'github', '.'], project);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^::error file=deploy\/vcluster-platform\.yaml,line=9,col=46,/);
  const npx = sh(
    process.platform === 'win32' ? 'npx.cmd' : 'npx',
    ['--offline', '--no', 'vcluster-cors', 'lint', '--quiet', 'deploy'],
    project,
  );
  assert.equal(npx.code, 1, npx.stderr);
  assert.match(npx.stdout, /annotation-value-not-string/);
});
