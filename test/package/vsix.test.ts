/**
 * The .vsix builds as part of `npm test`, holds only what the extension needs, and stays under 1 MB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, inflateRawSync } from 'node:zlib';

const root = join(__dirname, '..', '..', '..');

/** A built file's text; `.br` files (the bundles, the rule pages) decompressed. */
function text(f: string): string {
  const buf = readFileSync(join(root, f));
  return (f.endsWith('.br') ? brotliDecompressSync(buf) : buf).toString('utf8');
}

/** The entries of a zip archive (central directory): name, and a function that reads the entry's bytes. */
function zipFiles(buf: Buffer): { name: string; read: () => Buffer }[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const out: { name: string; read: () => Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(off + 28);
    const extra = buf.readUInt16LE(off + 30);
    const comment = buf.readUInt16LE(off + 32);
    const [method, size, local] = [buf.readUInt16LE(off + 10), buf.readUInt32LE(off + 20), buf.readUInt32LE(off + 42)];
    const read = () => {
      const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const raw = buf.subarray(data, data + size);
      return method === 8 ? inflateRawSync(raw) : raw;
    };
    out.push({ name: buf.toString('utf8', off + 46, off + 46 + nameLen), read });
    off += 46 + nameLen + extra + comment;
  }
  return out;
}

/** File names in a zip archive. */
function zipEntries(buf: Buffer): string[] {
  return zipFiles(buf).map((f) => f.name);
}

test('the .vsix packages offline, under 1 MB, with only bundles, schemas, docs and metadata', { timeout: 120000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vsix-'));
  const out = join(dir, 'vcluster-cors.vsix');
  try {
    // The bundles were built by `npm test`'s pretest step.
    const r = spawnSync(process.execPath, [join(root, 'scripts/package-vsix.mjs'), '--no-build', '--out', out], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const size = statSync(out).size;
    assert.ok(size < 1024 * 1024, `vsix is ${size} bytes`);
    const names = zipEntries(readFileSync(out));
    for (const must of [
      'extension/package.json',
      'extension/client/out/extension.js',
      'extension/client/out/bundle.js.br',
      'extension/server/out/server.js',
      'extension/server/out/engine.js.br',
      'extension/server/out/lsp.js.br',
      'extension/server/out/cli.js',
      'extension/schemas/vcluster-platform-values.schema.json',
      'extension/schemas/vcluster-cors-config.schema.json',
      'extension/client/out/rule-docs.json.br',
      'extension/readme.md',
    ])
      assert.ok(
        names.some((n) => n.toLowerCase() === must.toLowerCase()),
        `${must} missing from ${names.join(', ')}`,
      );
    const unwanted = names.filter((n) => /node_modules|\/src\/|\.map$|\/test\/|\/examples\/|\.cache|\.ts$/.test(n));
    assert.deepEqual(unwanted, []);
    // The manifest is the repository's package.json without what only development reads.
    const shipped = JSON.parse(
      zipFiles(readFileSync(out))
        .find((f) => f.name === 'extension/package.json')!
        .read()
        .toString('utf8'),
    ) as object;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.scripts;
    delete manifest.devDependencies;
    assert.deepEqual(shipped, manifest);
    // The schemas hold the repository's values (written without indentation).
    for (const f of ['schemas/vcluster-platform-values.schema.json', 'schemas/vcluster-cors-config.schema.json']) {
      const packed = zipFiles(readFileSync(out))
        .find((z) => z.name === `extension/${f}`)!
        .read()
        .toString('utf8');
      assert.deepEqual(JSON.parse(packed), JSON.parse(readFileSync(join(root, f), 'utf8')), f);
    }
    // 521 KiB when the engine shipped twice and `yaml` three times; 458 KiB with one engine bundle and the client
    // without yaml, after the Helm release, migrate and field-precision code and the Marketplace icon (29 KiB).
    // A guard against regressions (the issue's target is 350 KB). main reached 479.98 KiB with issue 11's auth and
    // versions work; hand-written headers (+10 KiB), Envoy Gateway/Contour/Emissary and Kong/APISIX/HAProxy (issue 14)
    // add their targets, policies, simulate models and editor docs.
    // 518 KiB with all of them merged; 528 KiB with issue 15's first merges.
    // 437 KiB after the vsix branch: the LSP libraries the client and the server share in one lsp.js (-35 KiB), the
    // validators requiring the schema JSON instead of a second copy (-5), the client's semver check (-6), the icon
    // re-encoded losslessly (-16) and the rule pages as one JSON file instead of 48 zip entries (-34). The rest of
    // the way to the 350 KB is mostly vscode-languageclient (~60 KiB compressed in the client).
    // 347,428 bytes after the vsix2 branch (from 453,360): the client without the vscode-languageclient features the
    // server never announces (-23 KB), the icon as a 128x128 256-colour PNG (-8.7 KB), the bundles and the rule
    // pages brotli-compressed (-61 KB), the README's long reference sections moved to docs/ (-13 KB) and the loaders
    // minified (-1.4 KB). The engine requiring the JSON schemas the .vsix ships in schemas/ instead of bundling a
    // copy took 5.8 KB off; its own YAML composer (parse/compose.ts) added 1.8 KB, its own YAML lexer and parser
    // (parse/fast*.ts) 2.1 KB; the manifest without `scripts` and `devDependencies` took 0.8 KB off, and the
    // manifest and schemas without indentation 1.0 KB.
    // The target is the guard.
    assert.ok(size <= 350_000, `vsix is ${size} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the rule pages ship as one file holding every docs/rules/*.md as it is', () => {
  const pack = JSON.parse(text('client/out/rule-docs.json.br')) as Record<string, string>;
  const dir = join(root, 'docs/rules');
  const pages = readdirSync(dir).filter((f) => f.endsWith('.md'));
  assert.ok(pages.length >= 40);
  assert.deepEqual(Object.keys(pack).sort(), pages.map((f) => f.slice(0, -3)).sort());
  for (const f of pages) assert.equal(pack[f.slice(0, -3)], readFileSync(join(dir, f), 'utf8'), f);
});

test('the engine ships once: cli.js only requires server.js (the loader of engine.js), and the client bundles no YAML parser', () => {
  const cli = text('server/out/cli.js');
  assert.equal(cli, "#!/usr/bin/env node\n'use strict';\nrequire('./server.js').cli();\n");
  // An error message of the `yaml` parser: present where it is bundled, and only there.
  const yamlMarker = 'Implicit keys need to be on a single line';
  assert.ok(text('server/out/engine.js.br').includes(yamlMarker));
  assert.ok(!text('server/out/server.js').includes(yamlMarker), 'server.js is only the loader');
  assert.ok(!text('client/out/bundle.js.br').includes(yamlMarker), 'the client bundles yaml');
  // The LSP packages ship once, in lsp.js, which the engine requires and the client gets from the loader
  // (a string of vscode-jsonrpc).
  const rpcMarker = 'Header must provide a Content-Length property.';
  assert.ok(text('server/out/lsp.js.br').includes(rpcMarker));
  for (const [f, lsp] of [
    ['client/out/bundle.js.br', 'require("../../server/out/server.js").shared()'],
    ['server/out/engine.js.br', 'require("./lsp.js")'],
  ]) {
    const bundle = text(f);
    assert.ok(!bundle.includes(rpcMarker), `${f} bundles vscode-jsonrpc`);
    assert.ok(bundle.includes(lsp), `${f} does not ${lsp}`);
  }
  // The engine's rule registry, likewise.
  assert.ok(!text('client/out/bundle.js.br').includes('wildcard-with-credentials'), 'the client bundles the engine');
});
