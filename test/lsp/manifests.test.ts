import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fixtureUri, pos } from './client';

const TRAEFIK_KEYS = [
  'accessControlAllowOriginList',
  'accessControlAllowOriginListRegex',
  'accessControlAllowCredentials',
  'accessControlAllowMethods',
  'accessControlAllowHeaders',
  'accessControlExposeHeaders',
  'accessControlMaxAge',
  'addVaryHeader',
];
const GATEWAY_KEYS = ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'allowCredentials', 'maxAge'];

const MIDDLEWARE = `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
  namespace: vcluster-platform
spec:
  headers:
    accessControlAllowOriginList:
      - https://dashboard.example.com
      - https://admin.example.com
    accessControlAllowCredentials: true
    accessControlAllowMethods: [GET, POST]
    accessControlAllowHeaders: [Authorization, Content-Type]
    accessControlMaxAge: 3600
    addVaryHeader: true
`;

const VIRTUAL_SERVICE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vcluster-platform
spec:
  hosts: [platform.example.com]
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
          - prefix: https://team-
        allowCredentials: true
        allowMethods: [GET, POST]
        allowHeaders: [authorization]
        maxAge: 2h
      route:
        - destination:
            host: loft
`;

const HTTP_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: vcluster-platform
spec:
  parentRefs:
    - name: gateway
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins:
              - https://dashboard.example.com
            al
      backendRefs:
        - name: loft
          port: 80
`;

describe('manifests: hover', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  async function hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    return c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  test('on a Traefik origin item: the field in Traefik, its default, and the effective policy', async () => {
    const uri = fixtureUri('manifests', 'hover-middleware.yaml');
    await c.open(uri, MIDDLEWARE);
    const at = pos(MIDDLEWARE, 'https://admin.example.com', 10);
    const h = (await hover(uri, at))!;
    assert.ok(h, 'a hover');
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /\*\*`accessControlAllowOriginList`\*\* — Traefik/);
    assert.match(md, /\*\*Traefik default:\*\* `\[\]`/);
    assert.match(md, /\*\*Origin `https:\/\/admin\.example\.com`:\*\* allowed/);
    assert.match(md, /\*\*Effective CORS policy\*\* \(Traefik, `Middleware\/platform-cors`\)/);
    assert.match(md, /\| Allowed origins \| `https:\/\/dashboard\.example\.com`, `https:\/\/admin\.example\.com` \| line \d+ \|/);
    assert.match(md, /\| Credentials \| `true` \| line \d+ \|/);
    assert.match(md, /\| Max-Age \| `3600` \(1 hour\) \| line \d+ \|/);
    assert.match(md, /\| Vary: Origin \| sent \| line \d+ \|/);
    assert.match(md, /answered by Traefik with 200/);
    assert.match(md, /From `https:\/\/admin\.example\.com`:\n\n```http\nHTTP\/1\.1 200 OK\n/);
    assert.doesNotMatch(md, /ingress-nginx/);
    // The range is the item.
    assert.deepEqual(h.range, { start: { line: 9, character: 8 }, end: { line: 9, character: 33 } });
  });

  test('on a Traefik key: meaning and effective value', async () => {
    const uri = fixtureUri('manifests', 'hover-middleware.yaml');
    const md = ((await hover(uri, pos(MIDDLEWARE, 'addVaryHeader', 2)))!.contents as MarkupContent).value;
    assert.match(md, /\*\*`addVaryHeader`\*\* — Traefik/);
    assert.match(md, /\*\*Traefik default:\*\* `false`/);
    assert.match(md, /\*\*Effective value:\*\* `Vary: Origin` sent/);
    assert.equal(await hover(uri, pos(MIDDLEWARE, 'namespace', 2)), null);
  });

  test('on Istio allowCredentials: the controller and the effective values', async () => {
    const uri = fixtureUri('manifests', 'hover-vs.yaml');
    await c.open(uri, VIRTUAL_SERVICE);
    const md = ((await hover(uri, pos(VIRTUAL_SERVICE, 'allowCredentials', 3)))!.contents as MarkupContent).value;
    assert.match(md, /\*\*`allowCredentials`\*\* — Istio \(Envoy\)/);
    assert.match(md, /\*\*Istio \(Envoy\) default:\*\* not set \(`false`\)/);
    assert.match(md, /\*\*Effective value:\*\* `true` — credentialed requests allowed/);
    assert.match(md, /\*\*Effective CORS policy\*\* \(Istio \(Envoy\), `VirtualService\/vcluster-platform#http\[0\]`\)/);
    assert.match(md, /From `https:\/\/team-app\.example\.com` \(matches prefix `https:\/\/team-`\):/);
    assert.match(md, /\| Allowed origins \| `https:\/\/dashboard\.example\.com`, prefix `https:\/\/team-` \| line \d+ \|/);
    assert.match(md, /\| Max-Age \| `7200` \(2 hours\) \| line \d+ \|/);
    assert.match(md, /\| Methods \| `GET,POST` \| line \d+ \|/);
  });

  test('on an Istio prefix matcher: what prefix matching allows', async () => {
    const uri = fixtureUri('manifests', 'hover-vs.yaml');
    const md = ((await hover(uri, pos(VIRTUAL_SERVICE, 'prefix:', 2)))!.contents as MarkupContent).value;
    assert.match(md, /`prefix`: any Origin that \*\*starts with\*\*/);
    assert.match(md, /\*\*Origin prefix `https:\/\/team-`:\*\* allowed \(prefix\)/);
  });
});

