import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fixtureUri, pos } from './client';

const SHORT = [
  'enable-cors',
  'cors-allow-origin',
  'cors-allow-methods',
  'cors-allow-headers',
  'cors-allow-credentials',
  'cors-expose-headers',
  'cors-max-age',
];
const KEYS = SHORT.map((s) => `nginx.ingress.kubernetes.io/${s}`);

const PARTIAL = `ingress:
  enabled: true
  ingressClass: nginx
  host: platform.example.com
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com/, https://admin.example.com"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, "
    
    nginx.ingress.kubernetes.io/cor
  
`;

const EMPTY = `ingress:
  enabled: true
  ingressClass: nginx
  annotations:
    
commonAnnotations:
  team: platform
`;

describe('completion', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  async function complete(uri: string, position: { line: number; character: number }): Promise<CompletionItem[]> {
    const r = await c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
    return r?.items ?? [];
  }

  test('an empty line in ingress.annotations: the seven keys with docs, and the block snippet', async () => {
    const uri = fixtureUri('complete-empty', 'vcluster-platform.yaml');
    await c.open(uri, EMPTY);
    const items = await complete(uri, { line: 4, character: 4 });
    // The short name as the label (long keys are cut in the list), the full key as the detail, said once.
    assert.deepEqual(
      items.map((i) => i.label),
      [...SHORT, 'CORS annotation block'],
    );
    assert.deepEqual(
      items.slice(0, 7).map((i) => i.detail),
      KEYS,
    );
    const enable = items[0];
    assert.match(
      (enable.documentation as MarkupContent).value,
      /^Switches CORS on for this Ingress\.\n/,
      'the documentation opens with the summary, not the key again',
    );
    assert.deepEqual(enable.textEdit, {
      range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } },
      newText: 'nginx.ingress.kubernetes.io/enable-cors: "${1:true}"',
    });
    assert.equal(enable.insertTextFormat, 2);
    const md = (enable.documentation as MarkupContent).value;
    assert.match(md, /ingress-nginx default:\*\* `false`/);
    assert.match(md, /\*\*Format:\*\*/);
    const origin = items[1];
    assert.match((origin.documentation as MarkupContent).value, /default:\*\* `\*` \(any origin\)/);
    const block = items[7];
    assert.equal(block.kind, 15);
    const lines = (block.textEdit as TextEdit).newText.split('\n');
    assert.equal(lines.length, 6);
    assert.equal(lines[0], 'nginx.ingress.kubernetes.io/enable-cors: "true"');
    assert.ok(
      lines.slice(1).every((l) => l.startsWith('    nginx.ingress.kubernetes.io/cors-')),
      lines.join('\n'),
    );
    assert.equal(lines[1], '    nginx.ingress.kubernetes.io/cors-allow-origin: "${1:https://app.example.com}"');
  });

  test('commonAnnotations is an annotation map too', async () => {
    const uri = fixtureUri('complete-empty', 'vcluster-platform.yaml');
    const text = EMPTY + '  \n';
    await c.replaceAll(uri, text);
    const items = await complete(uri, { line: 7, character: 2 });
    assert.ok(KEYS.every((k) => items.some((i) => i.detail === k)));
  });

  test('a partly typed key: the typed prefix is replaced, keys already in the map are left out', async () => {
    const uri = fixtureUri('complete-partial', 'vcluster-platform.yaml');
    await c.open(uri, PARTIAL);
    const at = pos(PARTIAL, 'nginx.ingress.kubernetes.io/cor\n', 'nginx.ingress.kubernetes.io/cor'.length);
    const items = await complete(uri, at);
    assert.deepEqual(
      items.map((i) => i.label),
      ['cors-allow-headers', 'cors-allow-credentials', 'cors-expose-headers', 'cors-max-age'],
    );
    for (const i of items) {
      assert.deepEqual((i.textEdit as TextEdit).range, { start: { line: at.line, character: 4 }, end: at });
      assert.ok(i.filterText!.startsWith('nginx.ingress.kubernetes.io/cor'));
    }
  });

  test('values: enable-cors booleans, replacing the whole value', async () => {
    const uri = fixtureUri('complete-partial', 'vcluster-platform.yaml');
    const at = pos(PARTIAL, '"true"', 1);
    const items = await complete(uri, at);
    assert.deepEqual(
      items.map((i) => i.label),
      ['"true"', '"false"'],
    );
    assert.deepEqual((items[0].textEdit as TextEdit).range, { start: { line: 5, character: 45 }, end: { line: 5, character: 51 } });
    assert.equal((items[0].textEdit as TextEdit).newText, '"true"');
    // Triggered by typing the colon: the space is part of the insertion.
    const colon = fixtureUri('complete-colon', 'vcluster-platform.yaml');
    await c.open(
      colon,
      'ingress:\n  enabled: true\n  ingressClass: nginx\n  annotations:\n    nginx.ingress.kubernetes.io/cors-allow-credentials:\n',
    );
    const afterColon = await complete(colon, { line: 4, character: 55 });
    assert.deepEqual(
      afterColon.map((i) => (i.textEdit as TextEdit).newText),
      [' "false"', ' "true"'],
    );
  });

  test('values: cors-allow-methods presets, and single methods after a comma', async () => {
    const uri = fixtureUri('complete-methods', 'vcluster-platform.yaml');
    const text = 'ingress:\n  enabled: true\n  ingressClass: nginx\n  annotations:\n    nginx.ingress.kubernetes.io/cors-allow-methods: \n';
    await c.open(uri, text);
    const presets = await complete(uri, { line: 4, character: 52 });
    assert.deepEqual(
      presets.map((i) => i.label),
      ['"GET, POST, PUT, DELETE, PATCH, OPTIONS"', '"GET, POST, OPTIONS"', '"GET, OPTIONS"'],
    );
    const pu = fixtureUri('complete-partial', 'vcluster-platform.yaml');
    const at = pos(PARTIAL, '"GET, "', 6);
    const tokens = await complete(pu, at);
    assert.deepEqual(
      tokens.map((i) => i.label),
      ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
    );
    assert.deepEqual((tokens[0].textEdit as TextEdit).range, { start: at, end: at });
  });

  test('values: max-age choices with notes; origins from allowedOrigins plus https://', async () => {
    const uri = fixtureUri('allow', 'vcluster-platform.yaml');
    const text =
      'ingress:\n  enabled: true\n  ingressClass: nginx\n  annotations:\n    nginx.ingress.kubernetes.io/cors-max-age: ""\n    nginx.ingress.kubernetes.io/cors-allow-origin: "\n';
    await c.open(uri, text);
    const ages = await complete(uri, { line: 4, character: 47 });
    assert.deepEqual(
      ages.map((i) => i.label),
      ['"600"', '"3600"', '"7200"', '"0"'],
    );
    assert.match((ages[0].documentation as MarkupContent).value, /Safari/);
    const origins = await complete(uri, { line: 5, character: 53 });
    assert.deepEqual(
      origins.map((i) => i.label),
      ['"https://app.example.com"', '"https://admin.example.com"', '"https://"'],
    );
    assert.equal((origins[2].textEdit as TextEdit).newText, '"https://${1:app.example.com}"');
  });

  test('ingress keys: the chart keys not yet present, with descriptions', async () => {
    const uri = fixtureUri('complete-partial', 'vcluster-platform.yaml');
    const items = await complete(uri, { line: 10, character: 2 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['name', 'path', 'labels', 'tls'],
    );
    assert.match((items[0].documentation as MarkupContent).value, /metadata\.name/);
    assert.equal((items[3].textEdit as TextEdit).newText, 'tls:\n    enabled: ${1|true,false|}\n    secret: ${2:loft-tls}');
    const fresh = fixtureUri('complete-ingress', 'vcluster-platform.yaml');
    await c.open(fresh, 'ingress:\n  en\n');
    const typed = await complete(fresh, { line: 1, character: 4 });
    assert.deepEqual(
      typed.map((i) => i.label),
      ['enabled', 'name', 'host', 'ingressClass', 'path', 'labels', 'annotations', 'tls'],
    );
    assert.deepEqual((typed[0].textEdit as TextEdit).range, { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } });
  });

  test('no completion outside these maps, in comments, or without snippet support as snippets', async () => {
    const uri = fixtureUri('complete-empty', 'vcluster-platform.yaml');
    await c.replaceAll(uri, EMPTY + '# comment\n');
    assert.deepEqual(await complete(uri, { line: 0, character: 3 }), []);
    assert.deepEqual(await complete(uri, { line: 2, character: 17 }), []);
    assert.deepEqual(await complete(uri, { line: 7, character: 5 }), []);
    const plain = await LspClient.start({ pull: true, snippets: false });
    try {
      const u = fixtureUri('complete-plain', 'vcluster-platform.yaml');
      await plain.open(u, EMPTY);
      const r = await plain.request<CompletionList>('textDocument/completion', {
        textDocument: { uri: u },
        position: { line: 4, character: 4 },
      });
      assert.equal((r.items[0].textEdit as TextEdit).newText, 'nginx.ingress.kubernetes.io/enable-cors: "true"');
      assert.ok(r.items.every((i) => i.insertTextFormat !== 2));
    } finally {
      await plain.stop();
    }
  });
});

