/** Kong, APISIX and the two HAProxy controllers: which objects are their targets, their policies, their answers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { controllerResponse } from '../../server/src/engine/simulate/controller';
import { looksLikeCorsConfig } from '../../server/src/engine/targets/sniff';
import { manifestBlock } from '../../server/src/lsp/manifestCompletion';

const ingress = (ann: Record<string, string>, cls = 'haproxy') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n${Object.entries(ann)
    .map(([k, v]) => `    ${k}: "${v}"`)
    .join('\n')}\nspec:\n  ingressClassName: ${cls}\n`;
const policies = (text: string, filePath = 'manifest.yaml') => lintText(text, { filePath }).policies;
const only = (text: string, controller: string) => {
  const ps = policies(text).filter((p) => p.controller === controller);
  assert.equal(ps.length, 1, `one ${controller} policy`);
  return ps[0];
};

test('annotation prefixes: haproxy-ingress.github.io and the legacy prefix go to HAProxy Ingress, haproxy.org to HAProxy Technologies', () => {
  assert.deepEqual(
    policies(ingress({ 'haproxy-ingress.github.io/cors-enable': 'true' })).map((p) => p.controller),
    ['ingress-nginx', 'haproxy-ingress'],
  );
  assert.deepEqual(
    policies(ingress({ 'ingress.kubernetes.io/cors-enable': 'true' })).map((p) => p.controller),
    ['ingress-nginx', 'haproxy-ingress'],
  );
  // With haproxy.org keys on the object, the legacy prefix is read by HAProxy Technologies' controller.
  const tech = only(
    ingress({ 'haproxy.org/cors-enable': 'true', 'ingress.kubernetes.io/cors-allow-origin': '^https://a\\.test$' }),
    'haproxy',
  );
  assert.equal(tech.fields.origin?.label, 'ingress.kubernetes.io/cors-allow-origin');
  assert.equal(
    policies(ingress({ 'haproxy.org/cors-enable': 'true', 'ingress.kubernetes.io/cors-allow-origin': 'x' })).filter(
      (p) => p.controller === 'haproxy-ingress',
    ).length,
    0,
  );
  // A class that is not HAProxy's: the legacy prefix is not read (the ingress-nginx target's finding says so).
  assert.deepEqual(
    policies(ingress({ 'ingress.kubernetes.io/cors-enable': 'true' }, 'nginx')).map((p) => p.controller),
    ['ingress-nginx'],
  );
  // The first prefix wins for HAProxy Ingress.
  const hi = only(
    ingress({ 'ingress.kubernetes.io/cors-enable': 'false', 'haproxy-ingress.github.io/cors-enable': 'true' }),
    'haproxy-ingress',
  );
  assert.equal(hi.configured, true);
});

test('a vCluster Platform values file with HAProxy annotations gets a HAProxy Ingress policy', () => {
  const text =
    'ingress:\n  enabled: true\n  ingressClass: haproxy\n  host: platform.example.com\n  annotations:\n    haproxy-ingress.github.io/cors-enable: "true"\n    haproxy-ingress.github.io/cors-allow-origin: "https://a.example.com,https://b.example.com"\n';
  const p = policies(text, 'vcluster-platform.yaml').find((x) => x.controller === 'haproxy-ingress');
  assert.ok(p);
  assert.equal(p.source, 'ingress');
  assert.deepEqual(
    p.origins.map((m) => m.value),
    ['https://a.example.com', 'https://b.example.com'],
  );
  assert.equal(p.varyOrigin, true);
});

test('Kong: plain, regex and host-only origins; one plain origin is sent as is', () => {
  const kong = (config: string) =>
    `apiVersion: configuration.konghq.com/v1\nkind: KongClusterPlugin\nmetadata:\n  name: c\nplugin: cors\nconfig:\n${config}\n`;
  const one = only(kong('  origins: [https://a.example.com]'), 'kong');
  assert.equal(one.source, 'KongClusterPlugin/c');
  assert.equal(one.acaoFixed, 'https://a.example.com');
  const r = controllerResponse(one, { method: 'GET', origin: 'https://evil.test' });
  assert.equal(r.headers['Access-Control-Allow-Origin'], 'https://a.example.com');
  const list = only(kong('  origins: ["https://a.example.com:443", "(.+\\\\.)?example\\\\.com"]\n  credentials: true'), 'kong');
  // Default ports are dropped on both sides; an entry without `:` is matched against the host only.
  assert.equal(
    controllerResponse(list, { method: 'GET', origin: 'https://a.example.com' }).headers['Access-Control-Allow-Origin'],
    'https://a.example.com',
  );
  assert.equal(
    controllerResponse(list, { method: 'GET', origin: 'http://x.example.com' }).headers['Access-Control-Allow-Origin'],
    'http://x.example.com',
  );
  assert.equal(
    controllerResponse(list, { method: 'GET', origin: 'https://example.com.evil.test' }).headers['Access-Control-Allow-Origin'],
    undefined,
  );
  const pre = controllerResponse(list, { method: 'OPTIONS', origin: 'https://evil.test', requestMethod: 'PUT', requestHeaders: 'x-a' });
  assert.equal(pre.status, 200);
  assert.equal(pre.headers['Access-Control-Allow-Headers'], 'x-a');
  assert.equal(pre.headers['Access-Control-Allow-Methods'], 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT');
  assert.equal(pre.headers['Access-Control-Allow-Origin'], undefined);
  // No config: any origin, `*`.
  const none = only('apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: c\nplugin: cors\n', 'kong');
  assert.equal(none.acaoMode, 'literal-star');
  const off = only(kong('  origins: [https://a.example.com]').replace('plugin: cors', 'plugin: cors\ndisabled: true'), 'kong');
  assert.equal(off.enabled, false);
});

test('APISIX: `*` with allow_credential is refused; `**` echoes; every OPTIONS gets 200', () => {
  const route = (config: string, enable = 'true') =>
    `apiVersion: apisix.apache.org/v2\nkind: ApisixRoute\nmetadata:\n  name: r\nspec:\n  http:\n    - name: a\n      plugins:\n        - name: cors\n          enable: ${enable}\n          config:\n${config.replace(/^/gm, '            ')}\n`;
  const refused = only(route('allow_credential: true'), 'apisix');
  assert.equal(refused.configured, false);
  assert.equal(refused.source, 'ApisixRoute/r#http[0]');
  const echo = only(route('allow_origins: "**"'), 'apisix');
  assert.equal(
    controllerResponse(echo, { method: 'GET', origin: 'https://x.test' }).headers['Access-Control-Allow-Origin'],
    'https://x.test',
  );
  const list = only(route('allow_origins: "https://a.test,https://b.test"\nmax_age: 600'), 'apisix');
  const opt = controllerResponse(list, { method: 'OPTIONS', origin: 'https://c.test' });
  assert.equal(opt.status, 200);
  assert.deepEqual(opt.headers, { Vary: 'Origin' });
  assert.equal(controllerResponse(list, { method: 'GET', origin: 'https://b.test' }).headers['Access-Control-Max-Age'], '600');
  assert.equal(only(route('allow_origins: "**"', 'false'), 'apisix').enabled, false);
});

test('HAProxy Technologies: a bare cors-max-age is milliseconds; preflights reach the backend unless cors-respond-to-options', () => {
  const p = only(ingress({ 'haproxy.org/cors-enable': 'true', 'haproxy.org/cors-max-age': '86400' }), 'haproxy');
  assert.equal(p.maxAge, 86);
  assert.equal(controllerResponse(p, { method: 'OPTIONS', origin: 'https://a.test', requestMethod: 'PUT' }).status, 'backend');
  const r = only(ingress({ 'haproxy.org/cors-enable': 'on', 'haproxy.org/cors-respond-to-options': 'true' }), 'haproxy');
  assert.equal(r.configured, true);
  assert.equal(controllerResponse(r, { method: 'OPTIONS', origin: 'https://a.test', requestMethod: 'PUT' }).status, 204);
});

test('folder search finds Kong and APISIX objects by content; completion knows their blocks', () => {
  assert.equal(looksLikeCorsConfig('apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nplugin: cors\n'), true);
  assert.equal(looksLikeCorsConfig('apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nplugin: rate-limiting\n'), false);
  assert.equal(
    looksLikeCorsConfig('apiVersion: apisix.apache.org/v2\nkind: ApisixRoute\nspec:\n  http:\n    - plugins:\n        - name: cors\n'),
    true,
  );
  assert.equal(manifestBlock('KongPlugin', ['config']), 'kong');
  assert.equal(manifestBlock('ApisixRoute', ['spec', 'http', '[]', 'plugins', '[]', 'config']), 'apisix');
  assert.equal(manifestBlock('ApisixPluginConfig', ['spec', 'plugins', '[]', 'config']), 'apisix');
});
