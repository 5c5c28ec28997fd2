/**
 * engine/verify: the preflight verify sends, the file's prediction for it, and the comparison of a live
 * answer with that prediction (pure; the network part is tested in test/cli/verify.test.ts).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { computePolicies, DEFAULT_CONFIG, type EffectivePolicy } from '../../server/src/engine/index';
import {
  compareVerify,
  defaultVerifyOrigin,
  defaultVerifyUrl,
  predictVerifyPreflight,
  verifyRequestHeaders,
  type ObservedResponse,
} from '../../server/src/engine/verify';

const D = 'https://dashboard.example.com';

function policy(ann: Record<string, string>, extra = ''): EffectivePolicy {
  const lines = Object.entries(ann).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`);
  const text = `ingress:\n  enabled: true\n  host: "platform.example.com"\n${extra}  annotations:\n${lines.join('\n')}\n`;
  const r = computePolicies(text, { config: DEFAULT_CONFIG });
  assert.equal(r.policies.length, 1);
  return r.policies[0];
}

const GUIDE: Record<string, string> = {
  'enable-cors': 'true',
  'cors-allow-origin': D,
  'cors-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
  'cors-allow-headers': 'Authorization, Content-Type',
  'cors-allow-credentials': 'true',
  'cors-max-age': '3600',
};

/** What nginx would answer for `ann` (the prediction of another annotation set), as observed headers. */
function liveFrom(ann: Record<string, string>, origin = D): ObservedResponse {
  const p = predictVerifyPreflight(policy(ann), origin);
  const headers: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(p.headers)) headers[k.toLowerCase()] = [v];
  return { status: p.status === 'backend' ? 401 : p.status, headers };
}

function compare(fileAnn: Record<string, string>, observed: ObservedResponse, origin = D) {
  const pol = policy(fileAnn);
  return compareVerify({ policy: pol, origin, predicted: predictVerifyPreflight(pol, origin), observed });
}

describe('the request and the prediction', () => {
  test("the guide's preflight headers, no credentials", () => {
    assert.deepEqual(verifyRequestHeaders(D), {
      Origin: D,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    });
  });

  test('default URL from ingress.host', () => {
    assert.equal(defaultVerifyUrl(policy(GUIDE)), 'https://platform.example.com/kubernetes/management/apis');
    const noHost = computePolicies('ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n')
      .policies[0];
    assert.equal(defaultVerifyUrl(noHost), undefined);
    const badHost = computePolicies('ingress:\n  enabled: true\n  host: "a b/c"\n').policies[0];
    assert.equal(defaultVerifyUrl(badHost), undefined);
  });

  test('default origin: the first allowed origin, a wildcard made concrete, none for `*` or no origin', () => {
    assert.deepEqual(defaultVerifyOrigin(policy(GUIDE)), { origin: D });
    assert.deepEqual(defaultVerifyOrigin(policy({ 'enable-cors': 'true', 'cors-allow-origin': `https://*.example.com, ${D}` })), {
      origin: 'https://app.example.com',
      note: '`https://*.example.com` is a wildcard, so `https://app.example.com` is sent',
    });
    assert.deepEqual(defaultVerifyOrigin(policy({ 'enable-cors': 'true' })), { why: 'the file allows any origin (`*`)' });
    assert.deepEqual(defaultVerifyOrigin(policy({ 'enable-cors': 'true', 'cors-allow-origin': 'https://a.*.com' })), {
      why: 'the file allows no origin',
    });
  });

  test('prediction: 204 with the CORS headers for an allowed origin, backend for another', () => {
    const p = predictVerifyPreflight(policy(GUIDE), D);
    assert.equal(p.status, 204);
    assert.equal(p.headers['Access-Control-Allow-Origin'], D);
    assert.equal(p.simulation.verdict, 'allowed');
    const other = predictVerifyPreflight(policy(GUIDE), 'https://evil.example');
    assert.equal(other.status, 'backend');
    assert.deepEqual(other.headers, {});
    assert.equal(other.simulation.verdict, 'blocked');
  });
});