describe('manifests: completion', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  async function complete(uri: string, position: { line: number; character: number }): Promise<CompletionItem[]> {
    const r = await c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
    return r?.items ?? [];
  }

  test('Traefik: the CORS keys under spec.headers, with docs; none under metadata', async () => {
    const uri = fixtureUri('manifests', 'complete-middleware.yaml');
    const text = 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\n  \nspec:\n  headers:\n    \n';
    await c.open(uri, text);
    const items = await complete(uri, { line: 7, character: 4 });
    assert.deepEqual(
      items.map((i) => i.label),
      TRAEFIK_KEYS,
    );
    assert.match((items[0].documentation as MarkupContent).value, /Traefik default:\*\* `\[\]`/);
    assert.equal((items[0].textEdit as TextEdit).newText, 'accessControlAllowOriginList:\n      - ${1:https://app.example.com}');
    assert.equal((items[2].textEdit as TextEdit).newText, 'accessControlAllowCredentials: ${1|false,true|}');
    assert.deepEqual(await complete(uri, { line: 4, character: 2 }), []);
  });

  test('Traefik: keys already written are left out', async () => {
    const uri = fixtureUri('manifests', 'complete-middleware-2.yaml');
    const text = MIDDLEWARE + '    acc\n';
    await c.open(uri, text);
    const items = await complete(uri, { line: 15, character: 7 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['accessControlAllowOriginListRegex', 'accessControlExposeHeaders'],
    );
    assert.deepEqual((items[0].textEdit as TextEdit).range, { start: { line: 15, character: 4 }, end: { line: 15, character: 7 } });
  });

  test('Gateway API: the CORS filter keys under cors:', async () => {
    const uri = fixtureUri('manifests', 'complete-route.yaml');
    await c.open(uri, HTTP_ROUTE);
    const at = pos(HTTP_ROUTE, '            al\n', 14);
    const items = await complete(uri, at);
    assert.deepEqual(
      items.map((i) => i.label),
      GATEWAY_KEYS.filter((k) => k !== 'allowOrigins'),
    );
    assert.match((items.find((i) => i.label === 'maxAge')!.documentation as MarkupContent).value, /Gateway API default:\*\* `5`/);
    // Not under the filter item itself.
    assert.deepEqual(await complete(uri, { line: 10, character: 10 }), []);
  });

  test('Istio: the corsPolicy keys', async () => {
    const uri = fixtureUri('manifests', 'complete-vs.yaml');
    const text = VIRTUAL_SERVICE.replace('        maxAge: 2h\n', '        maxAge: 2h\n        \n');
    await c.open(uri, text);
    const items = await complete(uri, { line: 15, character: 8 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['exposeHeaders', 'unmatchedPreflights'],
    );
  });
});
