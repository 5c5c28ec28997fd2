/** The warm-up's private session (lsp/warmRoute.ts): edits in as framed messages, diagnostics out, nothing to stdout. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { shadowRoute } from '../../server/src/lsp/warmRoute';
import { warmEdit } from '../../server/src/lsp/warmup';
import { applyChanges } from '../../server/src/lsp/documents';
import { TextCopy } from '../../server/src/lsp/textCopy';

const root = join(__dirname, '../../..');
const seed = readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8');

test('each edit is answered once its diagnostics are written to the private output; nothing reaches stdout', async () => {
  const uri = 'file:///work/vcluster-platform.yaml';
  const writes: unknown[] = [];
  const real = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: unknown, ...rest: unknown[]) => {
    writes.push(chunk);
    return real(chunk as string, ...(rest as []));
  };
  const route = shadowRoute(uri, 'yaml', seed, DEFAULT_SETTINGS, () => []);
  try {
    const copy = new TextCopy(uri, 'yaml', 1, seed);
    for (let i = 0; i < 6; i++) {
      const change = warmEdit(copy.text(), i);
      applyChanges(copy, [change], copy.version + 1);
      const answered = await Promise.race([
        new Promise<boolean>((r) => route.edit(change, copy.version, () => r(true))),
        new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
      ]);
      assert.ok(answered, `edit ${i} answered`);
    }
  } finally {
    process.stdout.write = real;
    route.dispose();
  }
  // (The test runner itself reports through stdout: only LSP frames would be the route's.)
  const frames = writes.filter((w) =>
    Buffer.from(w as string)
      .toString('latin1')
      .includes('Content-Length'),
  );
  assert.deepEqual(frames, []);
});

test('a lint that throws still ends the edit (the warm-up goes on and ends)', async () => {
  const uri = 'file:///work/vcluster-platform.yaml';
  const broken = Object.defineProperty({ ...DEFAULT_SETTINGS }, 'files', {
    get() {
      throw new Error('broken settings');
    },
  });
  const route = shadowRoute(uri, 'yaml', seed, broken, () => []);
  try {
    const change = warmEdit(seed, 0);
    const answered = await Promise.race([
      new Promise<boolean>((r) => route.edit(change, 2, () => r(true))),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    assert.ok(answered);
  } finally {
    route.dispose();
  }
});
