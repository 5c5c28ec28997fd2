/// <reference types="mocha" />
// Issue 18 (the editor experience): silent when correct, root cause first, every did-you-mean fixable, the insert
// command asks only for what it uses, quiet while typing. Files in test/e2e/workspace/ux/.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeActionsAt,
  applyAction,
  describeDiagnostics,
  openFile,
  ours,
  ruleId,
  sleep,
  waitFor,
  waitForDiagnostics,
  waitForStatus,
  wsUri,
} from './helpers';

const RETIRED = 'ingress-nginx-retired';

describe('editor UX (issue 18)', function () {
  this.timeout(60000);
  before(async () => {
    await activateExtension();
  });

  it('item 1: the seed values file is silent (only the ingress-nginx-retired notice)', async function () {
    const uri = wsUri('ux/vcluster-platform-seed.yaml');
    await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => ruleId(d) === RETIRED), RETIRED);
    await sleep(500);
    assert.deepStrictEqual(ours(uri).map(ruleId), [RETIRED], describeDiagnostics(ds));
  });

  it('item 2: one trailing slash: the cause first, the consequences name it, its fix clears all three', async function () {
    const uri = wsUri('ux/vcluster-platform-slash.yaml');
    const editor = await openFile(uri);
    const three = ['invalid-origin', 'wildcard-origin', 'wildcard-with-credentials'];
    const ds = await waitForDiagnostics(uri, (x) => three.every((id) => x.some((d) => ruleId(d) === id)), 'the three findings');
    const onValue = ds.filter((d) => three.includes(ruleId(d)));
    assert.deepStrictEqual(onValue.map(ruleId), three, 'cause first');
    // Same range: an editor sorting by position keeps the server's order.
    for (const d of onValue) assert.ok(d.range.isEqual(onValue[0].range), describeDiagnostics(onValue));
    assert.strictEqual(onValue[1].message.split('. ')[0], 'Any origin (*) allowed, because the origin list is invalid: see invalid-origin');
    assert.strictEqual(onValue[2].message.split('. ')[0], '* with credentials, because the origin list is invalid: see invalid-origin');
    assert.ok(!onValue.some((d) => d.message.includes('`')), 'plain text in the Problems panel');
    for (const d of onValue.slice(1)) assert.match(d.relatedInformation?.[0]?.message ?? '', /^Cause \(invalid-origin\): /);
    const actions = await codeActionsAt(uri, onValue[2].range, vscode.CodeActionKind.QuickFix.value);
    // The cause's fix comes first on the consequence's range, once (shared by the three findings).
    assert.strictEqual(actions[0].title, 'Rewrite the origins as `https://dashboard.example.com`', actions.map((a) => a.title).join('\n'));
    assert.strictEqual(actions.filter((a) => a.title === actions[0].title).length, 1);
    await applyAction(actions[0]);
    await waitForDiagnostics(uri, (x) => !x.some((d) => three.includes(ruleId(d))), 'all three gone after the cause is fixed');
    assert.match(editor.document.getText(), /cors-allow-origin: "https:\/\/dashboard\.example\.com"\n/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('item 5: "did you mean `ingressClass`?" has its quick fix', async function () {
    const uri = wsUri('ux/vcluster-platform-classname.yaml');
    const editor = await openFile(uri);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => ruleId(d) === 'schema'), 'schema');
    const schema = ds.find((d) => ruleId(d) === 'schema')!;
    assert.match(schema.message, /did you mean ingressClass\?/);
    const actions = await codeActionsAt(uri, schema.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => a.title === 'Rename to `ingressClass`');
    assert.ok(rename, actions.map((a) => a.title).join('\n'));
    await applyAction(rename);
    assert.match(editor.document.getText(), /\n {2}ingressClass: nginx\n/);
    await waitForDiagnostics(uri, (x) => !x.some((d) => ruleId(d) === 'schema'), 'no schema finding after the rename');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('item 4: Insert CORS annotation block asks for nothing the file already sets', async function () {
    const uri = wsUri('ux/vcluster-platform-partial.yaml');
    const editor = await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    // No origins and no credentials in the arguments: a prompt would block this call (and time the test out).
    const outcome = await vscode.commands.executeCommand<
      { applied: boolean; added: string[]; kept: string[]; asked: string[] } | undefined
    >('vclusterCors.insertCorsBlock', { uri: uri.toString() });
    assert.ok(outcome?.applied, JSON.stringify(outcome));
    assert.deepStrictEqual(outcome.asked, []);
    assert.deepStrictEqual(
      outcome.added.map((k) => k.replace(/^.*\//, '')),
      ['cors-allow-methods', 'cors-allow-headers', 'cors-max-age'],
    );
    assert.match(editor.document.getText(), /cors-allow-origin: "https:\/\/dashboard\.example\.com"\n/, 'the origin is untouched');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('item 7: a half-typed key gets no diagnostics until the typing pauses', async function () {
    const uri = wsUri('ux/vcluster-platform-typing.yaml');
    const editor = await openFile(uri);
    await waitForStatus(uri, (s) => s.validated);
    await waitForDiagnostics(uri, (x) => x.some((d) => ruleId(d) === RETIRED), RETIRED);
    const line =
      editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('cors-max-age')) + 1;
    // A new empty line (not typing), then the key typed one character at a time.
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), '    \n'));
    for (const ch of 'cors') {
      await editor.edit((e) => e.insert(new vscode.Position(line, editor.document.lineAt(line).text.length), ch));
      await sleep(120);
    }
    await sleep(250);
    const onLine = () => ours(uri).filter((d) => d.range.start.line <= line && d.range.end.line >= line);
    assert.deepStrictEqual(onLine().map(ruleId), [], `quiet while typing:\n${describeDiagnostics(ours(uri))}`);
    const after = await waitFor(() => (onLine().length > 0 ? onLine() : undefined), "the line's findings after the pause", {
      timeout: 10000,
    });
    assert.ok(after.length > 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
