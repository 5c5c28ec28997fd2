/**
 * `controllers:` (config/controllers.ts): the config setting, and what each modelled version changes in the policy
 * (docs/reference/controller-versions.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG, parseConfigText, type ResolvedConfig } from '../../server/src/engine/config/config';
import { withControllerDefaults, type ControllerSettings } from '../../server/src/engine/config/controllers';
import { controllerResponse } from '../../server/src/engine/simulate/controller';

const ingress = (ann: Record<string, string>) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: api',
    '  annotations:',
    ...Object.entries(ann).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`),
    'spec:',
    '  ingressClassName: nginx',
    '',
  ].join('\n');

function lint(ann: Record<string, string>, controllers: ControllerSettings) {
  const config: ResolvedConfig = withControllerDefaults({ ...DEFAULT_CONFIG, controllers });
  return lintText(ingress({ 'enable-cors': 'true', ...ann }), { filePath: 'ingress.yaml', config });
}
const origins = (r: ReturnType<typeof lint>) => r.policies[0].origins.map((o) => `${o.kind}:${o.value}`);

test('config: controllers are read, versions quoted, unknown readers and old versions reported', () => {
  const ok = parseConfigText(
    'controllers:\n  ingress-nginx: "1.8.1"\n  istio: "1.22"\n  traefik: v3.6\n  nginx-annotations: traefik\n',
    'c.yaml',
  );
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.config.controllers, { 'ingress-nginx': '1.8.1', istio: '1.22', traefik: 'v3.6', 'nginx-annotations': 'traefik' });
  const bad = parseConfigText(
    'controllers:\n  istio: 1.22\n  ingress-nginx: "0.49"\n  gateway-api: latest\n  nginx-annotations: haproxy\n  kong: "3"\n',
    'c.yaml',
  );
  assert.deepEqual(
    bad.problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
    [
      '2:10: `controllers.istio` must be a quoted version such as `"1.30"`: YAML reads `1.22` as a number (1.10 becomes 1.1)',
      '3:18: `controllers.ingress-nginx`: versions before 1.0.0 are not modelled (got `0.49`)',
      '4:16: `controllers.gateway-api` must be a version such as `"1.6.1"` (got `latest`)',
      '5:22: `controllers.nginx-annotations` must be `ingress-nginx` or `traefik` (got `haproxy`)',
      '6:3: `kong` is not allowed in `controllers`',
    ],
  );
  const old = parseConfigText('controllers:\n  traefik: "3.4"\n  nginx-annotations: traefik\n', 'c.yaml');
  assert.deepEqual(
    old.problems.map((p) => p.message),
    ['Traefik reads ingress-nginx annotations since v3.5.0 (its `kubernetesIngressNGINX` provider); `controllers.traefik` is 3.4.0'],
  );
});

test('annotation validation follows the ingress-nginx version unless set', () => {
  assert.equal(withControllerDefaults({ ...DEFAULT_CONFIG, controllers: { 'ingress-nginx': '1.11.3' } }).annotationValidation, false);
  assert.equal(withControllerDefaults({ ...DEFAULT_CONFIG, controllers: { 'ingress-nginx': '1.12.0' } }).annotationValidation, true);
  const set = { ...DEFAULT_CONFIG, annotationValidation: true, annotationValidationSet: true, controllers: { 'ingress-nginx': '1.8.1' } };
  assert.equal(withControllerDefaults(set).annotationValidation, true);
});

test('the newest version is assumed and named when none is set', () => {
  const r = lint({ 'cors-allow-origin': 'https://a.example.com' }, {});
  assert.deepEqual(r.policies[0].controllerVersion, { text: '1.15.1', major: 1, minor: 15, patch: 1, assumed: true });
  assert.equal(lint({}, { 'ingress-nginx': 'v1.9' }).policies[0].controllerVersion?.text, '1.9.0');
});

test('trailing comma: every origin echoed from v1.0.5 until v1.9.5', () => {
  const ann = { 'cors-allow-origin': 'https://a.example.com, https://b.example.com,' };
  for (const v of ['1.0.5', '1.8.1', '1.9.4']) {
    const r = lint(ann, { 'ingress-nginx': v });
    assert.deepEqual(origins(r), ['any:*'], v);
    assert.equal(r.policies[0].acaoMode, 'echo', v);
    const f = r.findings.find((x) => x.ruleId === 'invalid-origin');
    assert.equal(f?.messageId, 'emptyEntry', v);
    assert.equal(f.message.split('. ')[0], `Trailing comma: ingress-nginx v${v} then allows and echoes every origin`);
    assert.deepEqual(
      f.fixes.map((x) => x.edits[0].newText),
      ['"https://a.example.com, https://b.example.com"'],
    );
    assert.ok(
      r.findings.some((x) => x.ruleId === 'wildcard-with-credentials'),
      v,
    );
  }
  const fixed = lint(ann, { 'ingress-nginx': '1.9.5' });
  assert.deepEqual(origins(fixed), ['exact:https://a.example.com', 'exact:https://b.example.com']);
  assert.equal(fixed.findings.filter((x) => x.ruleId === 'invalid-origin').length, 0);
  // A comma in the middle only: the template skips the empty entry without a dangling `|`.
  assert.deepEqual(origins(lint({ 'cors-allow-origin': 'https://a.example.com,,https://b.example.com' }, { 'ingress-nginx': '1.8.1' })), [
    'exact:https://a.example.com',
    'exact:https://b.example.com',
  ]);
});

test('schemes other than http(s) from v1.12.0, null from v1.13.0', () => {
  const ann = { 'cors-allow-origin': 'capacitor://localhost, https://a.example.com, null' };
  assert.deepEqual(origins(lint(ann, { 'ingress-nginx': '1.11.3' })), ['exact:https://a.example.com']);
  assert.deepEqual(origins(lint(ann, { 'ingress-nginx': '1.12.0' })), ['exact:capacitor://localhost', 'exact:https://a.example.com']);
  assert.deepEqual(origins(lint(ann, { 'ingress-nginx': '1.13.0' })), [
    'exact:capacitor://localhost',
    'exact:https://a.example.com',
    'null:null',
  ]);
  const r = lint(ann, { 'ingress-nginx': '1.11.3' });
  const msgs = r.findings.filter((x) => x.ruleId === 'invalid-origin').map((x) => x.message.split('. ').slice(1).join('. '));
  assert.deepEqual(msgs, [
    '`capacitor://localhost`: schemes other than http and https are accepted only since ingress-nginx v1.12.0 (this is v1.11.3): ingress-nginx skips this entry.',
    '`null`: `null` is accepted only since ingress-nginx v1.13.0 (this is v1.11.3): ingress-nginx skips this entry.',
  ]);
  // With validation on before v1.12 (opt-in), the http-only validator turns the whole value into `*`.
  const cfg = { ...DEFAULT_CONFIG, annotationValidation: true, annotationValidationSet: true, controllers: { 'ingress-nginx': '1.10.0' } };
  const v = lintText(ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'capacitor://localhost' }), { filePath: 'i.yaml', config: cfg });
  assert.deepEqual(origins(v), ['any:*']);
});

test('before v1.0.5 a list is not an origin: any origin (`*`)', () => {
  const r = lint({ 'cors-allow-origin': 'https://a.example.com, https://b.example.com' }, { 'ingress-nginx': '1.0.4' });
  assert.deepEqual(origins(r), ['any:*']);
  assert.deepEqual(origins(lint({ 'cors-allow-origin': 'https://a.example.com' }, { 'ingress-nginx': '1.0.4' })), [
    'exact:https://a.example.com',
  ]);
});

test('cors-allow-headers: the token-list regex before v1.9.0, HeadersVariable since', () => {
  const ann = { 'cors-allow-headers': 'X-A,,X-B' };
  assert.equal(lint(ann, { 'ingress-nginx': '1.8.1' }).policies[0].fellBack?.headers, true);
  assert.equal(lint(ann, { 'ingress-nginx': '1.9.0' }).policies[0].allowHeaders, 'X-A,,X-B');
});

test("Traefik's kubernetesIngressNGINX provider reads the annotations its own way", () => {
  const ann = {
    'cors-allow-origin': 'https://*.example.com, https://a.example.com,',
    'cors-allow-credentials': 'yes',
    'cors-max-age': '600s',
  };
  const r = lint(ann, { 'nginx-annotations': 'traefik', traefik: '3.6.0' });
  const p = r.policies[0];
  assert.equal(p.controller, 'traefik');
  assert.equal(p.source, 'Ingress/api (Traefik kubernetesIngressNGINX provider)');
  assert.deepEqual(origins(r), ['exact:https://*.example.com', 'exact:https://a.example.com']);
  assert.equal(p.allowCredentials, false);
  assert.equal(p.maxAge, 1728000);
  assert.equal(p.allowMethods, 'GET,PUT,POST,DELETE,PATCH,OPTIONS');
  assert.equal(p.profile.settings.origin, 'cors-allow-origin');
  // ingress-nginx's validation rules do not speak for Traefik.
  assert.deepEqual(
    r.findings.filter((f) => f.ruleId.startsWith('invalid-')),
    [],
  );
  // `*` with credentials: a literal `*` before v3.6.22, the echoed Origin since.
  const star = (v: string) => lint({}, { 'nginx-annotations': 'traefik', traefik: v }).policies[0];
  assert.equal(star('3.6.21').acaoMode, 'literal-star');
  assert.equal(star('3.6.22').acaoMode, 'echo');
  assert.equal(star('3.7.5').acaoMode, 'literal-star');
  assert.equal(star('3.7.6').acaoMode, 'echo');
  assert.equal(lint({ 'enable-cors': 'True' }, { 'nginx-annotations': 'traefik' }).policies[0].configured, true);
  assert.equal(lint({ 'enable-cors': '1' }, { 'nginx-annotations': 'traefik' }).policies[0].configured, false);
});

const virtualService = (cors: string[]) =>
  [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata:',
    '  name: vs',
    'spec:',
    '  hosts: [a.example.com]',
    '  http:',
    '    - corsPolicy:',
    ...cors.map((l) => `        ${l}`),
    '      route:',
    '        - destination: { host: api }',
    '',
  ].join('\n');

function lintManifest(text: string, controllers: ControllerSettings) {
  return lintText(text, { filePath: 'm.yaml', config: { ...DEFAULT_CONFIG, controllers } });
}

test('Istio: which origin field istiod reads, by version', () => {
  const both = virtualService(['allowOrigin: [https://old.example.com]', 'allowOrigins:', '  - exact: https://new.example.com']);
  const legacy = virtualService(['allowOrigin: [https://old.example.com]']);
  const values = (text: string, v: string) => lintManifest(text, { istio: v }).policies[0].origins.map((o) => o.value);
  assert.deepEqual(values(both, '1.5.10'), ['https://old.example.com']);
  assert.deepEqual(values(both, '1.6.0'), ['https://new.example.com']);
  assert.deepEqual(values(both, '1.22'), ['https://new.example.com']);
  assert.deepEqual(values(legacy, '1.5.0'), ['https://old.example.com']);
  assert.deepEqual(values(legacy, '1.7.8'), []);
  assert.ok(
    lintManifest(legacy, { istio: '1.7.8' }).policies[0].notes.includes(
      'Istio v1.7.8 ignores the deprecated allowOrigin (read again from 1.8.0): no origin is allowed.',
    ),
  );
  assert.deepEqual(values(legacy, '1.8.0'), ['https://old.example.com']);
  const unmatched = virtualService(['allowOrigins: [{ exact: https://a.example.com }]', 'unmatchedPreflights: IGNORE']);
  const note =
    'unmatchedPreflights exists since Istio 1.23: Istio v1.22.0 does not know it, and preflights from other origins reach the backend.';
  assert.ok(lintManifest(unmatched, { istio: '1.22' }).policies[0].notes.includes(note));
  assert.ok(!lintManifest(unmatched, { istio: '1.23' }).policies[0].notes.some((n) => n.startsWith('unmatchedPreflights exists')));
});

test('Gateway API: the CORS filter by CRD version', () => {
  const route = (cred: string) =>
    [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata:',
      '  name: r',
      'spec:',
      '  rules:',
      '    - filters:',
      '        - type: CORS',
      '          cors:',
      '            allowOrigins: [https://a.example.com]',
      `            allowCredentials: ${cred}`,
      '',
    ].join('\n');
  const p = (cred: string, v: string) => lintManifest(route(cred), { 'gateway-api': v }).policies[0];
  assert.equal(p('true', '1.2').enabled, false);
  assert.ok(
    p('true', '1.2').notes.includes('Gateway API v1.2.0 has no CORS filter (added in v1.3.0): the API server rejects the HTTPRoute.'),
  );
  assert.equal(p('true', '1.3').enabled, true);
  assert.ok(
    p('true', '1.3').notes.includes('Gateway API v1.3.0: the CORS filter is in the experimental channel only (standard from v1.5.0).'),
  );
  assert.equal(p('false', '1.3').enabled, false);
  assert.equal(p('false', '1.4').enabled, true);
  assert.ok(!p('false', '1.5').notes.some((n) => n.includes('experimental')));
});

test('simulate: v1.8.1 with a trailing comma answers every Origin, and a request without one (real nginx agrees: cases-versions.mjs)', () => {
  const p = lint({ 'cors-allow-origin': 'https://a.example.com,' }, { 'ingress-nginx': '1.8.1' }).policies[0];
  assert.equal(
    controllerResponse(p, { method: 'GET', origin: 'https://evil.test' }).headers['Access-Control-Allow-Origin'],
    'https://evil.test',
  );
  const none = controllerResponse(p, { method: 'OPTIONS', origin: null });
  assert.equal(none.status, 204);
  assert.equal(none.headers['Access-Control-Allow-Origin'], undefined);
  assert.equal(none.headers['Access-Control-Allow-Credentials'], 'true');
  const fixed = lint({ 'cors-allow-origin': 'https://a.example.com,' }, { 'ingress-nginx': '1.9.5' }).policies[0];
  assert.equal(controllerResponse(fixed, { method: 'GET', origin: 'https://evil.test' }).headers['Access-Control-Allow-Origin'], undefined);
});
