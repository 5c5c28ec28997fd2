/// <reference types="mocha" />
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  hasRule,
  lacksRule,
  openFile,
  ours,
  ruleId,
  setSetting,
  waitFor,
  waitForDiagnostics,
  waitForStatus,
  wsUri,
} from './helpers';

const HELM =
  'helm upgrade vcluster-platform vcluster-platform --repo https://charts.loft.sh/ --namespace vcluster-platform --reuse-values -f';

describe('commands', function () {
  this.timeout(60000);
  before(async () => {
    await activateExtension();
  });

  it('Migrate CORS to Gateway API opens the HTTPRoute with the behaviour diff in a new untitled editor', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => ruleId(d) === 'ingress-nginx-retired'), 'ingress-nginx-retired');
    const retired = ds.find((d) => ruleId(d) === 'ingress-nginx-retired')!;
    assert.strictEqual(retired.severity, vscode.DiagnosticSeverity.Information);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      retired.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = actions.find((a) => a.title === 'Migrate CORS to Gateway API…');
    assert.ok(action?.command, `offered on the finding; got:\n${actions.map((a) => a.title).join('\n')}`);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(
      action.command.command,
      ...(action.command.arguments ?? []),
    );
    try {
      assert.ok(doc, 'the command returns the opened document');
      assert.strictEqual(doc.isUntitled, true);
      assert.strictEqual(doc.languageId, 'yaml');
      const text = doc.getText();
      assert.match(text, /^# vcluster-platform\.yaml: ingress \(ingress-nginx\) → Gateway API\n/);
      assert.match(text, /\n# {3}Behaviour diff \(\d+ requests from \d+ origins, with and without credentials\): /);
      assert.match(text, /\nkind: HTTPRoute\n/);
      assert.strictEqual(vscode.window.activeTextEditor?.document, doc, 'it is shown');
    } finally {
      // Leave the workbench as it was (one editor group) for the suites and UI flows that follow.
      if (doc) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  });

  it('Insert CORS annotation block (with arguments) adds a complete CORS configuration', async function () {
    const uri = wsUri('insert/vcluster-platform.yaml');
    const editor = await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    const before = editor.document.getText();
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; added: string[]; kept: string[] } | undefined>(
      'vclusterCors.insertCorsBlock',
      { uri: uri.toString(), origins: ['https://dashboard.example.com', 'https://admin.example.com'], credentials: false },
    );
    assert.ok(outcome?.applied, `the edit was applied: ${JSON.stringify(outcome)}`);
    const text = editor.document.getText();
    assert.notStrictEqual(text, before);
    assert.match(text, /nginx\.ingress\.kubernetes\.io\/enable-cors: "true"/);
    assert.match(
      text,
      /nginx\.ingress\.kubernetes\.io\/cors-allow-origin: "https:\/\/dashboard\.example\.com, ?https:\/\/admin\.example\.com"/,
    );
    assert.match(text, /nginx\.ingress\.kubernetes\.io\/cors-allow-credentials: "false"/);
    assert.match(text, /cert-manager\.io\/cluster-issuer: letsencrypt/, 'the existing annotation is kept');
    assert.ok(
      outcome.added.some((k) => k.endsWith('/cors-allow-origin')),
      `added lists cors-allow-origin: ${outcome.added.join(', ')}`,
    );
    // The inserted block is itself clean.
    const ds = await waitForDiagnostics(
      uri,
      (x) => x.every((d) => d.severity !== vscode.DiagnosticSeverity.Error && d.severity !== vscode.DiagnosticSeverity.Warning),
      'no errors or warnings after the insert',
    );
    assert.deepStrictEqual(ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map(ruleId), []);
    assert.ok(await editor.document.save());
  });

  it('Insert CORS annotation block refuses invalid origins and changes nothing', async function () {
    const uri = wsUri('fixes/vcluster-platform-completion.yaml');
    const editor = await openFile(uri);
    const before = editor.document.getText();
    const outcome = await vscode.commands.executeCommand('vclusterCors.insertCorsBlock', {
      uri: uri.toString(),
      origins: ['https://dashboard.example.com/'],
      credentials: true,
    });
    assert.strictEqual(outcome, undefined, 'nothing inserted');
    assert.strictEqual(editor.document.getText(), before);
    assert.ok(!editor.document.isDirty);
  });

  it('Copy `helm upgrade` command writes the command for this file to the clipboard', async function () {
    await openFile('clean/vcluster-platform.yaml');
    await vscode.env.clipboard.writeText('before');
    const copied = await vscode.commands.executeCommand<string>('vclusterCors.copyHelmUpgrade');
    const expected = `${HELM} clean/vcluster-platform.yaml`;
    assert.strictEqual(copied, expected);
    assert.strictEqual(await vscode.env.clipboard.readText(), expected);
  });

  it('Copy `helm upgrade` command uses vclusterCors.helm.release and .namespace', async function () {
    await openFile('vcluster-platform.yaml');
    await setSetting('vclusterCors', 'helm.release', 'platform');
    await setSetting('vclusterCors', 'helm.namespace', 'loft');
    try {
      await vscode.commands.executeCommand('vclusterCors.copyHelmUpgrade');
      assert.strictEqual(
        await vscode.env.clipboard.readText(),
        'helm upgrade platform vcluster-platform --repo https://charts.loft.sh/ --namespace loft --reuse-values -f vcluster-platform.yaml',
      );
    } finally {
      await setSetting('vclusterCors', 'helm.release', undefined);
      await setSetting('vclusterCors', 'helm.namespace', undefined);
    }
  });

  it('Copy preflight `curl` uses ingress.host and the first allowed origin', async function () {
    await openFile('clean/vcluster-platform.yaml');
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand('vclusterCors.copyPreflightCurl');
    assert.strictEqual(
      await vscode.env.clipboard.readText(),
      "curl -i -X OPTIONS https://platform.example.com/kubernetes/management/apis -H 'Origin: https://dashboard.example.com' -H 'Access-Control-Request-Method: GET' -H 'Access-Control-Request-Headers: authorization'",
    );
    // With `*` any origin is allowed: the command uses an example origin.
    await openFile('vcluster-platform.yaml');
    await vscode.commands.executeCommand('vclusterCors.copyPreflightCurl');
    assert.match(await vscode.env.clipboard.readText(), /-H 'Origin: https:\/\/example\.com'/);
  });

  it('Restart language server brings diagnostics back', async function () {
    const api = await activateExtension();
    const uri = wsUri('vcluster-platform-origins.yaml');
    await openFile(uri);
    await waitForDiagnostics(uri, hasRule('localhost-in-prod'), 'localhost-in-prod before the restart');
    await vscode.commands.executeCommand('vclusterCors.restartServer');
    await waitFor(() => api.client()?.isRunning(), 'the server to run again');
    // A change after the restart is linted by the new server.
    const editor = await openFile(uri);
    const line = editor.document.lineAt(7);
    await editor.edit((b) => b.replace(line.range, line.text.replace(', http://localhost:3000', '')));
    await waitForDiagnostics(uri, lacksRule('localhost-in-prod'), 'the new server to lint the change');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(uri, hasRule('localhost-in-prod'), 'localhost-in-prod after the revert');
    assert.ok(ours(uri).length > 0);
  });
});
