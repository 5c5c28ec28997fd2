import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, LspClient, SERVER, applyWorkspaceEdit, fixtureUri, pos, summary } from './client';

const BROKEN = fs.readFileSync(path.join(FIXTURES, 'vcluster-platform-values.yaml'), 'utf8');
const DOCS = 'https://github.com/vcluster-cors/vcluster-cors/blob/main/docs/rules/';

/** The findings of the broken fixture, in production: `rule@line:col-line:col severity` (0-based). */
const EXPECTED = [
  'ingress-nginx-retired@5:4-5:43 3',
  'max-age-exceeds-browser-cap@5:4-5:43 2',
  // Root cause first: the consequences of the invalid list follow the first invalid entry.
  'invalid-origin@6:52-6:76 1',
  'wildcard-origin@6:52-6:76 1',
  'wildcard-with-credentials@6:52-6:76 1',
  'invalid-origin@6:78-6:103 1',
  'method-case@8:53-8:56 2',
  'method-case@8:58-8:62 2',
];

describe('diagnostics (pull)', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true, refreshSupport: true });
  });
  after(() => c.stop());

  test('a broken values file: exact ids, ranges, severities, source, codeDescription, data', async () => {
    const uri = fixtureUri('vcluster-platform-values.yaml');
    await c.open(uri, BROKEN);
    const r = await c.pull(uri);
    assert.equal(r.kind, 'full');
    assert.equal(typeof r.resultId, 'string');
    const items = r.items!;
    assert.deepEqual(items.map(summary), EXPECTED);
    for (const d of items) {
      assert.equal(d.source, 'vcluster-cors');
      assert.equal(d.codeDescription?.href, `${DOCS}${d.code}.md`);
      assert.equal(typeof d.message, 'string');
      assert.ok(String(d.message).length > 0);
      assert.deepEqual(Object.keys(d.data as object).sort(), ['index', 'version']);
    }
    // The invalid origin points at the exact characters of the entry.
    assert.equal(BROKEN.split('\n')[6].slice(52, 76), 'https://app.example.com/');
    // The status notification followed the lint.
    const status = c.statuses.find((s) => s.uri === uri)!;
    assert.equal(status.validated, true);
    assert.equal(status.environment, 'production');
    assert.match(status.environmentReason, /default: production/);
    assert.ok(status.lintMs >= 0);
  });

  test('relatedInformation points into the same document; dead configuration is tagged Unnecessary', async () => {
    const uri = fixtureUri('vcluster-platform-values.yaml');
    const items = (await c.pull(uri)).items!;
    const wwc = items.find((d) => d.code === 'wildcard-with-credentials')!;
    assert.ok(wwc.relatedInformation && wwc.relatedInformation.length > 0);
    for (const r of wwc.relatedInformation) assert.equal(r.location.uri, uri);
    // First the cause (invalid-origin on the value), then where credentials are set.
    assert.deepEqual(
      wwc.relatedInformation.map((r) => [r.location.range.start.line, r.location.range.start.character, r.message]),
      [
        [6, 52, 'Cause (invalid-origin): cors-allow-origin is invalid: ingress-nginx rejects the whole value and allows any origin.'],
        [7, 4, 'cors-allow-credentials is set here'],
      ],
    );
    assert.deepEqual(wwc.relatedInformation[1].location.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 54 } });
    assert.match(
      String(wwc.message),
      /^\* with credentials, because the origin list is invalid: see invalid-origin\. /,
      'plain text, cause named',
    );
    assert.equal(wwc.tags, undefined);
    const unused = fixtureUri('unused', 'vcluster-platform.yaml');
    await c.open(unused, '# vcluster-cors-disable-next-line invalid-origin\ningress:\n  enabled: true\n  ingressClass: nginx\n');
    const u = (await c.pull(unused)).items!.find((d) => d.code === 'unused-disable')!;
    assert.deepEqual(u.tags, [1]);
    assert.deepEqual(u.range, { start: { line: 0, character: 34 }, end: { line: 0, character: 48 } });
  });

  test('the same resultId gives `unchanged`; an edit gives a new full report', async () => {
    const uri = fixtureUri('vcluster-platform-values.yaml');
    const first = await c.pull(uri);
    const again = await c.pull(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    // Incremental edit: remove the trailing slash and upper-case scheme.
    const at = pos(BROKEN, 'https://app.example.com/', 'https://app.example.com'.length);
    await c.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
    const s = pos(c.text(uri), 'HTTPS');
    await c.change(uri, [{ range: { start: s, end: { line: s.line, character: s.character + 5 } }, text: 'https' }]);
    const next = await c.pull(uri, first.resultId);
    assert.equal(next.kind, 'full');
    assert.notEqual(next.resultId, first.resultId);
    const ids = next.items!.map((d) => d.code);
    assert.ok(!ids.includes('invalid-origin'), ids.join());
    assert.ok(!ids.includes('wildcard-origin'), ids.join());
    assert.ok(!ids.includes('wildcard-with-credentials'), ids.join());
    assert.ok(ids.includes('method-case'));
  });

  test('a YAML file that is not a values file gets no diagnostics', async () => {
    const uri = fixtureUri('deploy', 'app.yaml');
    await c.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n  a: "2"\n');
    const r = await c.pull(uri);
    assert.equal(r.kind, 'full');
    assert.deepEqual(r.items, []);
    assert.equal(c.statuses.find((s) => s.uri === uri)?.validated, false);
  });

  test('a file under templates/ is never linted, even with a matching name', async () => {
    const uri = fixtureUri('chart', 'templates', 'vcluster-platform.yaml');
    await c.open(uri, BROKEN);
    assert.deepEqual((await c.pull(uri)).items, []);
  });

  test('a values file is recognized by its content when the name does not match', async () => {
    const uri = fixtureUri('values.yaml');
    await c.open(
      uri,
      'ingress:\n  enabled: true\n  ingressClass: nginx\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: true\n',
    );
    const r = await c.pull(uri);
    assert.ok(
      r.items!.some((d) => d.code === 'annotation-value-not-string'),
      r.items!.map(summary).join(),
    );
  });

  test('broken YAML gets a yaml-syntax diagnostic and the server stays alive', async () => {
    const uri = fixtureUri('broken', 'vcluster-platform.yaml');
    await c.open(uri, 'ingress:\n  annotations:\n    a: "unterminated\n  b: [1, 2\n');
    const r = await c.pull(uri);
    assert.ok(
      r.items!.some((d) => d.code === 'yaml-syntax' && d.severity === 1),
      r.items!.map(summary).join(),
    );
    // Binary junk and absurd positions do not hurt either.
    const junk = fixtureUri('junk', 'vcluster-platform.yaml');
    await c.open(junk, 'ingress:\u0000\u0001\n\t- : : [ {');
    const j = await c.pull(junk);
    assert.equal(j.kind, 'full');
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 999, character: 999 } });
    await c.request('textDocument/completion', { textDocument: { uri }, position: { line: -1, character: 5 } }).catch(() => null);
    await c.request('textDocument/codeAction', { textDocument: { uri } }).catch(() => null);
    // A follow-up request works.
    const again = await c.pull(fixtureUri('vcluster-platform-values.yaml'));
    assert.equal(again.kind, 'full');
    assert.equal(c.exited, false);
  });

  test('an invalid config file is reported on the document and defaults apply', async () => {
    const uri = fixtureUri('badconfig', 'vcluster-platform.yaml');
    await c.open(uri, BROKEN);
    const r = await c.pull(uri);
    const config = r.items!.find((d) => d.code === 'config');
    assert.ok(config, r.items!.map(summary).join());
    assert.match(String(config.message), /badconfig\/.vcluster-cors.yaml:2:20: severity must be one of/);
    assert.ok(r.items!.some((d) => d.code === 'invalid-origin'));
  });

  test('a config file change clears the cache and asks the client to refresh', async () => {
    const uri = fixtureUri('vcluster-platform-values.yaml');
    const before = await c.pull(uri);
    const n = c.refreshRequests;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fixtureUri('.vcluster-cors.yaml'), type: 2 }] });
    for (let i = 0; i < 50 && c.refreshRequests === n; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(c.refreshRequests, n + 1);
    const after = await c.pull(uri, before.resultId);
    assert.equal(after.kind, 'full', 'a new generation invalidates the old resultId');
  });
});