describe('hover', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  async function hover(uri: string, position: { line: number; character: number }): Promise<string | undefined> {
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    return h ? (h.contents as MarkupContent).value : undefined;
  }

  const GOOD = `ingress:
  enabled: true
  ingressClass: nginx
  host: platform.example.com
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com, https://*.example.org"
    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"
    nginx.ingress.kubernetes.io/cors-max-age: "3600"
    nginx.ingress.kubernetes.io/cors-expose-headers: "X-Request-Id"
`;

  test('on enable-cors: the effective value and the policy table first (From: the line), then one simulated preflight', async () => {
    const uri = fixtureUri('hover', 'vcluster-platform.yaml');
    await c.open(uri, GOOD);
    const md = (await hover(uri, pos(GOOD, 'enable-cors', 3)))!;
    assert.match(md, /\*\*Effective CORS policy\*\*/);
    assert.match(md, /\| Allowed origins \| `https:\/\/app\.example\.com`, `https:\/\/\*\.example\.org` \| line \d+ \|/);
    assert.match(md, /\| Max-Age \| `3600` \(1 hour\) \| line \d+ \|/);
    assert.ok(
      md.includes(
        [
          'From `https://app.example.com`:',
          '',
          '```http',
          'HTTP/1.1 204 No Content',
          'Access-Control-Allow-Origin: https://app.example.com',
          'Access-Control-Allow-Credentials: true',
          'Access-Control-Allow-Methods: GET, PUT, POST, DELETE, PATCH, OPTIONS',
          'Access-Control-Allow-Headers: DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
          'Access-Control-Expose-Headers: X-Request-Id',
          'Access-Control-Max-Age: 3600',
          'Content-Length: 0',
          '```',
          '',
          'Browser verdict: **✅ allowed** — the response echoes the origin in `Access-Control-Allow-Origin: https://app.example.com` with `Access-Control-Allow-Credentials: true`; the preflight (204) allows `GET`, `authorization`. ingress-nginx sends no `Vary: Origin`, so shared caches may mix up responses for different origins.',
        ].join('\n'),
      ),
      md,
    );
    assert.match(md, /…and 1 more origin\(s\): `vcluster-cors simulate FILE --origin …` shows each\./);
    // It leads with what happens: the effective value, then the table; the annotation's docs come after.
    assert.ok(md.indexOf('**Effective value:**') < md.indexOf('| Setting |') && md.indexOf('| Setting |') < md.indexOf('**Default:**'), md);
    assert.match(md, /\| CORS \| on \| line 6 \|/);
    assert.match(md, /typical dashboard call: `fetch\(url, \{credentials: "include"\}\)`, `GET`, `Authorization: Bearer …`/);
    assert.match(md, /does not replace authentication/);
    assert.doesNotMatch(md, /retired/, 'the ingress-nginx-retired finding says it; the hover does not repeat it');
    // The hover range is the key.
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(GOOD, 'enable-cors', 3) });
    assert.deepEqual(h.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 43 } });
  });

  test('on enable-cors with `*` and default credentials: the browser verdict is blocked, with the reason', async () => {
    const uri = fixtureUri('hover', 'star/vcluster-platform.yaml');
    const text =
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n';
    await c.open(uri, text);
    const md = (await hover(uri, { line: 3, character: 35 }))!;
    assert.match(md, /From any origin:/);
    assert.match(md, /Browser verdict: \*\*⛔ blocked\*\* — .*`Access-Control-Allow-Origin: \*`.*credentials/);
  });

  test('on enable-cors when the API server rejects the release: never "CORS is on"', async () => {
    const uri = fixtureUri('hover', 'rejected/vcluster-platform.yaml');
    const text =
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: true\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"\n';
    await c.open(uri, text);
    const md = (await hover(uri, { line: 3, character: 35 }))!;
    assert.match(
      md,
      /\*\*Effective value:\*\* none yet — the API server rejects the release \(see annotation-value-not-string\); once it is accepted: `true`\n/,
    );
    assert.doesNotMatch(md, /CORS is on/);
  });

  test('on a value: meaning, default, and the effective value', async () => {
    const uri = fixtureUri('hover', 'vcluster-platform.yaml');
    const md = (await hover(uri, pos(GOOD, '"3600"', 2)))!;
    assert.match(md, /cors-max-age/);
    assert.match(md, /\*\*Default:\*\* `1728000` \(20 days\)/);
    assert.match(md, /\*\*Effective value:\*\* `3600` \(1 hour\)/);
    assert.equal(await hover(uri, pos(GOOD, 'host:', 1)), undefined);
  });

  test('on a bad origin: the fallback and its reason', async () => {
    const text = GOOD.replace('"https://app.example.com, https://*.example.org"', '"https://app.example.com/, https://*.example.org"');
    const uri = fixtureUri('hover-bad', 'vcluster-platform.yaml');
    await c.open(uri, text);
    const md = (await hover(uri, pos(text, 'app.example.com/', 3)))!;
    assert.match(md, /\*\*Effective value:\*\* `\*` — any origin — not the value as written/);
    assert.match(md, /\*\*Origin `https:\/\/app\.example\.com\/`:\*\* `https:\/\/app\.example\.com\/` has a trailing slash/);
    assert.match(md, /falls back to `\*`/);
    assert.match(md, /\*\*Why:\*\*\n- cors-allow-origin .* rejects the whole value and allows any origin/);
    // Without annotation validation (controller < v1.12) only that entry is skipped.
    const old = await LspClient.start({ pull: true, initializationOptions: { annotationValidation: false } });
    try {
      await old.open(uri, text);
      const h = await old.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(text, 'app.example.com/', 3) });
      const v = (h.contents as MarkupContent).value;
      assert.match(v, /ingress-nginx skips this entry/);
      assert.match(v, /\*\*Effective value:\*\* `https:\/\/\*\.example\.org`/);
    } finally {
      await old.stop();
    }
  });

  test('an entry overridden by commonAnnotations says so', async () => {
    const text = GOOD + 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-max-age: "600"\n';
    const uri = fixtureUri('hover-dup', 'vcluster-platform.yaml');
    await c.open(uri, text);
    const md = (await hover(uri, pos(text, 'cors-max-age', 2)))!;
    assert.match(md, /This entry has no effect/);
    assert.match(md, /\*\*Effective value:\*\* `600`/);
  });
});
