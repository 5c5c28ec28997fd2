// Build: generate the rule index, then bundle the server, the CLI and the client with esbuild.
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { brotliCompress, constants as zc } from 'node:zlib';
import { promisify } from 'node:util';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOptions } from './build-options.mjs';
import { unusedClientFeatures } from './client-features.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  execFileSync(process.execPath, [join(root, 'scripts/gen-rules.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts/gen-validators.mjs')], { stdio: 'inherit' });
} catch {
  process.exit(1); // gen-rules printed why
}

const common = buildOptions(root);

/** vscode-languageclient's two `semver` functions from client/src/semver.ts instead of the `semver` package. */
const semverLite = {
  name: 'semver-lite',
  setup(b) {
    b.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (a) => ({
      path: a.path.slice('semver/functions/'.length),
      namespace: 'semver-lite',
    }));
    b.onLoad({ filter: /.*/, namespace: 'semver-lite' }, (a) => ({
      contents: `module.exports = require('./client/src/semver.ts').${a.path};`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * Resolves the shared LSP packages to the one copy in server/out/lsp.js: `require(lsp)${call}` from the bundle
 * (the engine's `./lsp.js` is served by the loader that runs it; the client asks the loader, server.js).
 */
function sharedLsp(lsp, call = '') {
  const filter = new RegExp(`^(${SHARED.map((m) => m.replace(/[/-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'shared-lsp',
    setup(b) {
      b.onResolve({ filter }, (a) => ({ path: a.path, namespace: 'shared-lsp' }));
      b.onResolve({ filter: /\/(lsp|server)\.js$/, namespace: 'shared-lsp' }, (a) => ({ path: a.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'shared-lsp' }, (a) => ({
        contents: `module.exports = require(${JSON.stringify(lsp)})${call}[${JSON.stringify(a.path)}];`,
        loader: 'js',
      }));
    },
  };
}
/**
 * The JSON schemas ship as files next to the bundles (schemas/, for editors' yamlValidation and the npm package):
 * the engine bundle requires them from there at run time instead of carrying a second copy (-5 KB brotli).
 * server/out/engine.js runs from server/out/ (the loader's directory), so `../../schemas/` is the package's.
 */
const externalSchemas = {
  name: 'external-schemas',
  setup(b) {
    b.onResolve({ filter: /(^|\/)schemas\/[\w.-]+\.schema\.json$/ }, (a) => ({
      path: `../../schemas/${a.path.split('/').pop()}`,
      external: true,
    }));
  },
};
/**
 * Node built-ins that vscode-jsonrpc and vscode-languageserver require when they load, but use only for what the
 * language server does not do over stdio or IPC (crypto: pipe names and UUIDs; net: sockets and named pipes;
 * child_process: finding globally installed npm modules): each is loaded on its first use instead. Node compiles
 * a built-in on its first require: in a CPU profile of a cold start, crypto took ~7 ms and child_process ~2.5 ms
 * (net is loaded anyway when stdin is a pipe). Spawn to first diagnostics, median of 12, old and new build
 * interleaved, two runs: 146 → 140 ms and 152 → 144 ms. test/package/lazyBuiltins.test.ts.
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(crypto|net|child_process)$/ }, (a) =>
      /[\\/]node_modules[\\/]vscode-(jsonrpc|languageserver)[\\/]/.test(a.importer)
        ? { path: a.path, namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => ({
      contents:
        `let m;\nconst load = () => (m ??= require(${JSON.stringify(`node:${a.path}`)}));\n` +
        'module.exports = new Proxy({}, {\n' +
        '  get: (_, k) => load()[k],\n' +
        '  has: (_, k) => k in load(),\n' +
        '  ownKeys: () => Reflect.ownKeys(load()),\n' +
        '  getOwnPropertyDescriptor: (_, k) => {\n' +
        '    const d = Object.getOwnPropertyDescriptor(load(), k);\n' +
        '    return d && { ...d, configurable: true };\n' +
        '  },\n' +
        '});\n',
      loader: 'js',
    }));
  },
};
const t0 = Date.now();
// The engine ships once: engine.js holds the language server, the CLI and the CLI's workers (server/src/entry.ts
// loads each on demand). server.js (scripts/server-loader.cjs) starts it with a V8 code cache; cli.js, the
// package's bin, only requires server.js.
// The LSP plumbing (JSON-RPC, the protocol and its types, text documents) is the same package versions on both
// sides: it ships once too, in server/out/lsp.js, which the client and the server require.
const SHARED = [
  'vscode-jsonrpc',
  'vscode-jsonrpc/node',
  'vscode-languageserver-protocol',
  'vscode-languageserver-protocol/node',
  'vscode-languageserver-types',
  'vscode-languageserver-textdocument',
];
await Promise.all([
  build({
    ...common,
    entryPoints: ['server/src/entry.ts'],
    outfile: 'server/out/engine.js',
    plugins: [sharedLsp('./lsp.js'), externalSchemas, lazyBuiltins],
  }),
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/out/bundle.js',
    external: ['vscode'],
    plugins: [sharedLsp('../../server/out/server.js', '.shared()'), semverLite, unusedClientFeatures],
  }),
  build({
    ...common,
    stdin: {
      contents: `module.exports = {\n${SHARED.map((m) => `  ${JSON.stringify(m)}: require(${JSON.stringify(m)}),`).join('\n')}\n};\n`,
      resolveDir: root,
      sourcefile: 'lsp-shared.js',
    },
    outfile: 'server/out/lsp.js',
    plugins: [lazyBuiltins],
  }),
]);
rmSync(join(root, 'server/out/cli.js.map'), { force: true });
rmSync(join(root, 'server/out/server.js.map'), { force: true });
// The two loaders ship minified like the bundles (their comments are most of their bytes).
for (const [from, to] of [
  ['scripts/server-loader.cjs', 'server/out/server.js'],
  ['scripts/client-loader.cjs', 'client/out/extension.js'],
]) {
  const { code } = await transform(readFileSync(join(root, from), 'utf8'), { minify: true, target: 'node20', charset: 'utf8' });
  writeFileSync(join(root, to), code);
}
writeFileSync(join(root, 'server/out/cli.js'), "#!/usr/bin/env node\n'use strict';\nrequire('./server.js').cli();\n");
chmodSync(join(root, 'server/out/cli.js'), 0o755);
// The rule pages ship as one file (client/src/ruleDocs.ts writes them out when one is opened): a zip compresses
// each entry alone, and 48 small Markdown files compress to 68 KB apart but 41 KB together.
const ruleDocs = Object.fromEntries(
  readdirSync(join(root, 'docs/rules'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => [f.slice(0, -3), readFileSync(join(root, 'docs/rules', f), 'utf8')]),
);
// The bundles ship brotli-compressed too: a zip entry is deflated, and brotli (quality 11, 16 MiB window) makes
// engine.js ~17% smaller than deflate does. server.js (scripts/server-loader.cjs) decompresses the server's,
// extension.js (scripts/client-loader.cjs) the client's.
await Promise.all([
  brotli(Buffer.from(JSON.stringify(ruleDocs))).then((b) => writeFileSync(join(root, 'client/out/rule-docs.json.br'), b)),
  ...['server/out/engine.js', 'server/out/lsp.js', 'client/out/bundle.js'].map(async (name) => {
    const file = join(root, name);
    writeFileSync(`${file}.br`, await brotli(readFileSync(file)));
    rmSync(file);
  }),
]);
console.log(`build: bundles written in ${Date.now() - t0} ms`);

function brotli(buf) {
  return promisify(brotliCompress)(buf, {
    params: {
      [zc.BROTLI_PARAM_QUALITY]: 11,
      [zc.BROTLI_PARAM_LGWIN]: 24,
      [zc.BROTLI_PARAM_MODE]: zc.BROTLI_MODE_TEXT,
      [zc.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}
