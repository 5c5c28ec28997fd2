/**
 * Model checks against what the controllers' own test suites assert. Each case restates one published expectation
 * (in our words) and runs it through our controller model (policy + simulate/controller), no binaries needed:
 *
 *  - ingress-nginx e2e: kubernetes/ingress-nginx test/e2e/annotations/cors.go (commit c35680b1)
 *  - Gateway API conformance HTTPRouteCORS: kubernetes-sigs/gateway-api conformance/tests/httproute-cors.{go,yaml}
 *    (commit 4564255a)
 *  - Traefik headers middleware: traefik/traefik pkg/middlewares/headers/header_test.go (commit cdc80926),
 *    TestNewHeader_CORSPreflights / TestNewHeader_CORSResponses
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computePolicies } from '../../server/src/engine/index';
import { controllerResponse, type ControllerRequest } from '../../server/src/engine/simulate/controller';

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
const noSpace = (s: string) => s.replace(/\s+/g, '');

function answer(yaml: string, file: string, req: ControllerRequest, index = 0) {
  const p = computePolicies(yaml, { filePath: file }).policies[index];
  assert.ok(p, 'a policy');
  const r = controllerResponse(p, req);
  return { ...r, h: lower(r.headers) };
}

/* ------------------------------------------------------------------ ingress-nginx e2e */

const ingress = (ann: Record<string, string>) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: cors\n  annotations:\n${Object.entries(ann)
    .map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: "${v}"`)
    .join('\n')}\nspec:\n  ingressClassName: nginx\n`;

describe('ingress-nginx e2e (test/e2e/annotations/cors.go)', () => {
  const GET = (origin?: string): ControllerRequest => ({ method: 'GET', origin });
  test('enable-cors alone: the defaults, and `*` on a request without Origin', () => {
    const r = answer(ingress({ 'enable-cors': 'true' }), 'i.yaml', GET());
    assert.equal(r.h['access-control-allow-origin'], '*');
    assert.equal(r.h['access-control-allow-methods'], 'GET, PUT, POST, DELETE, PATCH, OPTIONS');
    assert.equal(
      r.h['access-control-allow-headers'],
      'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
    );
    assert.equal(r.h['access-control-max-age'], '1728000');
    assert.equal(r.h['access-control-allow-credentials'], 'true');
  });
  test('methods, max-age, headers and expose-headers are sent as written; credentials false drops the header', () => {
    const r = answer(
      ingress({
        'enable-cors': 'true',
        'cors-allow-methods': 'POST, GET',
        'cors-max-age': '200',
        'cors-allow-headers': 'DNT, User-Agent',
        'cors-expose-headers': 'X-CustomResponseHeader, X-CustomSecondHeader',
        'cors-allow-credentials': 'false',
      }),
      'i.yaml',
      GET(),
    );
    assert.equal(r.h['access-control-allow-methods'], 'POST, GET');
    assert.equal(r.h['access-control-max-age'], '200');
    assert.equal(r.h['access-control-allow-headers'], 'DNT, User-Agent');
    assert.equal(r.h['access-control-expose-headers'], 'X-CustomResponseHeader, X-CustomSecondHeader');
    assert.equal(r.h['access-control-allow-credentials'], undefined);
  });
  test('origin lists: the matching origin is echoed, others get no ACAO; ports must match', () => {
    const list = ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'https://origin.cors.com:8080, https://origin2.cors.com' });
    assert.equal(
      answer(list, 'i.yaml', GET('https://origin.cors.com:8080')).h['access-control-allow-origin'],
      'https://origin.cors.com:8080',
    );
    const other = ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'http://origin2.cors.com, https://origin.com' });
    assert.equal(answer(other, 'i.yaml', GET('http://no.origin.com')).h['access-control-allow-origin'], undefined);
    const ports = ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'http://origin.cors.com:8080, http://origin.com:8080' });
    assert.equal(answer(ports, 'i.yaml', GET('http://origin.com:8080')).h['access-control-allow-origin'], 'http://origin.com:8080');
    assert.equal(answer(ports, 'i.yaml', GET('http://origin.com')).h['access-control-allow-origin'], undefined);
    const noPort = ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'https://origin2.cors.com, http://origin.com' });
    assert.equal(answer(noPort, 'i.yaml', GET('http://origin.com:8080')).h['access-control-allow-origin'], undefined);
  });
  test('an entry without a scheme is skipped, the others still work', () => {
    const y = ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'origin.cors.com:8080, https://origin2.cors.com, https://origin.com' });
    assert.equal(answer(y, 'i.yaml', GET('origin.cors.com:8080')).h['access-control-allow-origin'], undefined);
    assert.equal(answer(y, 'i.yaml', GET('https://origin2.cors.com')).h['access-control-allow-origin'], 'https://origin2.cors.com');
    assert.equal(answer(y, 'i.yaml', GET('https://origin.com')).h['access-control-allow-origin'], 'https://origin.com');
  });
  test('`*` (alone or with another entry) answers `*`; an exact entry does not match a look-alike', () => {
    assert.equal(
      answer(ingress({ 'enable-cors': 'true', 'cors-allow-origin': '*' }), 'i.yaml', GET()).h['access-control-allow-origin'],
      '*',
    );
    assert.equal(
      answer(ingress({ 'enable-cors': 'true', 'cors-allow-origin': '*, foo.bar.com' }), 'i.yaml', GET()).h['access-control-allow-origin'],
      '*',
    );
    assert.equal(
      answer(ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'https://foo.bar.com' }), 'i.yaml', GET('https://fooxbar.com')).h[
        'access-control-allow-origin'
      ],
      undefined,
    );
  });
  test('`*.` wildcards match one label, not two', () => {
    const y = ingress({ 'enable-cors': 'true', 'cors-allow-origin': 'http://*.origin.cors.com, http://*.origin.com:8080' });
    assert.equal(answer(y, 'i.yaml', GET('http://foo.origin.cors.com')).h['access-control-allow-origin'], 'http://foo.origin.cors.com');
    assert.equal(
      answer(y, 'i.yaml', GET('http://bar-foo.origin.cors.com')).h['access-control-allow-origin'],
      'http://bar-foo.origin.cors.com',
    );
    assert.equal(answer(y, 'i.yaml', GET('http://bar.foo.origin.cors.com')).h['access-control-allow-origin'], undefined);
  });
});

