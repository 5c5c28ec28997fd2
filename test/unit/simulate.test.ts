/**
 * simulate(): the controller's answers (ingress-nginx template) checked like a browser (Fetch Standard).
 * Real nginx and Chromium are compared with the same function in test/conformance/run.mjs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/config';
import type { EffectivePolicy } from '../../server/src/engine/types';
import {
  controllerResponse,
  ingressNginxOriginRegexSource,
  simulate,
  type SimulationRequest,
  type SimulationResult,
} from '../../server/src/engine/simulate';

function policy(ann: Record<string, string>, validation = true): EffectivePolicy {
  const lines = Object.entries(ann).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`);
  const text = `ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n${lines.join('\n')}\n`;
  const r = lintText(text, { filePath: 'vcluster-platform.yaml', config: { ...DEFAULT_CONFIG, annotationValidation: validation } });
  assert.equal(r.policies.length, 1);
  return r.policies[0];
}
const on = (extra: Record<string, string> = {}) => ({ 'enable-cors': 'true', ...extra });

interface Case {
  name: string;
  policy: () => EffectivePolicy;
  req: SimulationRequest;
  verdict: 'allowed' | 'blocked';
  browserVerdict?: 'allowed' | 'blocked';
  preflight?: boolean;
  reason?: RegExp;
  check?: (r: SimulationResult) => void;
}

const A = 'https://a.com';
const GET = (origin: string, credentials = false): SimulationRequest => ({ origin, method: 'GET', credentials });

const cases: Case[] = [
  {
    name: '`*` (default) + credentials default true + credentialed GET → blocked',
    policy: () => policy(on()),
    req: GET(A, true),
    verdict: 'blocked',
    preflight: false,
    reason: /the response has `Access-Control-Allow-Origin: \*` and the request carries credentials/,
    check: (r) => {
      assert.equal(r.responseHeaders['Access-Control-Allow-Origin'], '*');
      assert.equal(r.responseHeaders['Access-Control-Allow-Credentials'], 'true');
    },
  },
  {
    name: '`*` + GET without credentials → allowed, no preflight',
    policy: () => policy(on({ 'cors-allow-origin': '*' })),
    req: GET('https://anything.example'),
    verdict: 'allowed',
    preflight: false,
    reason: /`Access-Control-Allow-Origin: \*` and the request carries no credentials/,
  },
  {
    name: '`*` + credentialed PUT → the preflight already fails',
    policy: () => policy(on()),
    req: { origin: A, method: 'PUT', credentials: true },
    verdict: 'blocked',
    preflight: true,
    reason: /the preflight response has `Access-Control-Allow-Origin: \*` and the request carries credentials/,
    check: (r) => assert.equal(r.actualRequestSent, false),
  },
  {
    name: 'list mode echoes an allowed origin, with credentials',
    policy: () => policy(on({ 'cors-allow-origin': 'https://a.com, https://b.com' })),
    req: GET('https://b.com', true),
    verdict: 'allowed',
    reason: /echoes the origin in `Access-Control-Allow-Origin: https:\/\/b.com` with `Access-Control-Allow-Credentials: true`/,
    check: (r) => {
      assert.deepEqual(r.responseHeaders, {
        'Access-Control-Allow-Origin': 'https://b.com',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
        'Access-Control-Allow-Headers':
          'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
        'Access-Control-Max-Age': '1728000',
      });
      assert.match(r.reason, /no `Vary: Origin`/);
    },
  },
  {
    name: 'list mode matches case-insensitively (~*) and echoes the Origin as sent',
    policy: () => policy(on({ 'cors-allow-origin': A })),
    req: GET('https://A.com'),
    verdict: 'allowed',
    check: (r) => {
      assert.equal(r.responseHeaders['Access-Control-Allow-Origin'], 'https://A.com');
      assert.ok(r.notes.some((n) => /not an origin a browser sends/.test(n)));
    },
  },
  {
    name: 'list mode: other origin → no CORS headers',
    policy: () => policy(on({ 'cors-allow-origin': A })),
    req: GET('https://evil-a.com'),
    verdict: 'blocked',
    reason: /`https:\/\/evil-a.com` does not match any allowed origin \(`https:\/\/a.com`\)/,
    check: (r) => assert.deepEqual(r.responseHeaders, {}),
  },
  {
    name: 'list mode: preflight from another origin falls through to the backend',
    policy: () => policy(on({ 'cors-allow-origin': A })),
    req: { origin: 'https://evil.com', method: 'DELETE' },
    verdict: 'blocked',
    preflight: true,
    reason: /falls through to the backend/,
    check: (r) => assert.deepEqual(r.preflightResponse, { status: 'backend', headers: {} }),
  },
  {
    name: 'preflight answered with 204 and Content-Length: 0 (nginx drops Content-Type on a 204)',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'GET, PATCH', 'cors-allow-credentials': 'false' })),
    req: { origin: A, method: 'PATCH' },
    verdict: 'allowed',
    preflight: true,
    check: (r) => {
      assert.equal(r.preflightResponse?.status, 204);
      assert.deepEqual(r.preflightResponse?.headers, {
        'Access-Control-Allow-Origin': A,
        'Access-Control-Allow-Methods': 'GET, PATCH',
        'Access-Control-Allow-Headers':
          'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
        'Access-Control-Max-Age': '1728000',
        'Content-Length': '0',
      });
      assert.equal(r.responseStatus, 'backend');
    },
  },
  {
    name: '`patch` is not normalized and does not match `PATCH`',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'GET, PATCH' })),
    req: { origin: A, method: 'patch' },
    verdict: 'blocked',
    preflight: true,
    reason: /compared case-sensitively, `PATCH` does not match `patch`/,
    check: (r) => assert.equal(r.method, 'patch'),
  },
  {
    // Found by the conformance run: the preflight passes, but nginx answers the actual `patch` with 400
    // while parsing the request line, before the CORS block, so that response has no CORS headers.
    name: '`patch` passes a lower-case `patch` preflight, then nginx rejects the method with 400',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'get, patch' })),
    req: { origin: A, method: 'patch' },
    verdict: 'blocked',
    preflight: true,
    reason: /nginx rejects the method `patch` with 400 Bad Request.*\(the preflight passed\)/,
    check: (r) => {
      assert.equal(r.preflightResponse?.status, 204);
      assert.equal(r.responseStatus, 400);
      assert.deepEqual(r.responseHeaders, {});
      assert.equal(r.actualRequestSent, true);
      assert.ok(r.notes.some((n) => /cannot work through ingress-nginx/.test(n)));
    },
  },
  {
    name: '`PATCH` does not match a lower-case `patch` entry',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'get, patch' })),
    req: { origin: A, method: 'PATCH' },
    verdict: 'blocked',
    reason: /`patch` does not match `PATCH`/,
  },
  {
    name: '`put` is normalized to `PUT`',
    policy: () => policy(on({ 'cors-allow-origin': A })),
    req: { origin: A, method: 'put' },
    verdict: 'allowed',
    check: (r) => {
      assert.equal(r.method, 'PUT');
      assert.ok(r.notes.some((n) => /normalizes `put` to `PUT`/.test(n)));
    },
  },
  {
    name: 'Authorization listed explicitly (default list), with credentials',
    policy: () => policy(on({ 'cors-allow-origin': A })),
    req: { origin: A, method: 'GET', headers: ['Authorization'], credentials: true },
    verdict: 'allowed',
    browserVerdict: 'allowed',
    preflight: true,
    check: (r) => assert.deepEqual(r.requestHeaders, ['authorization']),
  },
  {
    name: 'Authorization not in an explicit list',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-headers': 'Content-Type' })),
    req: { origin: A, method: 'GET', headers: ['Authorization'] },
    verdict: 'blocked',
    browserVerdict: 'blocked',
    reason: /the request header `authorization` is not in `Access-Control-Allow-Headers: Content-Type`/,
  },
  {
    name: 'Authorization with `*` (no credentials): spec blocks, browsers still allow',
    policy: () => ({ ...policy(on({ 'cors-allow-origin': A, 'cors-allow-credentials': 'false' })), allowHeaders: '*' }),
    req: { origin: A, method: 'GET', headers: ['Authorization'] },
    verdict: 'blocked',
    browserVerdict: 'allowed',
    reason: /`Authorization` is not covered by `\*`.*Chromium keeps CorsNonWildcardRequestHeadersSupport disabled by default/,
  },
  {
    name: 'Authorization with `*` and credentials: `*` is no wildcard at all',
    policy: () => ({ ...policy(on({ 'cors-allow-origin': A })), allowHeaders: '*' }),
    req: { origin: A, method: 'GET', headers: ['Authorization'], credentials: true },
    verdict: 'blocked',
    browserVerdict: 'blocked',
    reason: /`\*` is not a wildcard for a request with credentials/,
  },
  {
    name: 'X-Custom with `*` and no credentials → allowed',
    policy: () => ({ ...policy(on({ 'cors-allow-origin': A, 'cors-allow-credentials': 'false' })), allowHeaders: '*' }),
    req: { origin: A, method: 'GET', headers: ['X-Custom: 1'] },
    verdict: 'allowed',
    browserVerdict: 'allowed',
  },
  {
    name: 'wildcard subdomain matches one label',
    policy: () => policy(on({ 'cors-allow-origin': 'https://*.example.com' })),
    req: GET('https://my-app.example.com'),
    verdict: 'allowed',
  },
  {
    name: 'wildcard subdomain does not match two labels',
    policy: () => policy(on({ 'cors-allow-origin': 'https://*.example.com' })),
    req: GET('https://a.b.example.com'),
    verdict: 'blocked',
  },
  {
    name: 'wildcard subdomain does not match the apex',
    policy: () => policy(on({ 'cors-allow-origin': 'https://*.example.com' })),
    req: GET('https://example.com'),
    verdict: 'blocked',
  },
  {
    name: 'wildcard subdomain: the port must match too',
    policy: () => policy(on({ 'cors-allow-origin': 'http://*.example.com:8080' })),
    req: GET('http://x.example.com'),
    verdict: 'blocked',
  },
  {
    name: 'CORS disabled: no headers at all',
    policy: () => policy({ 'enable-cors': 'false', 'cors-allow-origin': A }),
    req: GET(A),
    verdict: 'blocked',
    reason: /CORS is not switched on/,
    check: (r) => assert.deepEqual(r.responseHeaders, {}),
  },
  {
    name: 'enable-cors `yes` is not a Go bool: CORS stays off',
    policy: () => policy({ 'enable-cors': 'yes' }),
    req: GET(A),
    verdict: 'blocked',
  },
  {
    name: 'every origin skipped: no CORS headers although enabled',
    policy: () => policy(on({ 'cors-allow-origin': 'a.com' })),
    req: GET('https://a.com'),
    verdict: 'blocked',
    reason: /no usable origin is left/,
  },
  {
    name: 'allowed origin with the default port never matches what a browser sends',
    policy: () => policy(on({ 'cors-allow-origin': 'https://a.com:443' })),
    req: GET('https://a.com'),
    verdict: 'blocked',
    reason: /does not match any allowed origin/,
  },
  {
    name: 'another port does not match',
    policy: () => policy(on({ 'cors-allow-origin': 'http://localhost:3000' })),
    req: GET('http://localhost:3001'),
    verdict: 'blocked',
  },
  {
    name: 'credentials false + credentialed request → blocked',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-credentials': 'false' })),
    req: GET(A, true),
    verdict: 'blocked',
    reason: /carries credentials but the response has no `Access-Control-Allow-Credentials: true`/,
    check: (r) => assert.equal(r.responseHeaders['Access-Control-Allow-Credentials'], undefined),
  },
  {
    name: 'bad credentials value falls back to true',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-credentials': 'no' })),
    req: GET(A, true),
    verdict: 'allowed',
  },
  {
    name: 'bare Content-Type means application/json → preflight',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-headers': 'X-Other' })),
    req: { origin: A, method: 'POST', headers: ['Content-Type'] },
    verdict: 'blocked',
    preflight: true,
    reason: /`content-type` is not in `Access-Control-Allow-Headers: X-Other`/,
  },
  {
    name: 'Content-Type: text/plain is safelisted → no preflight',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'GET' })),
    req: { origin: A, method: 'POST', headers: ['Content-Type: text/plain;charset=UTF-8', 'Accept', 'Accept-Language'] },
    verdict: 'allowed',
    preflight: false,
  },
  {
    name: 'Range: bytes=0- is safelisted (Fetch) → no preflight',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-headers': 'X-Other' })),
    req: { origin: A, method: 'GET', headers: ['Range: bytes=0-'] },
    verdict: 'allowed',
    preflight: false,
  },
  {
    name: 'space-separated methods (accepted by ingress-nginx) fail the browser token parse',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'GET PUT' })),
    req: { origin: A, method: 'PUT' },
    verdict: 'blocked',
    reason: /contains `GET PUT`, which is not a method token/,
    check: (r) => assert.equal(r.preflightResponse?.headers['Access-Control-Allow-Methods'], 'GET PUT'),
  },
  {
    name: 'space-separated methods do not matter without a preflight',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'GET PUT' })),
    req: GET(A),
    verdict: 'allowed',
    preflight: false,
  },
  {
    // Found by the conformance run: with validation off the newline reaches the wire, and Chromium reads
    // `Access-Control-Allow-Methods: PUT,` (the next line, without a colon, is dropped).
    name: 'validation off: a newline in methods ends the header for the browser',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'PUT,\nDELETE' }), false),
    req: { origin: A, method: 'PUT' },
    verdict: 'allowed',
    check: (r) => {
      assert.equal(r.preflightResponse?.headers['Access-Control-Allow-Methods'], 'PUT,\nDELETE');
      assert.ok(r.notes.some((n) => /contains a line break.*browsers read just `PUT,`/.test(n)));
    },
  },
  {
    name: 'validation off: the method after the newline is lost',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'PUT,\nDELETE' }), false),
    req: { origin: A, method: 'DELETE' },
    verdict: 'blocked',
    reason: /`DELETE` is not in `Access-Control-Allow-Methods: PUT,`/,
  },
  {
    name: 'trailing comma in methods: the empty item is skipped',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-methods': 'GET,PUT,' })),
    req: { origin: A, method: 'PUT' },
    verdict: 'allowed',
  },
  {
    name: 'max-age -1 is sent on both responses and never changes the verdict',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-max-age': '-1' })),
    req: { origin: A, method: 'DELETE' },
    verdict: 'allowed',
    check: (r) => {
      assert.equal(r.preflightResponse?.headers['Access-Control-Max-Age'], '-1');
      assert.equal(r.responseHeaders['Access-Control-Max-Age'], '-1');
      assert.ok(r.notes.some((n) => /not a valid number of seconds/.test(n)));
    },
  },
  {
    name: 'expose-headers only when set',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-expose-headers': 'X-Total-Count' })),
    req: GET(A),
    verdict: 'allowed',
    check: (r) => assert.equal(r.responseHeaders['Access-Control-Expose-Headers'], 'X-Total-Count'),
  },
  {
    name: '`null` entry matches Origin: null',
    policy: () => policy(on({ 'cors-allow-origin': 'null' })),
    req: GET('null', true),
    verdict: 'allowed',
    check: (r) => assert.equal(r.responseHeaders['Access-Control-Allow-Origin'], 'null'),
  },
  {
    name: '`null` entry: the end-anchored regex also matches an origin ending in "null"',
    policy: () => policy(on({ 'cors-allow-origin': 'null' })),
    req: GET('http://foonull'),
    verdict: 'allowed',
  },
  {
    name: 'TRACE is forbidden: TypeError, nothing is sent',
    policy: () => policy(on()),
    req: { origin: A, method: 'TRACE' },
    verdict: 'blocked',
    preflight: false,
    reason: /forbidden method/,
  },
  {
    name: 'forbidden request headers are dropped by fetch',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-credentials': 'false' })),
    req: { origin: A, method: 'GET', headers: ['Cookie: a=b', 'DNT: 1'] },
    verdict: 'allowed',
    preflight: false,
    check: (r) => assert.equal(r.notes.filter((n) => /forbidden request header/.test(n)).length, 2),
  },
  {
    name: 'an OPTIONS request itself gets the 204 with the CORS headers',
    policy: () => policy(on({ 'cors-allow-origin': A })),
    req: { origin: A, method: 'options' },
    verdict: 'allowed',
    preflight: true,
    check: (r) => {
      assert.equal(r.method, 'OPTIONS');
      assert.equal(r.responseStatus, 204);
    },
  },
  {
    name: 'Access-Control-Request-Headers are lower-cased and sorted',
    policy: () => policy(on({ 'cors-allow-origin': A, 'cors-allow-headers': 'X-B, x-a' })),
    req: { origin: A, method: 'GET', headers: ['X-B: 1', 'X-A: 2'] },
    verdict: 'allowed',
    check: (r) => assert.deepEqual(r.requestHeaders, ['x-a', 'x-b']),
  },
];

for (const c of cases) {
  test(`simulate: ${c.name}`, () => {
    const r = simulate(c.policy(), c.req);
    assert.equal(r.verdict, c.verdict, r.reason);
    assert.equal(r.browserVerdict, c.browserVerdict ?? c.verdict, 'browserVerdict');
    if (c.preflight !== undefined) assert.equal(r.preflight, c.preflight, 'preflight');
    if (c.reason) assert.match(r.reason, c.reason);
    assert.ok(r.reason.length > 0);
    c.check?.(r);
  });
}

test('simulate: the generated origin regex is the template one, only end-anchored', () => {
  assert.equal(
    ingressNginxOriginRegexSource(['https://a.com', 'https://*.b.com:8443', 'null']),
    '((https://a\\.com)|(https://[A-Za-z0-9\\-]+\\.b\\.com:8443)|(null))$',
  );
});

test('simulate: `*` mode adds the headers even without an Origin header', () => {
  const p = policy(on());
  const get = controllerResponse(p, { method: 'GET', origin: null });
  assert.equal(get.headers['Access-Control-Allow-Origin'], '*');
  const opt = controllerResponse(p, { method: 'OPTIONS', origin: null });
  assert.equal(opt.status, 204);
  const p2 = policy(on({ 'cors-allow-origin': A }));
  assert.deepEqual(controllerResponse(p2, { method: 'OPTIONS', origin: null }).headers, {});
  assert.equal(controllerResponse(p2, { method: 'OPTIONS', origin: null }).status, 'backend');
});
