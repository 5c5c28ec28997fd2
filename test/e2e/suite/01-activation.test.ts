/// <reference types="mocha" />
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXT_ID, activateExtension, openFile, waitFor, waitForStatus, wsUri } from './helpers';

describe('activation', function () {
  this.timeout(60000);

  it('activates on a YAML file and starts the language server', async function () {
    const editor = await openFile('vcluster-platform.yaml');
    assert.strictEqual(editor.document.languageId, 'yaml');
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is installed`);
    await waitFor(() => ext.isActive, 'activation by onLanguage:yaml', { timeout: 30000 });
    const api = await activateExtension();
    assert.ok(api.client()?.isRunning(), 'the language client is running');
  });

  it('registers its commands', async function () {
    const commands = await vscode.commands.getCommands(true);
    for (const c of [
      'vclusterCors.insertCorsBlock',
      'vclusterCors.copyHelmUpgrade',
      'vclusterCors.copyPreflightCurl',
      'vclusterCors.openRuleDoc',
      'vclusterCors.restartServer',
      'vclusterCors.showOutput',
      'vclusterCors.verifyPreflight',
    ]) {
      assert.ok(commands.includes(c), `${c} is registered`);
    }
  });

  it('reports environment and lint time through vclusterCors/status', async function () {
    await openFile('vcluster-platform.yaml');
    const prod = await waitForStatus(wsUri('vcluster-platform.yaml'), (s) => s.validated);
    assert.strictEqual(prod.environment, 'production');
    assert.match(prod.environmentReason, /production/i);
    assert.ok(typeof prod.lintMs === 'number' && prod.lintMs >= 0, `lintMs is a duration (${prod.lintMs})`);

    await openFile('values-dev.yaml');
    const dev = await waitForStatus(wsUri('values-dev.yaml'), (s) => s.validated);
    assert.strictEqual(dev.environment, 'development');
    assert.match(dev.environmentReason, /dev/);
  });
});
