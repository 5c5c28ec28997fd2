/**
 * The language server in a Helm release (`releases:` in `.vcluster-cors.yaml`): a file is linted in its
 * release, editing one file updates the diagnostics of the others, hover shows the chain, and a code
 * action goes to the value that wins.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspClient, pos } from './client';

const BASE =
  'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"\n    nginx.ingress.kubernetes.io/cors-max-age: "86400"\n';
const PROD = 'ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n';
const PROD_FIXED = PROD + '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"\n';

function project(): { base: string; prod: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-lsp-release-'));
  fs.writeFileSync(
    path.join(dir, '.vcluster-cors.yaml'),
    'rules:\n  no-vary-origin: off\n  ingress-nginx-retired: off\nreleases:\n  - name: prod\n    values: [base.yaml, prod.yaml]\n',
  );
  fs.writeFileSync(path.join(dir, 'base.yaml'), BASE);
  fs.writeFileSync(path.join(dir, 'prod.yaml'), PROD);
  return { base: pathToFileURL(path.join(dir, 'base.yaml')).href, prod: pathToFileURL(path.join(dir, 'prod.yaml')).href };
}

const codes = (items: { code?: string | number; range: { start: { line: number } } }[] | undefined) =>
  (items ?? []).map((d) => `${d.code}@${d.range.start.line}`);

describe('releases in the editor (pull + refresh)', () => {
  const clients: LspClient[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
  });

  test('editing the prod file clears a finding shown in the base file (workspace/diagnostic/refresh)', async () => {
    const c = await LspClient.start({ pull: true, refreshSupport: true, initializationOptions: { debounceMs: 0 } });
    clients.push(c);
    const { base, prod } = project();
    await c.open(base, BASE);
    await c.open(prod, PROD);
    // The max-age of base.yaml is overridden by prod.yaml: no finding for it; the `*` of base.yaml is reported there.
    assert.deepEqual(codes((await c.pull(base)).items), ['wildcard-origin@4']);
    assert.deepEqual(codes((await c.pull(prod)).items), []);
    const before = c.refreshRequests;
    await c.replaceAll(prod, PROD_FIXED);
    // Waits for the request, not for a number of timer turns (a loaded machine stretches each turn).
    for (const deadline = Date.now() + 15000; c.refreshRequests === before && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    assert.ok(c.refreshRequests > before, 'the server asked the client to re-pull');
    assert.deepEqual(codes((await c.pull(base)).items), []);
    assert.deepEqual(codes((await c.pull(prod)).items), []);
  });

  test('hover shows the effective value and the chain; code action goes to the value that wins', async () => {
    const c = await LspClient.start({ pull: true, refreshSupport: true });
    clients.push(c);
    const { base, prod } = project();
    await c.open(base, BASE);
    await c.open(prod, PROD);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: base }, position: pos(BASE, 'cors-max-age', 2) });
    const text = typeof h!.contents === 'object' && 'value' in h!.contents ? h!.contents.value : '';
    assert.ok(
      text.startsWith(
        '**Release `prod`**: `ingress.annotations.nginx.ingress.kubernetes.io/cors-max-age` is `600` — set in base.yaml:7, overridden by prod.yaml:3.',
      ),
      text,
    );
    const at = pos(BASE, 'cors-max-age', 2);
    const actions = await c.codeActions(base, { start: at, end: at }, []);
    const go = actions.find((a) => a.title.startsWith('Go to the value that wins'))!;
    assert.equal(go.title, 'Go to the value that wins (prod.yaml:3)');
    assert.equal(go.command!.command, 'vclusterCors.goToWinningValue');
    assert.deepEqual(go.command!.arguments, [prod, { start: { line: 2, character: 46 }, end: { line: 2, character: 51 } }]);
    // The value that wins needs no jump.
    const atProd = pos(PROD, 'cors-max-age', 2);
    assert.equal((await c.codeActions(prod, { start: atProd, end: atProd }, [])).filter((a) => a.title.startsWith('Go to')).length, 0);
  });
});

describe('releases in the editor (push)', () => {
  test('editing the prod file re-publishes the base file without the finding', async () => {
    const c = await LspClient.start({ pull: false, initializationOptions: { debounceMs: 0 } });
    try {
      const { base, prod } = project();
      await c.open(base, BASE);
      await c.open(prod, PROD);
      await c.waitForDiagnostics((p) => p.uri === base && codes(p.diagnostics).includes('wildcard-origin@4'));
      const v = await c.replaceAll(prod, PROD_FIXED);
      await c.waitForDiagnostics((p) => p.uri === prod && p.version === v, 15000);
      const after = await c.waitForDiagnostics((p) => p.uri === base && p.diagnostics.length === 0, 15000);
      assert.deepEqual(after.diagnostics, []);
    } finally {
      await c.stop();
    }
  });
});
