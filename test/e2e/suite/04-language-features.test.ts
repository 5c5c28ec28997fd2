/// <reference types="mocha" />
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  completionLabels,
  hasRule,
  hoverText,
  lineOf,
  openFile,
  positionOf,
  waitFor,
  waitForDiagnostics,
  waitForStatus,
  wsUri,
} from './helpers';

describe('hover and completion', function () {
  this.timeout(60000);
  before(async () => {
    await activateExtension();
  });

  it('hover on enable-cors shows the effective policy and the preflight response', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    const editor = await openFile(uri);
    await waitForDiagnostics(uri, hasRule('wildcard-origin'), 'the first lint');
    const text = await waitFor(() => hoverText(uri, positionOf(editor.document, 'enable-cors', 3)), 'a hover on enable-cors');
    assert.match(text, /Effective CORS policy/);
    assert.match(text, /Access-Control-Allow-Origin: \*/);
    assert.match(text, /Access-Control-Allow-Credentials: true/);
  });

  it('hover on an origin value explains what ingress-nginx does with it', async function () {
    const uri = wsUri('vcluster-platform-origins.yaml');
    const editor = await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    const text = await waitFor(
      () => hoverText(uri, positionOf(editor.document, 'http://localhost:3000', 5)),
      'a hover on the origin value',
    );
    assert.match(text, /cors-allow-origin/);
    assert.match(text, /localhost:3000/);
  });

  it('completion offers the CORS annotation keys in ingress.annotations', async function () {
    const uri = wsUri('fixes/vcluster-platform-completion.yaml');
    const editor = await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    const line = lineOf(editor.document, 'cert-manager.io/cluster-issuer') + 1;
    const typed = '    nginx.ingress.kubernetes.io/cors-';
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), `${typed}\n`));
    try {
      const labels = await waitFor(async () => {
        const l = await completionLabels(uri, new vscode.Position(line, typed.length));
        // Short names as labels (the full key is the detail).
        return l.includes('cors-allow-origin') ? l : undefined;
      }, 'the CORS annotation key completions');
      for (const key of [
        'enable-cors',
        'cors-allow-origin',
        'cors-allow-credentials',
        'cors-allow-methods',
        'cors-allow-headers',
        'cors-max-age',
      ]) {
        assert.ok(labels.includes(key), `${key} offered; got ${labels.join(', ')}`);
      }
      assert.ok(labels.includes('CORS annotation block'), 'the whole-block snippet is offered');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.ok(!editor.document.isDirty, 'reverted');
  });

  it('completion offers values for cors-allow-credentials', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    const editor = await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    const pos = positionOf(editor.document, 'cors-allow-credentials: "true"', 'cors-allow-credentials: "'.length);
    const labels = await waitFor(async () => {
      const l = await completionLabels(uri, pos);
      return l.some((x) => x.includes('false')) ? l : undefined;
    }, 'the cors-allow-credentials value completions');
    assert.ok(
      labels.some((l) => /^"?false"?$/.test(l)),
      `"false" offered; got ${labels.join(', ')}`,
    );
    assert.ok(
      labels.some((l) => /^"?true"?$/.test(l)),
      `"true" offered; got ${labels.join(', ')}`,
    );
  });
});
