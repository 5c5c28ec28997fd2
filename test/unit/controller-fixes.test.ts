/**
 * Fixes of the semantic rules on manifests (Traefik, Istio, Gateway API), including the unsafe ones the
 * rule tables do not apply: exact text after applying one named fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/fix/apply';
import { matcherMatches } from '../../server/src/engine/policy/origins';
import { PROFILES } from '../../server/src/engine/policy/profiles';
import type { OriginMatcher } from '../../server/src/engine/types';

function applyFix(text: string, ruleId: string, title: string | RegExp): string {
  const r = lintText(text, { filePath: 'manifest.yaml', environment: 'production' });
  const f = r.findings.find((x) => x.ruleId === ruleId);
  assert.ok(f, `no ${ruleId} finding`);
  const fx = f.fixes.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(fx, `no fix ${title}; have ${JSON.stringify(f.fixes.map((x) => x.title))}`);
  return applyEdits(text, fx.edits);
}

const TRAEFIK = `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginList:
      - "*"
      - https://admin.example.com
    accessControlAllowCredentials: true
    addVaryHeader: true
`;

test('wildcard-with-credentials (Traefik): credentials fix writes the YAML boolean false', () => {
  const out = applyFix(TRAEFIK, 'wildcard-with-credentials', 'Set accessControlAllowCredentials to false');
  assert.equal(out, TRAEFIK.replace('accessControlAllowCredentials: true', 'accessControlAllowCredentials: false'));
  // The API server reads a boolean: no schema error after the fix.
  assert.ok(!lintText(out, { filePath: 'manifest.yaml' }).findings.some((f) => f.ruleId === 'schema'));
});

test('wildcard-with-credentials (Traefik): origin fix replaces only the `*` item', () => {
  const out = applyFix(TRAEFIK, 'wildcard-with-credentials', /^Replace `\*`/);
  assert.equal(out, TRAEFIK.replace('- "*"', '- "https://dashboard.example.com"'));
});

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["*"]
            allowCredentials: true
`;

test('wildcard-with-credentials (Gateway API): flow item replaced, boolean written', () => {
  assert.equal(
    applyFix(GATEWAY, 'wildcard-with-credentials', /^Replace `\*`/),
    GATEWAY.replace('["*"]', '["https://dashboard.example.com"]'),
  );
  assert.equal(
    applyFix(GATEWAY, 'wildcard-with-credentials', 'Set allowCredentials to false'),
    GATEWAY.replace('allowCredentials: true', 'allowCredentials: false'),
  );
});

const ISTIO = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: v }
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: ".*"
        allowCredentials: true
`;

test('wildcard-origin (Istio): `regex: ".*"` becomes `exact: https://dashboard.example.com`', () => {
  const out = applyFix(ISTIO, 'wildcard-origin', /^Replace `\*`/);
  assert.equal(out, ISTIO.replace('- regex: ".*"', '- exact: "https://dashboard.example.com"'));
  const again = lintText(out, { filePath: 'manifest.yaml' });
  assert.deepEqual(
    again.policies[0].origins.map((o) => `${o.kind}:${o.value}`),
    ['exact:https://dashboard.example.com'],
  );
});

test('wildcard-with-credentials (Istio): the regex item becomes an exact match', () => {
  const out = applyFix(ISTIO, 'wildcard-with-credentials', /^Replace `\.\*`/);
  assert.equal(out, ISTIO.replace('- regex: ".*"', '- exact: "https://dashboard.example.com"'));
});

test('insecure-origin (Istio prefix): the unsafe fix keeps `prefix:`', () => {
  const text = ISTIO.replace('- regex: ".*"', '- prefix: "http://dashboard.example.com:"');
  assert.equal(applyFix(text, 'insecure-origin', /^Use /), text.replace('http://', 'https://'));
});

test('origin-prefix-boundary: unsafe fix renames `prefix` to `exact`', () => {
  const text = ISTIO.replace('- regex: ".*"', '- prefix: https://dashboard.example.com');
  assert.equal(applyFix(text, 'origin-prefix-boundary', /^Match exactly/), text.replace('prefix:', 'exact:'));
});

/* ------------------------------------------------------- controller-aware matching */

const m = (kind: OriginMatcher['kind'], value: string): OriginMatcher => ({ kind, value, range: { start: 0, end: 0 }, index: 0 });

test('matcherMatches: Traefik regexes are unanchored, Istio regexes full-match', () => {
  const re = m('regex', 'https://a\\.example\\.com');
  assert.equal(matcherMatches(re, 'https://a.example.com.evil.io', false), true, 'default: unanchored (Traefik)');
  assert.equal(matcherMatches(re, 'https://a.example.com.evil.io', false, PROFILES['traefik'].origins), true);
  assert.equal(matcherMatches(re, 'https://a.example.com.evil.io', false, PROFILES['istio'].origins), false);
  assert.equal(matcherMatches(re, 'https://a.example.com', false, PROFILES['istio'].origins), true);
  assert.equal(
    matcherMatches(m('regex', 'a|https://b\\.example\\.com'), 'https://b.example.com', false, PROFILES['istio'].origins),
    true,
    'alternation is grouped',
  );
});

test('matcherMatches: Gateway API wildcards span several labels, ingress-nginx ones exactly one', () => {
  const w = m('wildcard-subdomain', 'https://*.example.com');
  assert.equal(matcherMatches(w, 'https://a.b.example.com', true), false);
  assert.equal(matcherMatches(w, 'https://a.b.example.com', true, PROFILES['ingress-nginx'].origins), false);
  assert.equal(matcherMatches(w, 'https://a.b.example.com', true, PROFILES['gateway-api'].origins), true);
  assert.equal(matcherMatches(w, 'https://a.example.com', true, PROFILES['gateway-api'].origins), true);
  assert.equal(matcherMatches(w, 'https://example.com', true, PROFILES['gateway-api'].origins), false);
  assert.equal(matcherMatches(w, 'https://.example.com', true, PROFILES['gateway-api'].origins), false);
});
