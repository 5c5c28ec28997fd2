/// <reference types="mocha" />
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  byRule,
  hasRule,
  hoverText,
  openFile,
  ours,
  rangeString,
  ruleId,
  waitForDiagnostics,
  waitForStatus,
  wsUri,
} from './helpers';

describe('diagnostics', function () {
  this.timeout(60000);
  before(async () => {
    await activateExtension();
  });

  it('reports wildcard-origin and wildcard-with-credentials on the broken production file', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    const editor = await openFile(uri);
    const ds = await waitForDiagnostics(
      uri,
      (d) => hasRule('wildcard-origin')(d) && hasRule('wildcard-with-credentials')(d),
      'wildcard findings',
    );
    const line = editor.document.lineAt(7).text;
    assert.ok(line.includes('cors-allow-origin: "*"'), `line 8 is the origin annotation: ${line}`);
    const star = line.indexOf('*');
    for (const id of ['wildcard-origin', 'wildcard-with-credentials']) {
      const [d] = byRule(ds, id);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `${id} is an error in production`);
      assert.strictEqual(rangeString(d.range), `7:${star}-7:${star + 1}`, `${id} points at the *`);
      assert.strictEqual(d.source, 'vcluster-cors');
      assert.ok(typeof d.code === 'object' && String(d.code.value) === id, `${id}: code.value`);
      const target = typeof d.code === 'object' ? d.code.target.toString() : '';
      assert.match(target, new RegExp(`/docs/rules/${id}\\.md$`), `${id}: code links to its documentation`);
    }
    const wwc = byRule(ds, 'wildcard-with-credentials')[0];
    assert.match(wwc.message, /credentials/i);
    assert.ok(
      (wwc.relatedInformation ?? []).some((r) => r.location.range.start.line === 8),
      'related information points at cors-allow-credentials',
    );
  });

  it('finds nothing to complain about in the clean values file of a subfolder', async function () {
    const uri = wsUri('clean/vcluster-platform.yaml');
    await openFile(uri);
    await waitForStatus(uri, (s) => s.validated, 'the lint of clean/vcluster-platform.yaml');
    const ds = await waitForDiagnostics(
      uri,
      (d) => d.every((x) => x.severity !== vscode.DiagnosticSeverity.Error && x.severity !== vscode.DiagnosticSeverity.Warning),
      'no errors/warnings',
    );
    assert.deepStrictEqual(ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map(ruleId), [], 'no errors or warnings');
  });

  it('lints values-dev.yaml by its content, as development (wildcard-origin is a warning)', async function () {
    const uri = wsUri('values-dev.yaml');
    await openFile(uri);
    const ds = await waitForDiagnostics(uri, hasRule('wildcard-origin'), 'wildcard-origin on values-dev.yaml');
    const [d] = byRule(ds, 'wildcard-origin');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning, 'wildcard-origin is only a warning in development');
    assert.strictEqual(d.range.start.line, 8);
  });

  it('leaves a YAML file outside the globs alone', async function () {
    const uri = wsUri('other.yaml');
    await openFile(uri);
    const s = await waitForStatus(uri, () => true, 'the status of other.yaml');
    assert.strictEqual(s.validated, false, 'other.yaml is not linted');
    assert.deepStrictEqual(ours(uri), [], 'no diagnostics on other.yaml');
  });

  it('reports yaml-syntax on a broken file and the server stays alive', async function () {
    const uri = wsUri('broken/vcluster-platform.yaml');
    await openFile(uri);
    const ds = await waitForDiagnostics(uri, hasRule('yaml-syntax'), 'yaml-syntax');
    for (const d of byRule(ds, 'yaml-syntax')) assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    const api = await activateExtension();
    assert.ok(api.client()?.isRunning(), 'the language server still runs');
    // ...and still answers for other files.
    const other = wsUri('vcluster-platform-origins.yaml');
    await openFile(other);
    await waitForDiagnostics(other, hasRule('localhost-in-prod'), 'localhost-in-prod after the broken file');
    const doc = await vscode.workspace.openTextDocument(other);
    const hover = await hoverText(other, new vscode.Position(6, 40));
    assert.ok(hover.length > 0, `hover still works (line: ${doc.lineAt(6).text})`);
  });

  it('lints untitled YAML documents that look like the chart values', async function () {
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: [
        'ingress:',
        '  enabled: true',
        '  host: platform.example.com',
        '  ingressClass: nginx',
        '  annotations:',
        '    nginx.ingress.kubernetes.io/enable-cors: "true"',
        '    nginx.ingress.kubernetes.io/cors-allow-origin: "null"',
        '    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"',
        '',
      ].join('\n'),
    });
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.strictEqual(doc.uri.scheme, 'untitled');
    const ds = await waitForDiagnostics(doc.uri, hasRule('null-origin'), 'null-origin on the untitled document');
    assert.strictEqual(byRule(ds, 'null-origin')[0].range.start.line, 6);
  });
});