describe('diagnostics (push)', () => {
  let c: LspClient;
  before(async () => {
    // A longer debounce than the default 150 ms keeps the debounce test reliable on a loaded machine.
    c = await LspClient.start({ pull: false, initializationOptions: { debounceMs: 300 } });
  });
  after(() => c.stop());

  test('publishDiagnostics with the document version', async () => {
    const uri = fixtureUri('vcluster-platform-values.yaml');
    await c.open(uri, BROKEN);
    const p = await c.waitForDiagnostics((x) => x.uri === uri);
    assert.equal(p.version, 1);
    assert.deepEqual(p.diagnostics.map(summary), EXPECTED);
    assert.ok(p.diagnostics.every((d) => d.source === 'vcluster-cors'));
  });

  test('rapid edits are debounced: only the last version is published', async () => {
    const uri = fixtureUri('vcluster-platform-values.yaml');
    const base = c.published.length;
    let v = 0;
    for (let i = 0; i < 5; i++)
      v = await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
    const p = await c.waitForDiagnostics((x) => x.uri === uri && x.version === v);
    const mine = c.published.slice(base).filter((x) => x.uri === uri);
    assert.deepEqual(
      mine.map((x) => x.version),
      [v],
    );
    // Every finding moved down by five lines.
    assert.deepEqual(
      p.diagnostics.map((d) => d.range.start.line),
      EXPECTED.map((e) => Number(/@(\d+)/.exec(e)![1]) + 5),
    );
  });

  test('with no debounce, a burst of changes read at once is linted once, at its last version', async () => {
    const d = await LspClient.start({ pull: false, initializationOptions: { debounceMs: 0, quietMs: 0 } });
    try {
      const uri = fixtureUri('vcluster-platform-values.yaml');
      await d.open(uri, BROKEN);
      await d.waitForDiagnostics((x) => x.uri === uri && x.version === 1);
      // Three didChange notifications in one write (well under the pipe's atomic size): the server reads them together.
      const frame = (version: number) => {
        const body = JSON.stringify({
          jsonrpc: '2.0',
          method: 'textDocument/didChange',
          params: {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }],
          },
        });
        return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      };
      d.proc.stdin!.write(frame(2) + frame(3) + frame(4));
      const p = await d.waitForDiagnostics((x) => x.uri === uri && x.version === 4);
      assert.deepEqual(
        d.published.filter((x) => x.uri === uri).map((x) => x.version),
        [1, 4],
      );
      assert.deepEqual(
        p.diagnostics.map((x) => x.range.start.line),
        EXPECTED.map((e) => Number(/@(\d+)/.exec(e)![1]) + 3),
      );
    } finally {
      await d.stop();
    }
  });

  test('a non-values YAML file gets an empty publish', async () => {
    const uri = fixtureUri('other.yaml');
    await c.open(uri, 'foo: bar\n');
    const p = await c.waitForDiagnostics((x) => x.uri === uri);
    assert.deepEqual(p.diagnostics, []);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = fixtureUri('close', 'vcluster-platform.yaml');
    await c.open(uri, BROKEN);
    await c.waitForDiagnostics((x) => x.uri === uri && x.diagnostics.length > 0);
    await c.close(uri);
    await c.waitForDiagnostics((x) => x.uri === uri && x.diagnostics.length === 0);
  });

  test('didChangeConfiguration re-lints open documents with the new settings', async () => {
    const uri = fixtureUri('vcluster-platform-values.yaml');
    const base = c.published.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: {
        vclusterCors: {
          rules: {
            customizations: [
              { rule: '!invalid-*', severity: 'downgrade' },
              { rule: 'method-*', severity: 'off' },
            ],
          },
        },
      },
    });
    const p = await c.waitForDiagnostics((x) => c.published.indexOf(x) >= base && x.uri === uri);
    const ids = p.diagnostics.map((d) => `${d.code} ${d.severity}`);
    assert.ok(!ids.some((x) => x.startsWith('method-case')), ids.join());
    assert.ok(ids.includes('invalid-origin 1'), ids.join());
    assert.ok(ids.includes('wildcard-origin 2'), ids.join());
    assert.ok(ids.includes('max-age-exceeds-browser-cap 3'), ids.join());
  });
});

