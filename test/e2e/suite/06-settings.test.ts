/// <reference types="mocha" />
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, byRule, hasRule, lacksRule, openFile, setSetting, waitForDiagnostics, waitForStatus, wsUri } from './helpers';

describe('settings and configuration files', function () {
  this.timeout(60000);
  before(async () => {
    await activateExtension();
  });

  it('vclusterCors.rules.customizations changes severities and turns rules off', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    await openFile(uri);
    const isError = (id: string) => (ds: vscode.Diagnostic[]) => byRule(ds, id).some((d) => d.severity === vscode.DiagnosticSeverity.Error);
    await waitForDiagnostics(
      uri,
      (ds) => isError('wildcard-origin')(ds) && isError('wildcard-with-credentials')(ds),
      'both wildcard errors',
    );
    try {
      await setSetting('vclusterCors', 'rules.customizations', [{ rule: 'wildcard-*', severity: 'downgrade' }]);
      const ds = await waitForDiagnostics(
        uri,
        (x) => x.length > 0 && !isError('wildcard-origin')(x) && !isError('wildcard-with-credentials')(x),
        'the downgrade',
      );
      for (const id of ['wildcard-origin', 'wildcard-with-credentials']) {
        assert.strictEqual(byRule(ds, id)[0]?.severity, vscode.DiagnosticSeverity.Warning, `${id} downgraded to a warning`);
      }
      // A negated glob: everything except wildcard-with-credentials is off.
      await setSetting('vclusterCors', 'rules.customizations', [{ rule: '!wildcard-with-credentials', severity: 'off' }]);
      const only = await waitForDiagnostics(
        uri,
        (x) => x.length === 1 && hasRule('wildcard-with-credentials')(x),
        'only wildcard-with-credentials',
      );
      assert.strictEqual(only[0].severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await setSetting('vclusterCors', 'rules.customizations', undefined);
    }
    await waitForDiagnostics(uri, (ds) => isError('wildcard-origin')(ds) && isError('wildcard-with-credentials')(ds), 'the defaults back');
  });

  it('vclusterCors.environment switches a production file to development', async function () {
    const uri = wsUri('vcluster-platform-origins.yaml');
    await openFile(uri);
    await waitForDiagnostics(uri, hasRule('localhost-in-prod'), 'localhost-in-prod in production');
    try {
      await setSetting('vclusterCors', 'environment', 'development');
      await waitForDiagnostics(uri, lacksRule('localhost-in-prod'), 'localhost-in-prod to go away in development');
      const s = await waitForStatus(uri, (x) => x.environment === 'development', 'the development status');
      assert.match(s.environmentReason, /setting|vclusterCors\.environment|editor/i);
    } finally {
      await setSetting('vclusterCors', 'environment', undefined);
    }
    await waitForDiagnostics(uri, hasRule('localhost-in-prod'), 'localhost-in-prod back in production');
    await waitForStatus(uri, (x) => x.environment === 'production', 'the production status');
  });

  it('vclusterCors.enable = false clears the diagnostics', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    await openFile(uri);
    await waitForDiagnostics(uri, hasRule('wildcard-origin'), 'wildcard-origin');
    try {
      await setSetting('vclusterCors', 'enable', false);
      await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no diagnostics while disabled');
    } finally {
      await setSetting('vclusterCors', 'enable', undefined);
    }
    await waitForDiagnostics(uri, hasRule('wildcard-origin'), 'wildcard-origin back');
  });

  it('vclusterCors.files decides which files are values files', async function () {
    // other.yaml does not look like the chart's values: it is linted only when a glob names it.
    const uri = wsUri('other.yaml');
    await openFile(uri);
    await waitForStatus(uri, (s) => !s.validated, 'other.yaml not linted');
    try {
      await setSetting('vclusterCors', 'files', ['**/other.yaml']);
      await waitForStatus(uri, (s) => s.validated, 'other.yaml linted once the glob names it');
    } finally {
      await setSetting('vclusterCors', 'files', undefined);
    }
    await waitForStatus(uri, (s) => !s.validated, 'other.yaml not linted again');
  });

  it('a .vcluster-cors.yaml written next to the file is picked up (file watcher)', async function () {
    const uri = wsUri('config/vcluster-platform.yaml');
    const config = wsUri('config/.vcluster-cors.yaml');
    await openFile(uri);
    await waitForDiagnostics(uri, hasRule('null-origin'), 'null-origin');
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  null-origin: warning\n'));
    try {
      const ds = await waitForDiagnostics(
        uri,
        (x) => byRule(x, 'null-origin').some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
        'null-origin as a warning',
      );
      assert.strictEqual(byRule(ds, 'null-origin').length, 1);
      await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  null-origin: "off"\n'));
      await waitForDiagnostics(uri, lacksRule('null-origin'), 'null-origin off');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitForDiagnostics(
      uri,
      (x) => byRule(x, 'null-origin').some((d) => d.severity === vscode.DiagnosticSeverity.Error),
      'null-origin back as an error',
    );
  });
});
