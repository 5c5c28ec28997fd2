import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, fixtureUri, pos } from './client';

const KONG = `apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata:
  name: platform-cors
plugin: cors
config:
  origins: [https://dashboard.example.com, https://admin.example.com]
  credentials: true
  max_age: 3600
`;

const HAPROXY = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: loft
  annotations:
    haproxy.org/cors-enable: "true"
    haproxy.org/cors-max-age: "86400"
spec:
  ingressClassName: haproxy
`;

describe('Kong, APISIX, HAProxy: hover and completion', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  const hover = async (uri: string, at: { line: number; character: number }) =>
    ((await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at }))!.contents as MarkupContent).value;

  test('on a Kong config key: the field, its default, the effective policy', async () => {
    const uri = fixtureUri('manifests', 'hover-kong.yaml');
    await c.open(uri, KONG);
    const md = await hover(uri, pos(KONG, 'credentials', 2));
    assert.match(md, /\*\*`credentials`\*\* — Kong \(cors plugin\) \(`config`\)/);
    assert.match(md, /\*\*Kong \(cors plugin\) default:\*\* `false`/);
    assert.match(md, /\*\*Effective CORS policy\*\* \(Kong \(cors plugin\), `KongPlugin\/platform-cors`\)/);
  });

  test('on a HAProxy annotation key: what a bare number means for cors-max-age', async () => {
    const uri = fixtureUri('manifests', 'hover-haproxy.yaml');
    await c.open(uri, HAPROXY);
    const md = await hover(uri, pos(HAPROXY, 'haproxy.org/cors-max-age', 2));
    assert.match(md, /\*\*`cors-max-age`\*\* — HAProxy Kubernetes Ingress \(haproxy\.org\)/);
    assert.match(md, /a bare number is milliseconds/);
    assert.match(md, /has no unit, so it is milliseconds: the controller sends `Access-Control-Max-Age: 86`/);
  });

  test('completion: the cors plugin keys under a KongPlugin config and an ApisixRoute plugin config', async () => {
    const uri = fixtureUri('manifests', 'complete-kong.yaml');
    const text = 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: c\nplugin: cors\nconfig:\n  \n';
    await c.open(uri, text);
    const r = await c.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 6, character: 2 },
    });
    const items: CompletionItem[] = r?.items ?? [];
    assert.deepEqual(
      items.map((i) => i.label),
      ['origins', 'credentials', 'methods', 'headers', 'exposed_headers', 'max_age', 'preflight_continue', 'private_network'],
    );
    const auri = fixtureUri('manifests', 'complete-apisix.yaml');
    const atext =
      'apiVersion: apisix.apache.org/v2\nkind: ApisixPluginConfig\nmetadata:\n  name: c\nspec:\n  plugins:\n    - name: cors\n      config:\n        \n';
    await c.open(auri, atext);
    const ar = await c.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: auri },
      position: { line: 8, character: 8 },
    });
    assert.equal((ar?.items ?? [])[0]?.label, 'allow_origins');
  });
});
