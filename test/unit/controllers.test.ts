/**
 * Traefik Middleware, Gateway API HTTPRoute, Istio VirtualService and plain Ingress manifests:
 * YAML → targets → effective policies (shared/reference/other-controllers.md) → the semantic rules,
 * with exact line numbers (1-based).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { parseGoDuration } from '../../server/src/engine/policy/istio';
import type { EffectivePolicy, LintResult } from '../../server/src/engine/types';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'controllers');
const EXAMPLES = join(ROOT, 'examples', 'controllers');

function lintFile(path: string): { r: LintResult; text: string } {
  const text = readFileSync(path, 'utf8');
  return { r: lintText(text, { filePath: path, environment: 'production' }), text };
}

function lintYaml(text: string): LintResult {
  return lintText(text, { filePath: 'manifest.yaml', environment: 'production' });
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

interface Summary {
  controller: string;
  source: string;
  docIndex: number;
  origins: string[];
  credentials: boolean;
  methods: string;
  headers?: string;
  maxAge: number | null;
  varyOrigin: boolean;
  acaoMode: string;
  enabled: boolean;
  anchorLine: number;
}

function summary(p: EffectivePolicy, text: string, withHeaders = false): Summary {
  const s: Summary = {
    controller: p.controller,
    source: p.source,
    docIndex: p.docIndex,
    origins: p.origins.map((o) => `${o.kind}:${o.value}@${lineOf(text, o.range.start)}`),
    credentials: p.allowCredentials,
    methods: p.allowMethods,
    maxAge: p.maxAge,
    varyOrigin: p.varyOrigin,
    acaoMode: p.acaoMode,
    enabled: p.enabled,
    anchorLine: lineOf(text, p.anchor.start),
  };
  if (withHeaders) s.headers = p.allowHeaders;
  return s;
}

const findings = (r: LintResult, text: string) => r.findings.map((f) => `${f.ruleId}@${lineOf(text, f.range.start)}`).sort();

/* ------------------------------------------------------------------- Traefik */

test('Traefik: policies of a multi-document file', () => {
  const { r, text } = lintFile(join(FIXTURES, 'traefik.yaml'));
  assert.deepEqual(
    r.policies.map((p) => summary(p, text, true)),
    [
      {
        controller: 'traefik',
        source: 'Middleware/cors-any',
        docIndex: 0,
        origins: ['any:*@10'],
        credentials: true,
        methods: 'GET,POST,OPTIONS',
        headers: '',
        maxAge: null,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 8,
      },
      {
        controller: 'traefik',
        source: 'Middleware/cors-list',
        docIndex: 1,
        origins: ['exact:https://dashboard.example.com@21', 'exact:http://localhost:3000@22', 'regex:^https://[a-z]+\\.example\\.com$@24'],
        credentials: false,
        methods: '',
        headers: 'Authorization,Content-Type',
        maxAge: 600,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 19,
      },
      {
        controller: 'traefik',
        source: 'Middleware/cors-good',
        docIndex: 3,
        origins: ['exact:https://dashboard.example.com@45'],
        credentials: true,
        methods: 'GET,POST',
        headers: 'Authorization,Content-Type',
        maxAge: 7200,
        varyOrigin: true,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 43,
      },
    ],
  );
  // A headers Middleware without CORS fields (security-only, document 2) is no CORS target.
  assert.ok(!r.policies.some((p) => p.source === 'Middleware/security-only'));
  assert.match(r.policies[0].notes.join(' '), /echoes the request Origin/);
  assert.match(r.policies[1].notes.join(' '), /unanchored/);
  // Field labels are the field paths; sequence items are matchers of their own.
  assert.equal(r.policies[0].fields.credentials?.label, 'spec.headers.accessControlAllowCredentials');
  assert.equal(r.policies[1].writtenOrigins[1].container, 'sequence');
  assert.ok(r.policies[1].writtenOrigins[1].seqItem);
});

