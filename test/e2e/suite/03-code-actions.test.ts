/// <reference types="mocha" />
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyAction,
  byRule,
  codeActionsAt,
  hasRule,
  lacksRule,
  openFile,
  setSetting,
  waitFor,
  waitForDiagnostics,
  wsUri,
} from './helpers';

describe('code actions', function () {
  this.timeout(60000);
  before(async () => {
    await activateExtension();
  });

  it('offers fixes, disable comments and documentation for a finding', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    await openFile(uri);
    const ds = await waitForDiagnostics(uri, hasRule('wildcard-origin'), 'wildcard-origin');
    const [d] = byRule(ds, 'wildcard-origin');
    const titles = (await codeActionsAt(uri, d.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
    for (const expected of [
      /^Replace `\*` with an explicit origin/,
      /^Disable wildcard-origin for this line$/,
      /^Disable wildcard-origin for this file$/,
      /^Show documentation for wildcard-origin$/,
    ]) {
      assert.ok(
        titles.some((t) => expected.test(t)),
        `${expected} offered; got:\n${titles.join('\n')}`,
      );
    }
  });

  it('quick fix "Set cors-allow-credentials to false" fixes wildcard-with-credentials', async function () {
    const uri = wsUri('fixes/vcluster-platform-quickfix.yaml');
    const editor = await openFile(uri);
    const ds = await waitForDiagnostics(uri, hasRule('wildcard-with-credentials'), 'wildcard-with-credentials');
    const [d] = byRule(ds, 'wildcard-with-credentials');
    const actions = await codeActionsAt(uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /cors-allow-credentials to "false"/.test(a.title));
    assert.ok(fix, `the credentials fix is offered; got:\n${actions.map((a) => a.title).join('\n')}`);
    assert.strictEqual(fix.isPreferred, true, 'it is the preferred fix (safe)');
    await applyAction(fix);
    const doc = editor.document;
    assert.match(doc.getText(), /nginx\.ingress\.kubernetes\.io\/cors-allow-credentials: "false"/);
    const after = await waitForDiagnostics(uri, lacksRule('wildcard-with-credentials'), 'wildcard-with-credentials to disappear');
    assert.ok(hasRule('wildcard-origin')(after), 'wildcard-origin is still reported');
    assert.ok(await doc.save(), 'saved');
  });

  it('"Disable … for this line" adds a disable-next-line comment and silences the finding', async function () {
    const uri = wsUri('fixes/vcluster-platform-disable.yaml');
    const editor = await openFile(uri);
    const ds = await waitForDiagnostics(
      uri,
      (x) => hasRule('localhost-in-prod')(x) && hasRule('null-origin')(x),
      'localhost-in-prod and null-origin',
    );
    const [d] = byRule(ds, 'localhost-in-prod');
    const line = d.range.start.line;
    const action = (await codeActionsAt(uri, d.range, vscode.CodeActionKind.QuickFix.value)).find(
      (a) => a.title === 'Disable localhost-in-prod for this line',
    );
    assert.ok(action, 'disable-line action offered');
    await applyAction(action);
    const doc = editor.document;
    assert.strictEqual(doc.lineAt(line).text, '    # vcluster-cors-disable-next-line localhost-in-prod');
    const after = await waitForDiagnostics(uri, lacksRule('localhost-in-prod'), 'localhost-in-prod to disappear');
    assert.ok(hasRule('null-origin')(after), 'null-origin is still reported (same line, other rule)');
  });

  it('"Disable … for this file" adds a file-wide disable comment', async function () {
    const uri = wsUri('fixes/vcluster-platform-disable.yaml');
    const editor = await openFile(uri);
    const ds = await waitForDiagnostics(uri, hasRule('null-origin'), 'null-origin');
    const [d] = byRule(ds, 'null-origin');
    const action = (await codeActionsAt(uri, d.range, vscode.CodeActionKind.QuickFix.value)).find(
      (a) => a.title === 'Disable null-origin for this file',
    );
    assert.ok(action, 'disable-file action offered');
    await applyAction(action);
    const lines = editor.document.getText().split(/\r?\n/);
    assert.ok(lines.includes('# vcluster-cors-disable null-origin'), `file-wide comment added:\n${lines.slice(0, 4).join('\n')}`);
    // The comment goes after the leading comment block, before the first key.
    assert.ok(lines.indexOf('# vcluster-cors-disable null-origin') < lines.indexOf('ingress:'));
    const after = await waitForDiagnostics(uri, lacksRule('null-origin'), 'null-origin to disappear');
    assert.ok(!hasRule('unused-disable')(after), 'both comments are used');
    assert.ok(await editor.document.save(), 'saved');
  });

  it('applies source.fixAll.vclusterCors on save (editor.codeActionsOnSave)', async function () {
    // The user's setup: fix-all on explicit save, in the workspace settings (.vscode/settings.json of the copy).
    await setSetting('editor', 'codeActionsOnSave', { 'source.fixAll.vclusterCors': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = wsUri('fixes/vcluster-platform-fixall.yaml');
      await waitFor(
        () =>
          JSON.stringify(vscode.workspace.getConfiguration('editor', { uri, languageId: 'yaml' }).get('codeActionsOnSave')).includes(
            'source.fixAll.vclusterCors',
          ),
        'the workspace setting to apply',
      );
      const editor = await openFile(uri);
      await waitForDiagnostics(
        uri,
        (x) => ['annotation-value-not-string', 'invalid-origin', 'method-case'].every((id) => hasRule(id)(x)),
        'the auto-fixable findings',
      );
      // Make the document dirty, then save it the way a user does (explicit save of the active editor).
      // The save participant runs in the workbench, which learns about the settings change a little later than the
      // extension host that just wrote it; a user sets this up long before saving. So a save that happened before
      // the workbench knew the setting is followed by another edit and save (at most three), and only the result
      // of a save with fix-all applied passes.
      let text: string | undefined;
      for (let attempt = 1; attempt <= 3 && !text; attempt++) {
        await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), `# saved by the e2e suite (${attempt})\n`));
        await vscode.window.showTextDocument(editor.document, { preview: false });
        await vscode.commands.executeCommand('workbench.action.files.save');
        try {
          text = await waitFor(
            () => {
              const t = editor.document.getText();
              return !editor.document.isDirty && t.includes('enable-cors: "true"') ? t : undefined;
            },
            'the fix-all edit and the save',
            { timeout: attempt < 3 ? 5000 : 15000, detail: () => editor.document.getText() },
          );
        } catch (e) {
          if (attempt === 3) throw e;
        }
      }
      assert.ok(text);
      assert.match(text, /cors-allow-origin: "https:\/\/dashboard\.example\.com"/, 'trailing slash removed');
      assert.match(text, /cors-allow-methods: "GET, POST, PATCH"/, 'method upper-cased');
      const ds = await waitForDiagnostics(
        uri,
        (x) => ['annotation-value-not-string', 'invalid-origin', 'method-case', 'wildcard-origin'].every((id) => lacksRule(id)(x)),
        'the fixed findings to disappear',
      );
      assert.ok(
        ds.every((d) => d.severity !== vscode.DiagnosticSeverity.Error),
        'no errors left',
      );
      const onDisk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      assert.strictEqual(onDisk, text, 'the fixed text is what was saved');
    } finally {
      await setSetting('editor', 'codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('"Show documentation" opens the rule documentation bundled in the extension', async function () {
    const uri = wsUri('vcluster-platform.yaml');
    await openFile(uri);
    const ds = await waitForDiagnostics(uri, hasRule('wildcard-with-credentials'), 'wildcard-with-credentials');
    const [d] = byRule(ds, 'wildcard-with-credentials');
    const action = (await codeActionsAt(uri, d.range, vscode.CodeActionKind.QuickFix.value)).find(
      (a) => a.title === 'Show documentation for wildcard-with-credentials',
    );
    assert.ok(action?.command, 'documentation action offered');
    assert.strictEqual(action.command.command, 'vclusterCors.openRuleDoc');
    const opened = await vscode.commands.executeCommand<string | undefined>(action.command.command, ...(action.command.arguments ?? []));
    assert.ok(opened, 'a document was opened');
    assert.match(opened, /\/docs\/rules\/wildcard-with-credentials\.md$/);
    assert.ok(!opened.startsWith('http'), `the bundled copy is used, not the web: ${opened}`);
    const preview = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find(
            (t) =>
              t.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType) && /wildcard-with-credentials/.test(t.label),
          ),
      'the Markdown preview tab',
      {
        detail: () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .map((t) => t.label)
            .join(', '),
      },
    );
    await vscode.window.tabGroups.close(preview);
  });
});
