/**
 * server/out/server.js starts the engine bundle with a V8 code cache (scripts/server-loader.cjs): the cache is
 * written after a first run (with the decompressed source), used by the next, and a stale, truncated, corrupt or
 * unwritable cache is ignored silently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { brotliDecompressSync } from 'node:zlib';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const CLI = join(root, 'server/out/cli.js');
const seed = join(root, 'examples/vcluster-platform.yaml');

function lint(cacheDir: string) {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', seed], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, VCLUSTER_CORS_CACHE_DIR: cacheDir, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function stampOf(mode: string): string {
  const st = statSync(join(root, 'server/out/engine.js.br'));
  return `vcluster-cors ${mode} ${st.size} ${st.mtimeMs} ${process.version}\n`;
}

test('the CLI writes a code cache, uses it, and ignores a stale or corrupt one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vcc-cache-'));
  try {
    const file = join(dir, 'engine-cli.v8cache');
    const first = lint(dir);
    assert.equal(first.stderr, '');
    assert.deepEqual(readdirSync(dir), ['engine-cli.v8cache']);
    const data = readFileSync(file);
    const stampLength = Buffer.byteLength(stampOf('cli'));
    assert.equal(data.subarray(0, stampLength).toString(), stampOf('cli'));
    // Then the source's length (4 bytes, little-endian), the source as the bundle holds it, V8's data.
    const source = brotliDecompressSync(readFileSync(join(root, 'server/out/engine.js.br')));
    assert.equal(data.readUInt32LE(stampLength), source.length);
    assert.ok(data.subarray(stampLength + 4, stampLength + 4 + source.length).equals(source));
    assert.ok(data.length - stampLength - 4 - source.length > 10000, 'the cache holds compiled code');

    // With the cache: same output, and the cache is left as it was (V8 accepted it: a rejected one is rewritten).
    const mtime = statSync(file).mtimeMs;
    const second = lint(dir);
    assert.deepEqual(second, first);
    assert.ok(readFileSync(file).equals(data));
    assert.equal(statSync(file).mtimeMs, mtime);

    // Corrupt data under a valid stamp: V8 rejects it, the bundle compiles as usual and the cache is rewritten.
    const head = data.subarray(0, stampLength + 4 + source.length);
    writeFileSync(file, Buffer.concat([head, Buffer.from('not a code cache')]));
    assert.deepEqual(lint(dir), first);
    const rewritten = readFileSync(file);
    assert.ok(rewritten.subarray(0, head.length).equals(head));
    assert.ok(rewritten.length > head.length + 10000, 'the rejected cache was replaced');

    // Cut short inside the source: ignored (the bundle is decompressed), then replaced.
    writeFileSync(file, data.subarray(0, stampLength + 4 + 1000));
    assert.deepEqual(lint(dir), first);
    const replaced = readFileSync(file);
    assert.ok(replaced.subarray(0, head.length).equals(head));
    assert.ok(replaced.length > head.length + 10000, 'the truncated cache was replaced');

    // A stamp of another bundle: ignored, then replaced.
    writeFileSync(file, Buffer.concat([Buffer.from('vcluster-cors cli 1 2 v0\n'), data.subarray(stampLength)]));
    assert.deepEqual(lint(dir), first);
    assert.equal(
      readFileSync(file)
        .subarray(0, Buffer.byteLength(stampOf('cli')))
        .toString(),
      stampOf('cli'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unwritable cache location changes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vcc-cache-'));
  try {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'a file where the cache directory should be');
    const expected = lint(dir);
    const r = lint(blocker);
    assert.deepEqual(r, expected);
    assert.equal(readFileSync(blocker, 'utf8'), 'a file where the cache directory should be');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundles are ASCII: V8 keeps their source as a one-byte string, decoded at start without a slow path', () => {
  for (const name of ['engine.js', 'lsp.js']) {
    const source = brotliDecompressSync(readFileSync(join(root, 'server/out', `${name}.br`)));
    const at = source.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `${name}: a non-ASCII byte near ${JSON.stringify(source.subarray(Math.max(0, at - 40), at + 10).toString())}`);
  }
});