test('Traefik: semantic rules with exact lines', () => {
  const { r, text } = lintFile(join(FIXTURES, 'traefik.yaml'));
  assert.deepEqual(findings(r, text), [
    'deprecated-field@14',
    'localhost-in-prod@22',
    'missing-vary-header@20',
    'missing-vary-header@9',
    'wildcard-origin@10',
    'wildcard-with-credentials@10',
  ]);
  const wwc = r.findings.find((f) => f.ruleId === 'wildcard-with-credentials')!;
  assert.match(
    wwc.message,
    /^Any origin with credentials: any website can make credentialed requests\. Traefik echoes any Origin together with `Access-Control-Allow-Credentials: true`: /,
  );
  // Traefik can add `Vary: Origin` (addVaryHeader), so missing-vary-header reports it instead of no-vary-origin.
  const nv = r.findings.find((f) => f.ruleId === 'missing-vary-header' && f.message.includes('Traefik echoes the matching'))!;
  assert.equal(nv.messageId, 'noVary');
  assert.match(
    nv.message,
    /^Origin echoed without `Vary: Origin`: shared caches can serve it to other origins\. Traefik echoes the matching request Origin/,
  );
  assert.ok(!r.findings.some((f) => f.ruleId === 'no-vary-origin'));
});

test('Traefik: `*` without credentials is a literal `*`; wildcard entries are literal strings', () => {
  const text = [
    'apiVersion: traefik.io/v1alpha1',
    'kind: Middleware',
    'metadata: { name: m }',
    'spec:',
    '  headers:',
    '    accessControlAllowOriginList: ["*"]',
    '    accessControlExposeHeaders: ["*"]',
    '---',
    'apiVersion: traefik.io/v1alpha1',
    'kind: Middleware',
    'metadata: { name: n }',
    'spec:',
    '  headers:',
    '    accessControlAllowOriginList: ["https://*.example.com"]',
    '    accessControlAllowCredentials: true',
    '    accessControlExposeHeaders: ["*"]',
  ].join('\n');
  const r = lintYaml(text);
  assert.equal(r.policies.length, 2);
  const [a, b] = r.policies;
  assert.equal(a.acaoMode, 'literal-star');
  assert.equal(a.allowCredentials, false);
  assert.equal(a.exposeHeaders, '*');
  // `https://*.example.com` is a literal string in Traefik's list: no browser Origin equals it.
  assert.deepEqual(findings(r, text), ['missing-vary-header@14', 'origin-never-matches@14', 'wildcard-origin@6']);
  assert.deepEqual(
    b.origins.map((o) => o.kind),
    ['exact'],
  );
  assert.match(b.notes.join(' '), /compared literally/);
  assert.equal(b.exposeHeaders, '', 'exposeHeaders `*` with credentials is dropped');
});

/* --------------------------------------------------------------- Gateway API */

test('Gateway API: policies of a multi-document file (rule and backendRef filters)', () => {
  const { r, text } = lintFile(join(FIXTURES, 'gateway-api.yaml'));
  assert.deepEqual(
    r.policies.map((p) => summary(p, text, true)),
    [
      {
        controller: 'gateway-api',
        source: 'HTTPRoute/platform#rules[0]',
        docIndex: 0,
        origins: ['any:*@20'],
        credentials: true,
        methods: 'GET, POST',
        headers: '',
        maxAge: 5,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 18,
      },
      {
        controller: 'gateway-api',
        source: 'HTTPRoute/platform#rules[1].backendRefs[0]',
        docIndex: 0,
        origins: ['exact:https://dashboard.example.com@33', 'exact:http://127.0.0.1:8080@34'],
        credentials: false,
        methods: '',
        headers: 'Authorization, Content-Type',
        maxAge: 86400,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 31,
      },
      {
        controller: 'gateway-api',
        source: 'HTTPRoute/defaults#rules[0]',
        docIndex: 1,
        origins: ['wildcard-subdomain:https://*.example.com@47'],
        credentials: false,
        methods: '',
        headers: '',
        maxAge: 5,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 46,
      },
    ],
  );
  assert.equal(r.policies[1].fields.maxAge?.label, 'spec.rules[1].backendRefs[0].filters[0].cors.maxAge');
  assert.match(r.policies[0].notes.join(' '), /must not send `\*` and returns the request Origin/);
  assert.match(r.policies[2].notes.join(' '), /any number of labels/);
});