describe('settings', () => {
  test('workspace/configuration per resource: enable, files, environment', async () => {
    const c = await LspClient.start({
      pull: true,
      configuration: (item) =>
        item.scopeUri?.includes('disabled')
          ? { enable: false }
          : { files: ['**/cors-*.yaml'], environment: 'development', rules: { customizations: [{ rule: '*', severity: 'info' }] } },
    });
    try {
      const off = fixtureUri('disabled', 'vcluster-platform.yaml');
      await c.open(off, BROKEN);
      assert.deepEqual((await c.pull(off)).items, []);
      // `files` replaces the defaults: this name matches only the custom glob.
      const custom = fixtureUri('cors-prod.yaml');
      await c.open(custom, BROKEN);
      const r = await c.pull(custom);
      assert.ok(r.items!.length > 0);
      assert.ok(r.items!.every((d) => d.severity === 3));
      const status = c.statuses.find((s) => s.uri === custom)!;
      assert.equal(status.environment, 'development');
      assert.match(status.environmentReason, /vclusterCors\.environment/);
    } finally {
      await c.stop();
    }
  });

  test('initializationOptions for clients without workspace/configuration', async () => {
    const c = await LspClient.start({
      pull: true,
      initializationOptions: { rules: { customizations: [{ rule: 'invalid-origin', severity: 'off' }] } },
    });
    try {
      const uri = fixtureUri('vcluster-platform-values.yaml');
      await c.open(uri, BROKEN);
      const ids = (await c.pull(uri)).items!.map((d) => d.code);
      assert.ok(!ids.includes('invalid-origin'));
      assert.ok(ids.includes('wildcard-origin'));
    } finally {
      await c.stop();
    }
  });

  test('annotationValidation "off" follows controllers older than v1.12', async () => {
    const c = await LspClient.start({ pull: true, initializationOptions: { vclusterCors: { annotationValidation: 'off' } } });
    try {
      const uri = fixtureUri('vcluster-platform-values.yaml');
      await c.open(uri, BROKEN);
      const ids = (await c.pull(uri)).items!.map((d) => d.code);
      // Without validation the invalid entries are skipped instead of turning the whole value into `*`.
      assert.ok(!ids.includes('wildcard-origin'), ids.join());
    } finally {
      await c.stop();
    }
  });

  test('--node-ipc is accepted too', async () => {
    const { fork } = await import('child_process');
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    try {
      const reply = new Promise<{ id?: number; result?: { capabilities?: unknown } }>((resolve, reject) => {
        child.on('message', (m: { id?: number }) => {
          if (m && m.id === 1) resolve(m);
        });
        setTimeout(() => reject(new Error('no initialize response over node-ipc')), 5000).unref();
      });
      child.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      const m = await reply;
      assert.ok(m.result?.capabilities);
    } finally {
      child.kill();
    }
  });
});