/* ------------------------------------------------------------------ Gateway API HTTPRouteCORS */

const route = (cors: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: cors
spec:
  parentRefs: [{ name: same-namespace }]
  rules:
    - filters:
        - type: CORS
          cors:
${cors
  .split('\n')
  .map((l) => '            ' + l)
  .join('\n')}
      backendRefs: [{ name: infra-backend-v1, port: 8080 }]
`;
const preflight = (origin: string, method: string, headers?: string): ControllerRequest => ({
  method: 'OPTIONS',
  origin,
  requestMethod: method,
  requestHeaders: headers,
});

describe('Gateway API conformance HTTPRouteCORS', () => {
  const full = route(
    'allowOrigins: ["https://www.foo.com", "https://*.bar.com"]\nallowMethods: [GET, OPTIONS]\nallowHeaders: [x-header-1, x-header-2]\nexposeHeaders: [x-header-3, x-header-4]\nallowCredentials: true\nmaxAge: 3600',
  );
  test('preflights from an exact and from wildcard origins (any number of labels) are allowed with every header', () => {
    for (const origin of ['https://www.foo.com', 'https://www.bar.com', 'https://xpto.www.bar.com']) {
      const r = answer(full, 'r.yaml', preflight(origin, 'GET', 'x-header-1, x-header-2'));
      assert.ok([200, 204].includes(r.status as number), `status ${r.status}`);
      assert.equal(r.h['access-control-allow-origin'], origin);
      assert.ok(['GET,OPTIONS', 'OPTIONS,GET'].includes(noSpace(r.h['access-control-allow-methods'])));
      assert.ok(['x-header-1,x-header-2', 'x-header-2,x-header-1'].includes(noSpace(r.h['access-control-allow-headers'])));
      assert.ok(['x-header-3,x-header-4', 'x-header-4,x-header-3'].includes(noSpace(r.h['access-control-expose-headers'])));
      assert.equal(r.h['access-control-max-age'], '3600');
      assert.equal(r.h['access-control-allow-credentials'], 'true');
    }
  });
  test('a non-matching origin gets no ACAO (preflight or simple request); matching simple requests get it', () => {
    assert.equal(answer(full, 'r.yaml', preflight('https://foobar.com', 'GET')).h['access-control-allow-origin'], undefined);
    assert.equal(answer(full, 'r.yaml', { method: 'GET', origin: 'https://foobar.com' }).h['access-control-allow-origin'], undefined);
    assert.equal(
      answer(full, 'r.yaml', { method: 'GET', origin: 'https://www.bar.com' }).h['access-control-allow-origin'],
      'https://www.bar.com',
    );
  });
  test('allowMethods ["*"] without credentials: POST allowed (`POST` or `*`), no credentials header', () => {
    const r = answer(
      route('allowOrigins: ["https://www.foo.com"]\nallowMethods: ["*"]'),
      'r.yaml',
      preflight('https://www.foo.com', 'POST'),
    );
    assert.ok(['POST', '*'].includes(r.h['access-control-allow-methods']));
    assert.equal(r.h['access-control-allow-origin'], 'https://www.foo.com');
    assert.equal(r.h['access-control-allow-credentials'], undefined);
  });
  test('allowOrigins ["*"] without credentials: `*` or the origin (with a port too), methods as listed', () => {
    const y = route('allowOrigins: ["*"]\nallowMethods: ["PUT"]\nallowCredentials: false');
    for (const origin of ['https://foobar.com', 'https://foobar.com:12345']) {
      const r = answer(y, 'r.yaml', preflight(origin, 'PUT'));
      assert.ok([origin, '*'].includes(r.h['access-control-allow-origin']));
      assert.equal(r.h['access-control-allow-methods'], 'PUT');
      assert.equal(r.h['access-control-allow-credentials'], undefined);
    }
  });
  test('`*` methods and headers with credentials: the requested method and headers, and the origin echoed', () => {
    const y = route('allowOrigins: ["*"]\nallowMethods: ["*"]\nallowHeaders: ["*"]\nallowCredentials: true');
    const r = answer(y, 'r.yaml', preflight('https://other.foo.com', 'PUT', 'x-header-1, x-header-2'));
    assert.equal(r.h['access-control-allow-origin'], 'https://other.foo.com');
    assert.equal(r.h['access-control-allow-methods'], 'PUT');
    assert.ok(['x-header-1,x-header-2', 'x-header-2,x-header-1'].includes(noSpace(r.h['access-control-allow-headers'])));
    assert.equal(r.h['access-control-allow-credentials'], 'true');
  });
  test('`*` methods and headers without credentials: `*` or the requested values, no credentials header', () => {
    const y = route('allowOrigins: ["*"]\nallowMethods: ["*"]\nallowHeaders: ["*"]\nallowCredentials: false');
    const r = answer(y, 'r.yaml', preflight('https://other.foo.com', 'PUT', 'x-header-1, x-header-2'));
    assert.ok(['https://other.foo.com', '*'].includes(r.h['access-control-allow-origin']));
    assert.ok(['PUT', '*'].includes(r.h['access-control-allow-methods']));
    assert.ok(['x-header-1,x-header-2', 'x-header-2,x-header-1', '*'].includes(noSpace(r.h['access-control-allow-headers'])));
    assert.equal(r.h['access-control-allow-credentials'], undefined);
  });
});

/* ------------------------------------------------------------------ Traefik headers middleware */

const middleware = (headers: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n${headers
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n')}\n`;

describe('Traefik headers middleware (header_test.go)', () => {
  test('preflights are answered with Content-Length: 0, the listed methods, max-age and headers', () => {
    const r = answer(
      middleware(
        'accessControlAllowMethods: [GET, OPTIONS, PUT]\naccessControlAllowOriginList: ["https://foo.bar.org"]\naccessControlAllowHeaders: [origin, X-Forwarded-For]\naccessControlMaxAge: 600',
      ),
      'm.yaml',
      preflight('https://foo.bar.org', 'GET', 'origin'),
    );
    assert.equal(r.h['content-length'], '0');
    assert.equal(r.h['access-control-allow-origin'], 'https://foo.bar.org');
    assert.equal(r.h['access-control-max-age'], '600');
    assert.equal(noSpace(r.h['access-control-allow-methods']), 'GET,OPTIONS,PUT');
    assert.equal(noSpace(r.h['access-control-allow-headers']), 'origin,X-Forwarded-For');
  });
  test('`*` without credentials answers `*`; simple requests get ACAO, expose headers and Vary when asked', () => {
    assert.equal(
      answer(
        middleware('accessControlAllowOriginList: ["*"]\naccessControlAllowMethods: [GET]'),
        'm.yaml',
        preflight('https://foo.bar.org', 'GET'),
      ).h['access-control-allow-origin'],
      '*',
    );
    const simple = answer(middleware('accessControlAllowOriginList: ["https://foo.bar.org"]\naddVaryHeader: true'), 'm.yaml', {
      method: 'GET',
      origin: 'https://foo.bar.org',
    });
    assert.equal(simple.h['access-control-allow-origin'], 'https://foo.bar.org');
    assert.equal(simple.h['vary'], 'Origin');
    const expose = answer(
      middleware('accessControlAllowOriginList: ["*"]\naccessControlExposeHeaders: [origin, X-Forwarded-For]'),
      'm.yaml',
      { method: 'GET', origin: 'https://foo.bar.org' },
    );
    assert.equal(noSpace(expose.h['access-control-expose-headers']), 'origin,X-Forwarded-For');
  });
  test('regex origins are reflected (an unanchored regex matches inside the origin); no match, no ACAO', () => {
    const y = middleware('accessControlAllowOriginListRegex: ["([a-z]+)\\\\.bar"]');
    assert.equal(
      answer(y, 'm.yaml', { method: 'GET', origin: 'https://foo.bar.org' }).h['access-control-allow-origin'],
      'https://foo.bar.org',
    );
    const anchored = middleware('accessControlAllowOriginListRegex: ["([a-z]+)\\\\.bar\\\\.org"]');
    assert.equal(answer(anchored, 'm.yaml', { method: 'GET', origin: 'https://bar.org' }).h['access-control-allow-origin'], undefined);
  });
  test('no Origin header: no CORS headers', () => {
    assert.deepEqual(
      answer(middleware('accessControlAllowOriginList: ["https://foo.bar.org"]'), 'm.yaml', { method: 'GET', origin: null }).h,
      {},
    );
  });
});
