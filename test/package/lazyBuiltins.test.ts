/**
 * scripts/build.mjs (lazy-builtins): the bundles load `crypto`, `net` and `child_process` for vscode-jsonrpc and
 * vscode-languageserver on first use instead of at start. What uses them still works through the shipped lsp.js:
 * a random pipe name (crypto, loaded only then) and a message over that named pipe (net).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const SERVER = join(root, 'server/out/server.js');

test('a pipe name and a message over the named pipe, through the shipped lsp.js', () => {
  const script = `
    const rpc = require(${JSON.stringify(SERVER)}).shared()['vscode-jsonrpc/node'];
    const loaded = () => process.moduleLoadList.includes('NativeModule crypto');
    const before = loaded();
    const name = rpc.generateRandomPipeName();
    const after = loaded();
    (async () => {
      const listening = await rpc.createClientPipeTransport(name);
      const [, writer] = rpc.createServerPipeTransport(name);
      const [reader] = await listening.onConnected();
      reader.listen((m) => {
        console.log(JSON.stringify({ before, after, method: m.method }));
        process.exit(0);
      });
      await writer.write({ jsonrpc: '2.0', method: 'ping', params: {} });
    })();
  `;
  // A script file, not \`node -e\`: Node loads crypto for -e itself.
  const dir = mkdtempSync(join(tmpdir(), 'vcluster-cors-lazy-'));
  const file = join(dir, 'pipe.js');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 20_000 });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { before: false, after: true, method: 'ping' });
});