describe('manifests of other controllers', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true, refreshSupport: true });
  });
  after(() => c.stop());

  const MIDDLEWARE = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'controllers', 'traefik-middleware.yaml'), 'utf8');

  test('a Traefik Middleware outside the values globs is linted by content', async () => {
    const uri = fixtureUri('manifests', 'platform-cors-middleware.yaml');
    await c.open(uri, MIDDLEWARE);
    const items = (await c.pull(uri)).items!;
    assert.deepEqual(items.map(summary), [
      'missing-vary-header@8:4-8:32 2',
      'wildcard-origin@9:8-9:11 1',
      'wildcard-with-credentials@9:8-9:11 1',
      'missing-authorization-header@13:31-13:45 2',
      'max-age-exceeds-browser-cap@14:25-14:30 2',
    ]);
    const wwc = items.find((d) => d.code === 'wildcard-with-credentials')!;
    assert.match(String(wwc.message), /any website can make credentialed requests/);
  });

  test('fix-all on a Middleware applies the safe fixes (Vary header, Authorization, max-age)', async () => {
    const uri = fixtureUri('manifests', 'platform-cors-middleware.yaml');
    const lines = MIDDLEWARE.split('\n').length;
    const actions = await c.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
      [],
      ['source.fixAll.vclusterCors'],
    );
    assert.equal(actions.length, 1);
    const fixed = applyWorkspaceEdit(MIDDLEWARE, uri, actions[0].edit);
    assert.match(fixed, /addVaryHeader: true/);
    assert.match(fixed, /accessControlAllowHeaders: \[Content-Type, Authorization\]/);
    assert.match(fixed, /accessControlMaxAge: 7200/);
  });

  test('a YAML file that is neither values nor a CORS manifest gets nothing', async () => {
    const uri = fixtureUri('manifests', 'deployment.yaml');
    await c.open(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n');
    const r = await c.pull(uri);
    assert.deepEqual(r.items ?? [], []);
  });
});
