/**
 * Envoy Gateway, Contour and Emissary-ingress (issue 14): each object found by content, its effective policy
 * (docs/reference/envoy-gateway.md, contour.md, emissary.md) and what `simulate` answers under its semantics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computePolicies, lintText, simulate, type EffectivePolicy } from '../../server/src/engine/index';
import { looksLikeCorsManifest } from '../../server/src/engine/targets/sniff';

const policies = (text: string): EffectivePolicy[] => computePolicies(text, { filePath: 'api.yaml' }).policies;
const one = (text: string): EffectivePolicy => {
  const ps = policies(text);
  assert.equal(ps.length, 1);
  return ps[0];
};
const verdict = (p: EffectivePolicy, origin: string, credentials = false) => simulate(p, { origin, method: 'PUT', credentials }).verdict;

const SP = (cors: string, extra = '') =>
  `apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: SecurityPolicy\nmetadata:\n  name: api\nspec:\n  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: api }]\n  cors:\n${cors}${extra}`;
const PROXY = (cors: string) =>
  `apiVersion: projectcontour.io/v1\nkind: HTTPProxy\nmetadata:\n  name: api\nspec:\n  virtualhost:\n    fqdn: api.example.com\n    corsPolicy:\n${cors}`;
const MAPPING = (cors: string) =>
  `apiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata:\n  name: api\nspec:\n  prefix: /\n  service: api\n  cors:\n${cors}`;
const MODULE = (cors: string) =>
  `apiVersion: getambassador.io/v3alpha1\nkind: Module\nmetadata:\n  name: ambassador\nspec:\n  config:\n    cors:\n${cors}`;

test('folder scans find the three kinds by content, and nothing else of those kinds', () => {
  assert.ok(looksLikeCorsManifest(SP('    allowOrigins: ["*"]\n')));
  assert.ok(looksLikeCorsManifest(PROXY('      allowOrigin: ["*"]\n')));
  assert.ok(looksLikeCorsManifest(MAPPING('    origins: ["*"]\n')));
  assert.ok(looksLikeCorsManifest(MODULE('      origins: ["*"]\n')));
  assert.ok(!looksLikeCorsManifest('apiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata:\n  name: api\nspec:\n  prefix: /\n'));
  // A Module with another name is not the defaults Module: no target.
  assert.deepEqual(policies(MODULE('      origins: ["*"]\n').replace('name: ambassador', 'name: tls')), []);
  // Another API group with the same kind: no target.
  assert.deepEqual(policies(SP('    allowOrigins: ["*"]\n').replace('gateway.envoyproxy.io', 'example.com')), []);
});

test('Envoy Gateway: exact origins are case-sensitive, `*.` spans any depth, `scheme://*` any host, maxAge truncated', () => {
  const p = one(
    SP(
      '    allowOrigins: ["https://*.example.com", "http://*", "https://App.example.org"]\n    allowMethods: [GET, "*"]\n    maxAge: 1500ms\n',
    ),
  );
  assert.equal(p.controller, 'envoy-gateway');
  assert.equal(p.source, 'SecurityPolicy/api');
  assert.deepEqual(
    p.origins.map((o) => `${o.kind}:${o.value}`),
    ['wildcard-subdomain:https://*.example.com', 'regex:http://.*', 'exact:https://App.example.org'],
  );
  assert.equal(p.acaoMode, 'echo');
  assert.equal(p.allowMethods, '*');
  assert.equal(p.maxAge, 1);
  assert.equal(p.varyOrigin, false);
  assert.equal(verdict(p, 'https://a.b.example.com'), 'allowed');
  assert.equal(verdict(p, 'https://example.com'), 'blocked');
  assert.equal(verdict(p, 'http://anything.test:8080'), 'allowed');
  assert.equal(verdict(p, 'https://app.example.org'), 'blocked');
});

test('Envoy Gateway: `*` with credentials echoes every origin with credentials; JWT in the same policy is noted', () => {
  const p = one(
    SP(
      '    allowOrigins: ["*"]\n    allowCredentials: true\n    allowMethods: [PUT]\n',
      '  jwt:\n    providers: [{ name: a, remoteJWKS: { uri: https://a.example.com/jwks } }]\n',
    ),
  );
  const r = simulate(p, { origin: 'https://evil.example', method: 'PUT', credentials: true });
  assert.equal(r.verdict, 'allowed');
  assert.equal(r.preflightResponse?.headers['Access-Control-Allow-Origin'], 'https://evil.example');
  assert.equal(r.preflightResponse?.headers['Access-Control-Allow-Credentials'], 'true');
  assert.ok(
    p.notes.some((n) => n.startsWith('This SecurityPolicy also sets `jwt`: Envoy Gateway runs the CORS filter before those filters')),
    p.notes.join('\n'),
  );
  assert.deepEqual(
    p.authGates?.map((g) => [g.kind, g.source, g.exemptsPreflight]),
    [['jwt', 'SecurityPolicy/api spec.jwt', true]],
  );
  assert.deepEqual(
    lintText(SP('    allowOrigins: [https://app.example.com]\n', '  jwt:\n    providers: []\n'), { filePath: 'api.yaml' }).findings.filter(
      (f) => f.ruleId === 'preflight-blocked-by-auth',
    ),
    [],
  );
  assert.equal(p.maxAge, null);
});

test('Contour: exact entries case-insensitive, other entries full-match regexes, `https://*.x` a literal', () => {
  const p = one(
    PROXY(
      '      allowOrigin: ["https://App.example.com", "https://[a-z]+\\\\.preview\\\\.example\\\\.com", "https://*.example.org"]\n      allowMethods: [PUT]\n      maxAge: 1500ms\n',
    ),
  );
  assert.equal(p.controller, 'contour');
  assert.deepEqual(
    p.origins.map((o) => o.kind),
    ['exact', 'regex', 'exact'],
  );
  assert.equal(verdict(p, 'https://app.example.com'), 'allowed');
  assert.equal(verdict(p, 'https://pr.preview.example.com'), 'allowed');
  assert.equal(verdict(p, 'https://pr.preview.example.com.evil.net'), 'blocked');
  assert.equal(verdict(p, 'https://a.example.org'), 'blocked');
  assert.equal(p.maxAge, 2);
  assert.equal(p.allowMethods, 'PUT');
});

test('Contour: a regex that does not compile or a missing allowMethods leaves no policy in effect', () => {
  assert.equal(one(PROXY('      allowOrigin: ["(x"]\n      allowMethods: [GET]\n')).enabled, false);
  const missing = one(PROXY('      allowOrigin: ["https://a.example.com"]\n'));
  assert.equal(missing.enabled, false);
  assert.ok(missing.notes.includes('allowMethods is required: the API server rejects the HTTPProxy.'));
});

test('Emissary: exact origins, lists joined with `, `, max_age verbatim, a Mapping replaces the Module as a whole', () => {
  const [mod, map] = policies(
    `${MODULE('      origins: ["*"]\n      credentials: true\n      methods: [GET, PUT]\n')}---\n${MAPPING('    origins: [https://app.example.com]\n    headers: [content-type, authorization]\n    max_age: "1h"\n')}`,
  );
  assert.equal(mod.source, 'Module/ambassador');
  assert.equal(map.source, 'Mapping/api');
  assert.equal(mod.allowMethods, 'GET, PUT');
  assert.equal(map.allowMethods, '');
  assert.equal(map.allowHeaders, 'content-type, authorization');
  assert.equal(map.allowCredentials, false);
  assert.equal(map.maxAge, null);
  assert.ok(map.notes.some((n) => n.includes('replaces the `ambassador` Module')));
  assert.equal(verdict(map, 'https://app.example.com'), 'blocked'); // PUT is not allowed: the Module's methods are not inherited
  assert.equal(verdict(mod, 'https://any.example', true), 'allowed');
  // getambassador.io/v2: a comma-separated origins string.
  const v2 = one(MAPPING('    origins: "https://a.example.com, https://b.example.com"\n').replace('v3alpha1', 'v2'));
  assert.deepEqual(
    v2.origins.map((o) => [o.value, o.container]),
    [
      ['https://a.example.com', 'comma-list'],
      ['https://b.example.com', 'comma-list'],
    ],
  );
});

test('wildcard-with-credentials on all three: the fix that turns credentials off is unsafe (it changes what works)', () => {
  for (const text of [
    SP('    allowOrigins: ["*"]\n    allowCredentials: true\n'),
    PROXY('      allowOrigin: ["*"]\n      allowCredentials: true\n      allowMethods: [GET]\n'),
    MAPPING('    origins: ["*"]\n    credentials: true\n'),
  ]) {
    const f = lintText(text, { filePath: 'api.yaml' }).findings.filter((x) => x.ruleId === 'wildcard-with-credentials');
    assert.equal(f.length, 1, text);
    assert.equal(f[0].severity, 'error');
    assert.deepEqual(
      f[0].fixes.map((x) => x.safe),
      [false, false],
      text,
    );
    assert.match(
      f[0].message,
      /^Any origin with credentials: any website can make credentialed requests\. \S[^:]* echoes any Origin together with `Access-Control-Allow-Credentials: true`: /,
    );
  }
});
