/**
 * Hand-written CORS headers on Istio routes (`headers.response.set|add`) and Gateway API rules
 * (ResponseHeaderModifier): targets, the overlay on the effective policy, and what simulate predicts
 * (docs/reference/handwritten-cors.md §Istio and Gateway API).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { controllerResponse } from '../../server/src/engine/simulate';
import type { EffectivePolicy } from '../../server/src/engine/types';

function policiesOf(text: string, filePath: string): EffectivePolicy[] {
  return lintText(text, { filePath }).policies;
}

const vs = (http: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: api\nspec:\n  http:\n${http}\n      route:\n        - destination:\n            host: api\n`;
const route = (filters: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: api\nspec:\n  rules:\n    - filters:\n${filters}\n      backendRefs:\n        - name: api\n          port: 80\n`;
const rhm = (op: string, headers: [string, string][]) =>
  `        - type: ResponseHeaderModifier\n          responseHeaderModifier:\n            ${op}:\n` +
  headers.map(([n, v]) => `              - name: ${n}\n                value: "${v}"`).join('\n');

describe('hand-written CORS on Istio and Gateway API routes', () => {
  test('Istio: a route whose CORS is only in headers.response.set is a target with the origins and credentials', () => {
    const [p, ...rest] = policiesOf(
      vs(
        '    - headers:\n        response:\n          set:\n            Access-Control-Allow-Origin: "*"\n            Access-Control-Allow-Credentials: "true"',
      ),
      'vs.yaml',
    );
    assert.equal(rest.length, 0);
    assert.deepEqual(
      [p.source, p.configured, p.enabled, p.acaoMode, p.origins.map((m) => m.kind), p.allowCredentials, p.handwritten?.native],
      ['VirtualService/api#http[0]', true, true, 'literal-star', ['any'], true, false],
    );
    assert.equal(p.fields.origin?.label, 'Access-Control-Allow-Origin in headers.response.set');
    assert.equal(p.fields.credentials?.label, 'Access-Control-Allow-Credentials in headers.response.set');
    // The absent corsPolicy's notes ("no origin is allowed") are gone: the hand-written headers are the policy.
    assert.deepEqual(p.notes, [
      'CORS is written by hand in spec.http[0].headers.response: these are the headers it sends.',
      'No hand-written answer to the preflight (`OPTIONS`): it reaches the backend, which must answer it with a 2xx.',
    ]);
  });

  test('Istio: `%REQ(Origin)%` echoes the request Origin (any origin)', () => {
    const [p] = policiesOf(
      vs('    - headers:\n        response:\n          set:\n            Access-Control-Allow-Origin: "%REQ(Origin)%"'),
      'vs.yaml',
    );
    assert.deepEqual([p.acaoMode, p.origins.map((m) => m.kind)], ['echo', ['any']]);
    const r = controllerResponse(p, { method: 'GET', origin: 'https://x.example' });
    assert.deepEqual(r.headers, { 'Access-Control-Allow-Origin': 'https://x.example' });
  });

  test('Istio: `set` then `add` of the same header: two values on the response', () => {
    const [p] = policiesOf(
      vs(
        '    - headers:\n        response:\n          set:\n            Access-Control-Allow-Origin: "https://a.example"\n          add:\n            Access-Control-Allow-Origin: "https://b.example"',
      ),
      'vs.yaml',
    );
    const r = controllerResponse(p, { method: 'GET', origin: 'https://a.example' });
    assert.deepEqual(r.headers, { 'Access-Control-Allow-Origin': 'https://a.example, https://b.example' });
  });

  test('Istio: corsPolicy plus a hand-written header: the CORS filter replaces it for allowed origins only', () => {
    const [p] = policiesOf(
      vs(
        '    - corsPolicy:\n        allowOrigins:\n          - exact: https://app.example\n      headers:\n        response:\n          add:\n            Access-Control-Allow-Origin: https://other.example',
      ),
      'vs.yaml',
    );
    assert.equal(p.handwritten?.native, true);
    assert.deepEqual(
      p.origins.map((m) => m.value),
      ['https://app.example'],
    );
    const allowed = controllerResponse(p, { method: 'GET', origin: 'https://app.example' });
    assert.equal(allowed.headers['Access-Control-Allow-Origin'], 'https://app.example');
    const other = controllerResponse(p, { method: 'GET', origin: 'https://evil.example' });
    assert.equal(other.headers['Access-Control-Allow-Origin'], 'https://other.example');
    // The CORS filter answers the preflight itself: the route's headers are not on it.
    const pre = controllerResponse(p, { method: 'OPTIONS', origin: 'https://app.example', requestMethod: 'PUT' });
    assert.equal(pre.headers['Access-Control-Allow-Origin'], 'https://app.example');
  });

  test('Istio: headers.response without Access-Control-* (or malformed) makes no target', () => {
    assert.equal(
      policiesOf(vs('    - headers:\n        response:\n          set:\n            X-Frame-Options: DENY'), 'vs.yaml').length,
      0,
    );
    assert.equal(
      policiesOf(vs('    - headers:\n        response:\n          add:\n            Access-Control-Allow-Origin: {a: 1}'), 'vs.yaml')
        .length,
      0,
    );
    assert.equal(policiesOf(vs('    - headers:\n        response: null'), 'vs.yaml').length, 0);
  });

  test('Gateway API: a rule whose CORS is only in a ResponseHeaderModifier is a target', () => {
    const ps = policiesOf(
      route(
        rhm('set', [
          ['Access-Control-Allow-Origin', 'https://app.example'],
          ['Access-Control-Allow-Credentials', 'true'],
        ]),
      ),
      'route.yaml',
    );
    assert.equal(ps.length, 1);
    const p = ps[0];
    assert.deepEqual(
      [p.controller, p.source, p.origins.map((m) => [m.kind, m.value]), p.allowCredentials, p.handwritten?.native],
      ['gateway-api', 'HTTPRoute/api#rules[0]', [['exact', 'https://app.example']], true, false],
    );
    assert.equal(p.fields.origin?.label, 'Access-Control-Allow-Origin in responseHeaderModifier.set');
    const r = controllerResponse(p, { method: 'GET', origin: 'https://evil.example' });
    assert.deepEqual(r.headers, { 'Access-Control-Allow-Origin': 'https://app.example', 'Access-Control-Allow-Credentials': 'true' });
  });

  test('Gateway API: a CORS filter and a ResponseHeaderModifier in the same rule: one target, both known', () => {
    const ps = policiesOf(
      route(
        '        - type: CORS\n          cors:\n            allowOrigins:\n              - https://app.example\n' +
          rhm('add', [['Access-Control-Allow-Origin', 'https://app.example']]),
      ),
      'route.yaml',
    );
    assert.equal(ps.length, 1);
    assert.deepEqual([ps[0].handwritten?.native, ps[0].handwritten?.headers.map((h) => [h.directive, h.appends])], [true, [['add', true]]]);
  });

  test('Gateway API: entries without a value make no target', () => {
    const text = route(
      '        - type: ResponseHeaderModifier\n          responseHeaderModifier:\n            add:\n              - name: Access-Control-Allow-Origin\n              - 7',
    );
    assert.equal(policiesOf(text, 'route.yaml').length, 0);
  });
});