describe('compareVerify', () => {
  test('live == predicted: no differences (header names in any case)', () => {
    assert.deepEqual(compare(GUIDE, liveFrom(GUIDE)), []);
  });

  test('extra non-CORS headers and Vary without Origin are ignored', () => {
    const live = liveFrom(GUIDE);
    live.headers['server'] = ['nginx'];
    live.headers['vary'] = ['Accept-Encoding'];
    live.headers['content-type'] = ['text/plain'];
    assert.deepEqual(compare(GUIDE, live), []);
  });

  test('older live annotations (`*` and defaults): one difference per header, with causes', () => {
    const d = compare(GUIDE, liveFrom({ 'enable-cors': 'true' }));
    assert.deepEqual(
      d.map((x) => x.field),
      ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age'],
    );
    assert.equal(d[0].observed, '*');
    assert.equal(d[0].predicted, D);
    assert.equal(d[0].message, 'Access-Control-Allow-Origin: `*` live vs `https://dashboard.example.com` in the file');
    assert.match(d[0].cause, /^the live ingress still sends `\*`: has `helm upgrade` run\?/);
    assert.match(
      d[3].cause,
      /^max-age 1728000 live vs 3600 in the file: the live Ingress has older annotations \(the live value is ingress-nginx's default/,
    );
  });

  test('max-age differs, neither is the default', () => {
    const d = compare(GUIDE, liveFrom({ ...GUIDE, 'cors-max-age': '600' }));
    assert.equal(d.length, 1);
    assert.equal(
      d[0].cause,
      'max-age 600 live vs 3600 in the file: the live Ingress has older annotations — has `helm upgrade` run with this file?',
    );
  });

  test('the file has the default max-age, the live Ingress another: --reuse-values keeps removed annotations', () => {
    const { 'cors-max-age': _drop, ...noMaxAge } = GUIDE;
    const d = compare(noMaxAge, liveFrom(GUIDE));
    assert.equal(d.length, 1);
    assert.match(d[0].cause, /^max-age 3600 live vs 1728000 in the file: .*--reuse-values/);
  });

  test('401 without CORS headers: the preflight reached authentication', () => {
    const d = compare(GUIDE, { status: 401, headers: { 'www-authenticate': ['Bearer'] } });
    assert.deepEqual(
      d.map((x) => x.field),
      ['status', 'cors-headers'],
    );
    assert.equal(d[0].message, 'status 401 live vs 204 predicted from the file');
    assert.equal(d[0].cause, 'status 401: the preflight reached authentication — the origin is not allowed by the live config');
    assert.match(
      d[1].cause,
      /^no CORS headers at all: is the controller ingress-nginx, is `enable-cors` set, did the Ingress get rendered \(ingress\.enabled\)\?/,
    );
    assert.equal(d[1].observed, null);
  });

  test('404 without CORS headers: the Platform answered', () => {
    const d = compare(GUIDE, { status: 404, headers: {} });
    assert.match(d[0].cause, /^status 404: the preflight reached the Platform instead of being answered by ingress-nginx/);
  });

  test('a redirect', () => {
    const d = compare(GUIDE, { status: 308, headers: { location: ['https://platform.example.com/kubernetes/management/apis'] } });
    assert.match(
      d[0].cause,
      /^the preflight was redirected to `https:\/\/platform\.example\.com\/kubernetes\/management\/apis`, and browsers fail a preflight that gets a redirect/,
    );
  });

  test('5xx', () => {
    assert.match(compare(GUIDE, { status: 503, headers: {} })[0].cause, /^status 503: the controller or the Platform behind it is failing/);
  });

  test('200 with CORS headers: something else answers preflights', () => {
    const live = liveFrom(GUIDE);
    live.status = 200;
    const d = compare(GUIDE, live);
    assert.equal(d.length, 1);
    assert.match(d[0].cause, /^status 200 instead of 204: the preflight is answered by something else than ingress-nginx's CORS block/);
  });

  test('the file does not allow the origin, the live Ingress does', () => {
    const d = compare({ ...GUIDE, 'cors-allow-origin': 'https://other.example.com' }, liveFrom(GUIDE));
    assert.deepEqual(
      d.map((x) => x.field),
      ['cors-headers'],
    );
    assert.match(d[0].cause, /^the live config allows `https:\/\/dashboard\.example\.com`, the file does not/);
    assert.match(d[0].observed ?? '', /^Access-Control-Allow-Origin: https:\/\/dashboard\.example\.com\n/);
  });

  test('CORS switched off in the file, still on live', () => {
    const d = compare({ ...GUIDE, 'enable-cors': 'false' }, liveFrom(GUIDE));
    assert.deepEqual(
      d.map((x) => x.field),
      ['cors-headers'],
    );
    assert.match(d[0].cause, /^the live Ingress still has CORS switched on, the file does not: .*--reuse-values/);
  });

  test('predicted backend, live without CORS headers: any status matches', () => {
    assert.deepEqual(compare({ ...GUIDE, 'enable-cors': 'false' }, { status: 401, headers: {} }), []);
    assert.deepEqual(compare(GUIDE, { status: 404, headers: {} }, 'https://evil.example'), []);
  });

  test('credentials: still allowed live, or switched off live', () => {
    const on = compare({ ...GUIDE, 'cors-allow-credentials': 'false' }, liveFrom(GUIDE));
    assert.deepEqual(
      on.map((x) => [x.field, x.observed, x.predicted]),
      [['access-control-allow-credentials', 'true', null]],
    );
    assert.match(on[0].cause, /^the live Ingress still allows credentials/);
    const off = compare(GUIDE, liveFrom({ ...GUIDE, 'cors-allow-credentials': 'false' }));
    assert.deepEqual(
      off.map((x) => [x.field, x.observed, x.predicted]),
      [['access-control-allow-credentials', null, 'true']],
    );
    assert.match(off[0].cause, /^the live Ingress has cors-allow-credentials `false`/);
  });

  test('expose-headers only live', () => {
    const d = compare(GUIDE, liveFrom({ ...GUIDE, 'cors-expose-headers': 'X-Request-Id' }));
    assert.deepEqual(
      d.map((x) => x.field),
      ['access-control-expose-headers'],
    );
    assert.match(d[0].cause, /^the live Ingress sends cors-expose-headers `X-Request-Id`, the file sets none: .*--reuse-values/);
  });

  test('the file allows `*`, the live Ingress echoes the origin', () => {
    const d = compare({ ...GUIDE, 'cors-allow-origin': '*' }, liveFrom(GUIDE));
    assert.equal(d[0].field, 'access-control-allow-origin');
    assert.match(d[0].cause, /^the live Ingress echoes the origin \(a list of origins\), while the file allows any origin/);
  });

  test('Access-Control-Allow-Origin sent twice', () => {
    const live = liveFrom(GUIDE);
    live.headers['access-control-allow-origin'] = [D, '*'];
    const d = compare(GUIDE, live);
    assert.equal(d.length, 1);
    assert.equal(d[0].message, 'Access-Control-Allow-Origin is sent 2 times live (`https://dashboard.example.com`, `*`)');
    assert.match(d[0].cause, /browsers reject a response with more than one Access-Control-Allow-Origin/);
  });

  test('another origin named live', () => {
    const live = liveFrom(GUIDE);
    live.headers['access-control-allow-origin'] = ['https://x.example'];
    assert.match(compare(GUIDE, live)[0].cause, /^ingress-nginx sends the request's Origin, so something else/);
  });

  test('Vary: Origin live although ingress-nginx never sends it', () => {
    const live = liveFrom(GUIDE);
    live.headers['vary'] = ['Accept-Encoding, Origin'];
    const d = compare(GUIDE, live);
    assert.deepEqual(
      d.map((x) => x.field),
      ['vary'],
    );
    assert.match(d[0].cause, /^ingress-nginx never sends `Vary: Origin`/);
  });
});
