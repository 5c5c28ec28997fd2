import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient, applyWorkspaceEdit, fixtureUri, pos, summary } from './client';

const BROKEN = fs.readFileSync(path.join(FIXTURES, 'vcluster-platform-values.yaml'), 'utf8');
const FIX_ALL = 'source.fixAll.vclusterCors';

const fullRange = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

describe('code actions', () => {
  let c: LspClient;
  let n = 0;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  /** Open `text` under a fresh values-file URI and return its diagnostics. */
  async function lint(text: string): Promise<{ uri: string; items: Diagnostic[] }> {
    const uri = fixtureUri(`actions-${n++}`, 'vcluster-platform-values.yaml');
    await c.open(uri, text);
    const r = await c.pull(uri);
    return { uri, items: r.items! };
  }

  test('every quick fix of every diagnostic, applied and re-linted, removes its diagnostic', async () => {
    const { uri, items } = await lint(BROKEN);
    let checked = 0;
    for (const d of items) {
      const actions = await c.codeActions(uri, d.range, [d]);
      assert.ok(
        actions.every((a) => a.kind === 'quickfix'),
        `${d.code}: only quick fixes without context.only`,
      );
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes(`Disable ${d.code} for this line`), titles.join(' | '));
      assert.ok(titles.includes(`Disable ${d.code} for this file`), titles.join(' | '));
      const doc = actions.find((a) => a.title === `Show documentation for ${d.code}`)!;
      assert.deepEqual(doc.command, {
        title: `Show documentation for ${d.code}`,
        command: 'vclusterCors.openRuleDoc',
        arguments: [`https://github.com/vcluster-cors/vcluster-cors/blob/main/docs/rules/${d.code}.md`],
      });
      for (const a of actions.filter((x) => x.edit && x.diagnostics)) {
        const fixed = applyWorkspaceEdit(BROKEN, uri, a.edit);
        assert.notEqual(fixed, BROKEN, a.title);
        const after = await lint(fixed);
        const still = after.items.filter((x) => x.code === d.code && x.message === d.message);
        assert.equal(still.length, 0, `${a.title}: ${d.code} is still reported (${after.items.map(summary).join(', ')})`);
        checked++;
      }
    }
    // Every diagnostic has its disable-line edit checked, and every one but ingress-nginx-retired (the migration
    // writes new files instead of editing this one) at least one fix too.
    const fixable = items.filter((d) => d.code !== 'ingress-nginx-retired').length;
    assert.ok(checked >= items.length + fixable, `checked ${checked}`);
  });

  test('the first safe fix is preferred; unsafe fixes are offered but not preferred', async () => {
    const { uri, items } = await lint(BROKEN);
    const origin = items.find((d) => d.code === 'invalid-origin')!;
    const actions = await c.codeActions(uri, origin.range, [origin]);
    assert.equal(actions[0].title, 'Rewrite the origins as `https://app.example.com, https://admin.example.com`');
    assert.equal(actions[0].isPreferred, true);
    // wildcard-origin follows from the invalid list (its cause): the cause's rewrite is its preferred fix too; the
    // placeholder origin is offered, not preferred.
    const wildcard = items.find((d) => d.code === 'wildcard-origin')!;
    const w = await c.codeActions(uri, wildcard.range, [wildcard]);
    const fixes = w.filter((a) => a.diagnostics && !a.title.startsWith('Disable'));
    assert.deepEqual(
      fixes.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Rewrite the origins as `https://app.example.com, https://admin.example.com`', true],
        ['Replace the value with an explicit origin (https://dashboard.example.com)', false],
      ],
    );
  });

  test('"Fix all <id> problems in this file" fixes only that rule, multi-pass', async () => {
    const { uri, items } = await lint(BROKEN);
    const mc = items.find((d) => d.code === 'method-case')!;
    const actions = await c.codeActions(uri, mc.range, [mc]);
    const all = actions.find((a) => a.title === 'Fix all method-case problems in this file')!;
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    const fixed = applyWorkspaceEdit(BROKEN, uri, all.edit);
    assert.match(fixed, /cors-allow-methods: "GET, POST"/);
    const after = await lint(fixed);
    assert.ok(!after.items.some((d) => d.code === 'method-case'));
    // Other rules are untouched.
    assert.ok(after.items.some((d) => d.code === 'invalid-origin'));
    // One finding of a rule: no fix-all for it.
    const one = await lint(BROKEN.replace('"get, post"', '"get, POST"'));
    const single = one.items.find((d) => d.code === 'method-case')!;
    const acts = await c.codeActions(one.uri, single.range, [single]);
    assert.ok(!acts.some((a) => a.title.startsWith('Fix all')));
  });

  test('disable for this line: inserts a comment with the line indentation, then merges into it', async () => {
    const { uri, items } = await lint(BROKEN);
    const mc = items.find((d) => d.code === 'method-case')!;
    const line = (await c.codeActions(uri, mc.range, [mc])).find((a) => a.title === 'Disable method-case for this line')!;
    const once = applyWorkspaceEdit(BROKEN, uri, line.edit);
    assert.equal(
      once.split('\n').slice(8, 10).join('\n'),
      '    # vcluster-cors-disable-next-line method-case\n    nginx.ingress.kubernetes.io/cors-allow-methods: "get, post"',
    );
    const l1 = await lint(once);
    assert.ok(!l1.items.some((d) => d.code === 'method-case'));
    // Another rule on the line with the origins, whose previous line already has a directive.
    const withDirective = BROKEN.replace(
      '    nginx.ingress.kubernetes.io/cors-allow-origin',
      '    # vcluster-cors-disable-next-line wildcard-origin -- tracked in JIRA-1\n    nginx.ingress.kubernetes.io/cors-allow-origin',
    );
    const l2 = await lint(withDirective);
    const io = l2.items.find((d) => d.code === 'invalid-origin')!;
    const merge = (await c.codeActions(l2.uri, io.range, [io])).find((a) => a.title === 'Disable invalid-origin for this line')!;
    const merged = applyWorkspaceEdit(withDirective, l2.uri, merge.edit);
    assert.ok(merged.includes('    # vcluster-cors-disable-next-line wildcard-origin, invalid-origin -- tracked in JIRA-1\n'), merged);
    const l3 = await lint(merged);
    assert.ok(!l3.items.some((d) => d.code === 'invalid-origin' || d.code === 'wildcard-origin'), l3.items.map(summary).join());
  });

  test('disable for this file: after the leading comment block, then merged into the directive', async () => {
    const header = '# yaml-language-server: $schema=../schemas/vcluster-platform-values.schema.json\n# Platform values\n';
    const text = header + BROKEN;
    const { uri, items } = await lint(text);
    const mc = items.find((d) => d.code === 'method-case')!;
    const file = (await c.codeActions(uri, mc.range, [mc])).find((a) => a.title === 'Disable method-case for this file')!;
    const once = applyWorkspaceEdit(text, uri, file.edit);
    assert.equal(once, header + '# vcluster-cors-disable method-case\n' + BROKEN);
    const l1 = await lint(once);
    assert.ok(!l1.items.some((d) => d.code === 'method-case'));
    const io = l1.items.find((d) => d.code === 'invalid-origin')!;
    const again = (await c.codeActions(l1.uri, io.range, [io])).find((a) => a.title === 'Disable invalid-origin for this file')!;
    const twice = applyWorkspaceEdit(once, l1.uri, again.edit);
    assert.equal(twice, header + '# vcluster-cors-disable method-case, invalid-origin\n' + BROKEN);
    const l2 = await lint(twice);
    assert.ok(!l2.items.some((d) => d.code === 'invalid-origin' || d.code === 'method-case'));
  });

  test('source.fixAll.vclusterCors returns exactly one action with one minimal edit', async () => {
    const { uri, items } = await lint(BROKEN);
    for (const only of [[FIX_ALL], ['source.fixAll']]) {
      const actions = await c.codeActions(uri, fullRange, items, only);
      assert.equal(actions.length, 1, only.join());
      const a: CodeAction = actions[0];
      assert.equal(a.kind, FIX_ALL);
      assert.equal(a.command, undefined);
      const edits = a.edit!.changes![uri];
      assert.equal(edits.length, 1);
      const fixed = applyWorkspaceEdit(BROKEN, uri, a.edit);
      assert.equal(
        fixed,
        BROKEN.replace('"https://app.example.com/, HTTPS://admin.example.com"', '"https://app.example.com, https://admin.example.com"')
          .replace('"get, post"', '"GET, POST"')
          .replace(/(cors-allow-methods: "GET, POST"\n)/, '$1    nginx.ingress.kubernetes.io/cors-max-age: "7200"\n'),
      );
      const after = await lint(fixed);
      for (const d of after.items) {
        const acts = await c.codeActions(after.uri, d.range, [d], ['quickfix']);
        const preferred = acts.filter((x) => x.isPreferred);
        assert.equal(preferred.length, 0, `${d.code} still has a safe fix after fix-all`);
      }
    }
    // Nothing to fix: no action at all.
    const clean = await lint('ingress:\n  enabled: true\n  ingressClass: nginx\n');
    assert.deepEqual(await c.codeActions(clean.uri, fullRange, [], [FIX_ALL]), []);
  });

  test('with versioned documentChanges the fix-all edit names the document version', async () => {
    const v = await LspClient.start({ pull: true, documentChanges: true });
    try {
      const uri = fixtureUri('versioned', 'vcluster-platform.yaml');
      await v.open(uri, BROKEN);
      const [a] = await v.codeActions(uri, fullRange, [], [FIX_ALL]);
      const dc = a.edit!.documentChanges![0] as { textDocument: { uri: string; version: number } };
      assert.deepEqual(dc.textDocument, { uri, version: 1 });
    } finally {
      await v.stop();
    }
  });

  test('the insert-CORS-block source action is offered only where no CORS annotation exists', async () => {
    const without = await lint('ingress:\n  enabled: true\n  ingressClass: nginx\n');
    const offered = await c.codeActions(without.uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, []);
    const insert = offered.find((a) => a.kind === 'source.vclusterCors.insertCorsBlock')!;
    assert.ok(insert);
    assert.deepEqual(insert.command, {
      title: 'Insert CORS annotations',
      command: 'vclusterCors.insertCorsBlock',
      arguments: [{ uri: without.uri }],
    });
    assert.equal(
      (await c.codeActions(without.uri, fullRange, [], ['source'])).filter((a) => a.kind === 'source.vclusterCors.insertCorsBlock').length,
      1,
    );
    assert.deepEqual(await c.codeActions(without.uri, fullRange, [], ['quickfix']), []);
    const withCors = await lint(BROKEN);
    const none = await c.codeActions(withCors.uri, fullRange, [], ['source']);
    assert.ok(!none.some((a) => a.kind === 'source.vclusterCors.insertCorsBlock'));
    // Not a values file: nothing.
    const other = fixtureUri('plain.yaml');
    await c.open(other, 'foo: 1\n');
    assert.deepEqual(await c.codeActions(other, fullRange, []), []);
  });

  test('diagnostics from an older version still find their finding by rule and range', async () => {
    const { uri, items } = await lint(BROKEN);
    const mc = items.find((d) => d.code === 'method-case')!;
    // Append a line at the end: ranges of existing findings stay the same, the version moves on.
    await c.change(uri, [{ range: { start: pos(BROKEN, '"get, post"', 11), end: pos(BROKEN, '"get, post"', 11) }, text: '  # changed' }]);
    const actions = await c.codeActions(uri, mc.range, [mc]);
    assert.ok(
      actions.some((a) => a.title === 'Upper-case `get` to `GET`'),
      actions.map((a) => a.title).join(' | '),
    );
  });
});