test('Gateway API: semantic rules with exact lines', () => {
  const { r, text } = lintFile(join(FIXTURES, 'gateway-api.yaml'));
  assert.deepEqual(findings(r, text), [
    'cors-not-applied@45',
    'localhost-in-prod@34',
    'max-age-exceeds-browser-cap@36',
    'wildcard-origin@20',
    'wildcard-subdomain@47',
    'wildcard-with-credentials@20',
  ]);
  assert.match(r.findings.find((f) => f.ruleId === 'wildcard-with-credentials')!.message, /any website can make credentialed requests/);
});

test('Gateway API: `*` without credentials may be sent literally; other filter types and kinds are ignored', () => {
  const text = [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: HTTPRoute',
    'metadata: { name: r }',
    'spec:',
    '  rules:',
    '    - filters:',
    '        - type: RequestRedirect',
    '          requestRedirect: { scheme: https }',
    '        - type: CORS',
    '          cors: { allowOrigins: ["*"] }',
    '---',
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: GRPCRoute',
    'metadata: { name: g }',
    'spec: { rules: [ { filters: [ { type: CORS, cors: { allowOrigins: ["*"] } } ] } ] }',
  ].join('\n');
  const r = lintYaml(text);
  assert.deepEqual(
    r.policies.map((p) => [p.source, p.acaoMode, p.allowCredentials]),
    [['HTTPRoute/r#rules[0]', 'literal-star', false]],
  );
  assert.deepEqual(findings(r, text), ['wildcard-origin@10']);
});

/* --------------------------------------------------------------------- Istio */

test('Istio: policies of a multi-document file', () => {
  const { r, text } = lintFile(join(FIXTURES, 'istio.yaml'));
  assert.deepEqual(
    r.policies.map((p) => summary(p, text, true)),
    [
      {
        controller: 'istio',
        source: 'VirtualService/platform#http[0]',
        docIndex: 0,
        origins: ['any:.*@13'],
        credentials: true,
        methods: 'GET,POST',
        headers: '',
        maxAge: 86400,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 11,
      },
      {
        controller: 'istio',
        source: 'VirtualService/platform#http[1]',
        docIndex: 0,
        origins: ['exact:https://dashboard.example.com@21', 'prefix:http://localhost@22'],
        credentials: false,
        methods: '',
        headers: 'authorization,content-type',
        maxAge: 5400,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 19,
      },
      {
        controller: 'istio',
        source: 'VirtualService/legacy#http[1]',
        docIndex: 1,
        origins: ['exact:https://dashboard.example.com@38'],
        credentials: false,
        methods: '',
        headers: '',
        maxAge: 600,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 36,
      },
    ],
  );
  assert.match(r.policies[0].notes.join(' '), /matches the string `\*`/);
  assert.match(r.policies[2].notes.join(' '), /deprecated/);
  assert.equal(r.policies[1].writtenOrigins[0].field?.label, 'spec.http[1].corsPolicy.allowOrigins[].exact');
});

test('Istio: semantic rules with exact lines', () => {
  const { r, text } = lintFile(join(FIXTURES, 'istio.yaml'));
  assert.deepEqual(findings(r, text), [
    'cors-not-applied@36',
    'deprecated-field@37',
    'localhost-in-prod@22',
    'max-age-exceeds-browser-cap@16',
    'origin-prefix-boundary@22',
    'wildcard-origin@13',
    'wildcard-with-credentials@13',
  ]);
  assert.match(r.findings.find((f) => f.ruleId === 'wildcard-with-credentials')!.message, /any website can make credentialed requests/);
});

test('Istio: wildcard-equivalent matchers, allowOrigin ignored next to allowOrigins, invalid maxAge', () => {
  const text = [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata: { name: v }',
    'spec:',
    '  http:',
    '    - corsPolicy:',
    '        allowOrigins: [{ exact: "*" }]',
    '    - corsPolicy:',
    '        allowOrigins: [{ prefix: "https://a.example.com" }]',
    '        allowOrigin: ["*"]',
    '        maxAge: 1.5s',
  ].join('\n');
  const r = lintYaml(text);
  assert.deepEqual(
    r.policies.map((p) => p.origins.map((o) => o.kind)),
    [['any'], ['prefix']],
  );
  assert.match(r.policies[1].notes.join(' '), /allowOrigin \(deprecated\) is ignored/);
  assert.equal(r.policies[1].maxAge, null);
  assert.match(r.policies[1].notes.join(' '), /seconds precision/);
});

