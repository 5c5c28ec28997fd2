import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, applyWorkspaceEdit, fixtureUri, summary } from './client';

const ORIGINS = ['https://app.example.com', 'https://admin.example.com'];
const BLOCK = (indent: string, credentials = 'true', skip: string[] = []) =>
  [
    ['enable-cors', '"true"'],
    ['cors-allow-origin', '"https://app.example.com, https://admin.example.com"'],
    ['cors-allow-methods', '"GET, POST, PUT, DELETE, PATCH, OPTIONS"'],
    ['cors-allow-headers', '"Authorization, Content-Type"'],
    ['cors-allow-credentials', `"${credentials}"`],
    ['cors-max-age', '"3600"'],
  ]
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${indent}nginx.ingress.kubernetes.io/${k}: ${v}\n`)
    .join('');

interface InsertResult {
  changes?: Record<string, unknown[]>;
  added: string[];
  kept: string[];
}

describe('insert CORS block (vclusterCors/insertCorsBlock)', () => {
  let c: LspClient;
  let n = 0;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  async function insert(text: string, origins = ORIGINS, credentials = true): Promise<{ text: string; result: InsertResult }> {
    const uri = fixtureUri(`insert-${n++}`, 'vcluster-platform.yaml');
    await c.open(uri, text);
    const result = await c.request<InsertResult>('vclusterCors/insertCorsBlock', { uri, origins, credentials });
    return { text: applyWorkspaceEdit(text, uri, result as never), result };
  }

  /**
   * The result lints silent in production: no finding of any severity, except the once-per-file notice that
   * ingress-nginx is retired (its fix is the migration itself).
   */
  async function assertClean(text: string): Promise<void> {
    const uri = fixtureUri(`insert-${n++}`, 'prod', 'vcluster-platform.yaml');
    await c.open(uri, text);
    const r = await c.pull(uri);
    const bad = r.items!.filter((d) => d.code !== 'ingress-nginx-retired');
    assert.deepEqual(bad.map(summary), [], bad.map((d) => d.message).join('\n'));
    assert.equal(c.statuses.find((s) => s.uri === uri)?.environment, 'production');
  }

  test('a file without `ingress:` gets the whole block at the end, at the root indentation', async () => {
    const text = '# vCluster Platform values\nadmin:\n  create: true\n  password: change-me\nconfig:\n  loftHost: platform.example.com\n';
    const { text: out, result } = await insert(text);
    assert.equal(out, text + 'ingress:\n  enabled: true\n  annotations:\n' + BLOCK('    '));
    assert.equal(result.added.length, 6);
    assert.deepEqual(result.kept, []);
    await assertClean(out);
  });

  test('`annotations: {}` becomes a block map; ingress.enabled false becomes true; the comment stays', async () => {
    const text = 'ingress:\n  enabled: false\n  host: platform.example.com\n  annotations: {}  # none yet\n  tls:\n    enabled: true\n';
    const { text: out } = await insert(text, ORIGINS, false);
    assert.equal(
      out,
      'ingress:\n  enabled: true\n  host: platform.example.com\n  annotations: # none yet\n' +
        BLOCK('    ', 'false') +
        '  tls:\n    enabled: true\n',
    );
    await assertClean(out);
  });

  test('existing annotations and comments: keys merged, existing ones kept untouched, 4-space indentation followed', async () => {
    const text = [
      '# Values for production',
      'ingress:',
      '    enabled: true   # rendered',
      '    host: platform.example.com',
      '    annotations:',
      '        # long uploads',
      '        nginx.ingress.kubernetes.io/proxy-body-size: "0"  # no limit',
      '        nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, OPTIONS"',
      '    # class',
      '    ingressClass: nginx',
      '',
    ].join('\n');
    const { text: out, result } = await insert(text);
    assert.equal(
      out,
      [
        '# Values for production',
        'ingress:',
        '    enabled: true   # rendered',
        '    host: platform.example.com',
        '    annotations:',
        '        # long uploads',
        '        nginx.ingress.kubernetes.io/proxy-body-size: "0"  # no limit',
        '        nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, OPTIONS"',
      ].join('\n') +
        '\n' +
        BLOCK('        ', 'true', ['cors-allow-methods']) +
        '    # class\n    ingressClass: nginx\n',
    );
    assert.deepEqual(result.kept, ['nginx.ingress.kubernetes.io/cors-allow-methods']);
    assert.deepEqual(result.added, [
      'nginx.ingress.kubernetes.io/enable-cors',
      'nginx.ingress.kubernetes.io/cors-allow-origin',
      'nginx.ingress.kubernetes.io/cors-allow-headers',
      'nginx.ingress.kubernetes.io/cors-allow-credentials',
      'nginx.ingress.kubernetes.io/cors-max-age',
    ]);
    await assertClean(out);
  });

  test('a flow-mapping ingress is rewritten as a block; a missing enabled is added first', async () => {
    const text = 'ingress: {host: platform.example.com, annotations: {a: "b"}}\nconfig:\n  loftHost: platform.example.com\n';
    const { text: out } = await insert(text);
    assert.equal(
      out,
      'ingress:\n  enabled: true\n  host: platform.example.com\n  annotations:\n    a: "b"\n' +
        BLOCK('    ') +
        'config:\n  loftHost: platform.example.com\n',
    );
    await assertClean(out);
  });

  test('an `ingress` block without `annotations:` and enabled gets both; umbrella charts keep their nesting', async () => {
    const text = 'vcluster-platform:\n  ingress:\n    host: platform.example.com\n    ingressClass: nginx\n';
    const { text: out } = await insert(text);
    assert.equal(
      out,
      'vcluster-platform:\n  ingress:\n    enabled: true\n    host: platform.example.com\n    ingressClass: nginx\n    annotations:\n' +
        BLOCK('      '),
    );
    await assertClean(out);
  });

  test('CRLF files get CRLF lines', async () => {
    const text = 'ingress:\r\n  enabled: true\r\n  annotations:\r\n    a: "b"\r\n';
    const { text: out } = await insert(text);
    assert.equal(out, 'ingress:\r\n  enabled: true\r\n  annotations:\r\n    a: "b"\r\n' + BLOCK('    ').replace(/\n/g, '\r\n'));
  });

  test("invalid origins are refused with the engine's reason", async () => {
    const uri = fixtureUri('insert-invalid', 'vcluster-platform.yaml');
    await c.open(uri, 'ingress:\n  enabled: true\n');
    for (const [origins, why] of [
      [['https://app.example.com/'], /trailing slash/],
      [['HTTPS://app.example.com'], /upper-case scheme/],
      [['app.example.com'], /no scheme/],
      [['*'], /every website/],
      [[], /at least one origin/],
    ] as const) {
      await assert.rejects(
        c.request('vclusterCors/insertCorsBlock', { uri, origins, credentials: false }),
        (e: Error & { code?: number }) => {
          assert.match(e.message, why);
          assert.equal(e.code, -32602);
          return true;
        },
      );
    }
    const v = await c.request<{ problems: string[] }>('vclusterCors/validateOrigins', {
      origins: ['https://ok.example.com', 'http://x.example.com:8080/path'],
    });
    assert.equal(v.problems.length, 1);
    assert.match(v.problems[0], /path/);
    assert.deepEqual(
      (await c.request<{ problems: string[] }>('vclusterCors/validateOrigins', { origins: ['https://*.example.com'] })).problems,
      [],
    );
  });

  test('vclusterCors/valuesInfo reads ingress.host and the allowed origins for the client commands', async () => {
    const info = await c.request<{ host?: string; origins: string[] }>('vclusterCors/valuesInfo', {
      text: 'ingress:\n  host: platform.example.com\n  annotations:\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com, https://b.example.com"\n',
    });
    assert.deepEqual(info, { host: 'platform.example.com', origins: ['https://a.example.com', 'https://b.example.com'] });
    // umbrella chart key, commonAnnotations last
    const umbrella = await c.request<{ host?: string; origins: string[] }>('vclusterCors/valuesInfo', {
      text: 'vcluster-platform:\n  ingress:\n    host: p.example.com\n  commonAnnotations:\n    nginx.ingress.kubernetes.io/cors-allow-origin: https://c.example.com\n',
    });
    assert.deepEqual(umbrella, { host: 'p.example.com', origins: ['https://c.example.com'] });
    assert.deepEqual(await c.request('vclusterCors/valuesInfo', { text: '{{ not: yaml' }), { origins: [] });
    assert.deepEqual(await c.request('vclusterCors/valuesInfo', {}), { origins: [] });
  });
});
