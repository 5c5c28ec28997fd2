/**
 * Hover and key completion on Envoy Gateway SecurityPolicy `spec.cors`, Contour HTTPProxy
 * `spec.virtualhost.corsPolicy` and Emissary Mapping `spec.cors` / Module `spec.config.cors` (issue 14).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fixtureUri, pos } from './client';

const SECURITY_POLICY = `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: SecurityPolicy
metadata:
  name: platform
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: platform }]
  cors:
    allowOrigins:
      - https://*.example.com
    allowCredentials: true
    maxAge: 90m
`;

const HTTP_PROXY = `apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata:
  name: platform
spec:
  virtualhost:
    fqdn: platform.example.com
    corsPolicy:
      allowOrigin: [https://dashboard.example.com]
      allowMethods: [GET]
      
`;

const MODULE = `apiVersion: getambassador.io/v3alpha1
kind: Module
metadata:
  name: ambassador
spec:
  config:
    cors:
      origins: [https://dashboard.example.com]
      
`;

describe('Envoy Gateway, Contour, Emissary: hover and completion', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  const hover = (uri: string, at: { line: number; character: number }) =>
    c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at });
  const complete = async (uri: string, at: { line: number; character: number }): Promise<CompletionItem[]> =>
    (await c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: at }))?.items ?? [];

  test('Envoy Gateway: hover on maxAge shows the field, its default and the seconds Envoy sends', async () => {
    const uri = fixtureUri('manifests', 'hover-securitypolicy.yaml');
    await c.open(uri, SECURITY_POLICY);
    const md = ((await hover(uri, pos(SECURITY_POLICY, 'maxAge', 2)))!.contents as MarkupContent).value;
    assert.match(md, /\*\*`maxAge`\*\* — Envoy Gateway \(`spec\.cors`\)/);
    assert.match(md, /\*\*Envoy Gateway default:\*\* not set \(header not sent: browsers use 5 s\)/);
    assert.match(md, /\*\*Effective CORS policy\*\* \(Envoy Gateway, `SecurityPolicy\/platform`\)/);
    assert.match(md, /\| Max-Age \| `5400`/);
    const origin = ((await hover(uri, pos(SECURITY_POLICY, 'https://*.example.com', 10)))!.contents as MarkupContent).value;
    assert.match(origin, /spans any number of labels/);
  });

  test('Contour: the corsPolicy keys not yet written, with Contour docs', async () => {
    const uri = fixtureUri('manifests', 'complete-httpproxy.yaml');
    await c.open(uri, HTTP_PROXY);
    const items = await complete(uri, { line: 10, character: 6 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['allowHeaders', 'exposeHeaders', 'allowCredentials', 'allowPrivateNetwork', 'maxAge'],
    );
    assert.match((items.find((i) => i.label === 'maxAge')!.documentation as MarkupContent).value, /Contour \(Envoy\) default:\*\* not set/);
    assert.equal((items.find((i) => i.label === 'maxAge')!.textEdit as TextEdit).newText, 'maxAge: "${1:10m}"');
  });

  test('Emissary: the Module cors keys; max_age is inserted as a string of seconds', async () => {
    const uri = fixtureUri('manifests', 'complete-module.yaml');
    await c.open(uri, MODULE);
    const items = await complete(uri, { line: 8, character: 6 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['methods', 'headers', 'exposed_headers', 'credentials', 'max_age'],
    );
    assert.equal((items.find((i) => i.label === 'max_age')!.textEdit as TextEdit).newText, 'max_age: "${1:3600}"');
  });
});