test('Istio: Go durations', () => {
  assert.equal(parseGoDuration('24h'), 86400e9);
  assert.equal(parseGoDuration('1h30m'), 5400e9);
  assert.equal(parseGoDuration('1.5h'), 5400e9);
  assert.equal(parseGoDuration('500ms'), 500e6);
  assert.equal(parseGoDuration('0'), 0);
  assert.equal(parseGoDuration('10'), undefined);
  assert.equal(parseGoDuration('1d'), undefined);
  assert.equal(parseGoDuration(''), undefined);
});

/* ------------------------------------------------------------ plain Ingress */

test('Ingress manifests: ingress-nginx annotations in metadata.annotations', () => {
  const { r, text } = lintFile(join(FIXTURES, 'ingress.yaml'));
  assert.deepEqual(
    r.policies.map((p) => summary(p, text)),
    [
      {
        controller: 'ingress-nginx',
        source: 'Ingress/platform',
        docIndex: 0,
        origins: ['exact:https://dashboard.example.com@8', 'exact:http://localhost:3000@8'],
        credentials: true,
        methods: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
        maxAge: 600,
        varyOrigin: false,
        acaoMode: 'echo',
        enabled: true,
        anchorLine: 3,
      },
      // Ingress/no-cors has no CORS annotation at all: no target, no invented policy.
      {
        controller: 'ingress-nginx',
        source: 'Ingress/star',
        docIndex: 2,
        origins: ['any:*@24'],
        credentials: true,
        methods: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
        maxAge: 1728000,
        varyOrigin: false,
        acaoMode: 'literal-star',
        enabled: true,
        anchorLine: 24,
      },
    ],
  );
  const t = r.policies[0].target;
  assert.ok(t.kind === 'ingress-nginx' && t.ingressClass?.value === 'nginx' && t.host?.value === 'platform.example.com' && !t.values);
  assert.deepEqual(findings(r, text), [
    // Once per file, at the first Ingress that switches CORS on (issue 17).
    'ingress-nginx-retired@7',
    'localhost-in-prod@8',
    'max-age-exceeds-browser-cap@28',
    'wildcard-origin@28',
    'wildcard-with-credentials@24',
  ]);
  // ingress-nginx sends a literal `*`: broken for credentialed requests, not exploitable.
  assert.match(r.findings.find((f) => f.ruleId === 'wildcard-with-credentials')!.message, /every browser refuses that combination/);
});

/* ------------------------------------------------------------------ examples */

for (const [name, expected] of [
  [
    'traefik-middleware',
    [
      'max-age-exceeds-browser-cap@15',
      'missing-authorization-header@14',
      'missing-vary-header@9',
      'wildcard-origin@10',
      'wildcard-with-credentials@10',
    ],
  ],
  ['gateway-api-httproute', ['max-age-exceeds-browser-cap@18', 'wildcard-origin@14', 'wildcard-with-credentials@14']],
  ['istio-virtualservice', ['wildcard-origin@13', 'wildcard-with-credentials@13']],
  ['envoy-gateway-securitypolicy', ['max-age-exceeds-browser-cap@18', 'wildcard-origin@14', 'wildcard-with-credentials@14']],
  ['contour-httpproxy', ['origin-never-matches@13', 'wildcard-origin@14', 'wildcard-with-credentials@14']],
  ['emissary-mapping', ['missing-authorization-header@27', 'wildcard-origin@11', 'wildcard-with-credentials@11']],
] as const) {
  test(`examples/controllers/${name}.yaml is reported, ${name}-good.yaml has no error or warning`, () => {
    const bad = lintFile(join(EXAMPLES, `${name}.yaml`));
    assert.deepEqual(findings(bad.r, bad.text), expected);
    const good = lintFile(join(EXAMPLES, `${name}-good.yaml`));
    assert.equal(good.r.policies.length, 1);
    assert.deepEqual(
      good.r.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId),
      [],
    );
  });
}
