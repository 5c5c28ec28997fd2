/**
 * "Migrate CORS to …" in the editor (issue 17): the code actions on an ingress-nginx CORS block and on the
 * ingress-nginx-retired finding, and the `vclusterCors/migrate` request that the client opens in an untitled editor.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, fixtureUri } from './client';
import { lintText, migrate, renderFile, diffHeaderComment } from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../../..');
const SEED = fs.readFileSync(path.join(ROOT, 'examples/vcluster-platform.yaml'), 'utf8');
const ENABLE_LINE = SEED.split('\n').findIndex((l) => l.includes('enable-cors'));
const cursor = { start: { line: ENABLE_LINE, character: 6 }, end: { line: ENABLE_LINE, character: 6 } };

describe('migrate in the editor', () => {
  let c: LspClient;
  const uri = fixtureUri('migrate', 'vcluster-platform.yaml');
  before(async () => {
    c = await LspClient.start({ pull: true });
    await c.open(uri, SEED);
  });
  after(() => c.stop());

  test('on the CORS block: one refactor action per other controller, each a command with the target', async () => {
    const actions = await c.codeActions(uri, cursor, []);
    const migrateActions = actions.filter((a) => a.kind === 'refactor.rewrite.vclusterCors.migrate');
    assert.deepEqual(
      migrateActions.map((a) => [a.title, a.command]),
      (['gateway-api', 'traefik', 'istio', 'envoy-gateway'] as const).map((to, i) => [
        `Migrate CORS to ${['Gateway API', 'Traefik', 'Istio', 'Envoy Gateway'][i]}…`,
        {
          title: `Migrate CORS to ${['Gateway API', 'Traefik', 'Istio', 'Envoy Gateway'][i]}`,
          command: 'vclusterCors.migrateCors',
          arguments: [{ uri, to }],
        },
      ]),
    );
  });

  test('outside the CORS block, and with only=quickfix, nothing is offered', async () => {
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(
      (await c.codeActions(uri, top, [])).filter((a) => a.title.startsWith('Migrate')),
      [],
    );
    assert.deepEqual(
      (await c.codeActions(uri, cursor, [], ['quickfix'])).filter((a) => a.title.startsWith('Migrate')),
      [],
    );
  });

  test('the ingress-nginx-retired finding offers the migrations as quick fixes', async () => {
    const items = (await c.pull(uri)).items as Diagnostic[];
    const retired = items.find((d) => d.code === 'ingress-nginx-retired')!;
    assert.equal(retired.severity, 3);
    assert.equal(retired.range.start.line, ENABLE_LINE);
    const actions = (await c.codeActions(uri, retired.range, [retired])).filter((a) => a.title.startsWith('Migrate'));
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.diagnostics?.length]),
      [
        ['Migrate CORS to Gateway API…', 'quickfix', 1],
        ['Migrate CORS to Traefik…', 'quickfix', 1],
        ['Migrate CORS to Istio…', 'quickfix', 1],
        ['Migrate CORS to Envoy Gateway…', 'quickfix', 1],
      ],
    );
  });

  test('vclusterCors/migrate: the diff as a comment header, then the manifests, exactly as the engine renders them', async () => {
    const r = await c.request<{ content: string; changed: boolean }>('vclusterCors/migrate', { uri, to: 'gateway-api' });
    const m = migrate({ text: SEED, filePath: 'vcluster-platform.yaml', to: 'gateway-api' }).migrations[0];
    assert.equal(r.content, diffHeaderComment(m, 'vcluster-platform.yaml') + '\n#\n' + renderFile(m, m.files[0], 'vcluster-platform.yaml'));
    assert.equal(r.changed, false);
    assert.match(r.content, /^# vcluster-platform\.yaml: ingress \(ingress-nginx\) → Gateway API\n/);
    assert.match(r.content, /nothing a browser can observe changes/);
    const docs = parseAllDocuments(r.content);
    assert.deepEqual(
      docs.flatMap((d) => d.errors),
      [],
    );
    // The untitled document lints without errors or warnings.
    assert.deepEqual(
      lintText(r.content, { filePath: 'Untitled-1' }).findings.filter((f) => f.severity !== 'info'),
      [],
    );
  });

  test('vclusterCors/migrate to Traefik: both files, changed (Vary: Origin is added)', async () => {
    const r = await c.request<{ content: string; changed: boolean }>('vclusterCors/migrate', { uri, to: 'traefik' });
    assert.equal(r.changed, true);
    const docs = parseAllDocuments(r.content).map((d) => d.toJS());
    assert.equal(docs[0].kind, 'Middleware');
    assert.equal(
      docs[1].ingress.annotations['traefik.ingress.kubernetes.io/router.middlewares'],
      'vcluster-platform-vcluster-platform-cors@kubernetescrd',
    );
    assert.match(r.content, /1\. Vary on the preflight: \(not sent\) → Origin/);
  });

  test('vclusterCors/migrate rejects an unknown target and an unopened document', async () => {
    await assert.rejects(
      c.request('vclusterCors/migrate', { uri, to: 'contour' }),
      /`to` must be one of gateway-api, traefik, istio, envoy-gateway, ingress-nginx/,
    );
    await assert.rejects(c.request('vclusterCors/migrate', { uri: fixtureUri('nope', 'x.yaml'), to: 'istio' }), /is not open/);
  });
});
