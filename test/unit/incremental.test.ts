/**
 * Incremental parsing (language server) gives exactly the same findings and policies as a full parse,
 * across a sequence of random edits to a big values file, and really reuses the unchanged blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/lint';
import { ParseCache } from '../../server/src/engine/parse/incremental';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/config';
import type { LintResult } from '../../server/src/engine/types';

const SEED = `# values
ingress:
  enabled: true
  host: "platform.example.com"
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com/, http://localhost:3000"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, patch"
    nginx.ingress.kubernetes.io/cors-max-age: 86400
  tls:
    enabled: true
commonAnnotations:
  nginx.ingress.kubernetes.io/cors-allow-credentials: "yes"
`;

function big(): string {
  let t = SEED;
  for (let i = 0; t.length < 40_000; i++) {
    t += `section${i}:\n  enabled: ${i % 2 === 0}\n  name: "component-${i}"\n  list:\n    - a\n    - b: ${i}\n  # comment ${i}\n`;
  }
  return t;
}

/** Everything observable about a lint, as plain data. */
function observable(r: LintResult) {
  return {
    environment: r.environment,
    findings: r.findings.map((f) => ({ id: f.ruleId, sev: f.severity, msg: f.message, range: f.range, fixes: f.fixes, related: f.related })),
    policies: r.policies.map((p) => ({ ...p, target: undefined, fields: Object.keys(p.fields), origins: p.origins.map((o) => [o.value, o.range]), writtenOrigins: p.writtenOrigins.map((o) => [o.value, o.range]) })),
  };
}

const opts = { filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG };

test('incremental: a cached lint equals a full lint, and unchanged blocks are reused', () => {
  const cache = new ParseCache();
  const t = big();
  assert.deepEqual(observable(lintText(t, { ...opts, parseCache: cache })), observable(lintText(t, opts)));
  const parsedFirst = cache.parsed;
  assert.ok(parsedFirst > 50, `blocks parsed: ${parsedFirst}`);
  // Edit one block near the end: only that block is parsed again.
  const edited = t.replace('name: "component-300"', 'name: "component-300-x"');
  assert.notEqual(edited, t);
  assert.deepEqual(observable(lintText(edited, { ...opts, parseCache: cache })), observable(lintText(edited, opts)));
  assert.equal(cache.parsed - parsedFirst, 1);
  // Edit the ingress block: ranges of everything after it shift, and still match a full parse.
  const e2 = edited.replace('"GET, POST, patch"', '"GET, POST, PATCH, DELETE"');
  assert.deepEqual(observable(lintText(e2, { ...opts, parseCache: cache })), observable(lintText(e2, opts)));
});

test('incremental: random edit sequences give the same result as full parses', () => {
  const alphabet = fc.constantFrom(':', '"', "'", ' ', '\n', '-', '#', '{', '[', '*', '&', 'a', 'x', ',', '|', '\t', '---\n', 'k: v\n', '  ');
  const edit = fc.record({ at: fc.nat(), del: fc.nat(8), ins: fc.string({ maxLength: 5, unit: alphabet }) });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
      const cache = new ParseCache();
      let t = big();
      lintText(t, { ...opts, parseCache: cache });
      for (const e of edits) {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + e.ins + t.slice(Math.min(t.length, at + e.del));
        assert.deepEqual(observable(lintText(t, { ...opts, parseCache: cache })), observable(lintText(t, opts)));
      }
    }),
    { numRuns: 25, seed: 11 },
  );
});

test('incremental: not used for small files, several documents or anchors', () => {
  for (const t of [SEED, big() + '---\na: 1\n', big().replace('enabled: true\n  host', 'enabled: &on true\n  host')]) {
    const cache = new ParseCache();
    lintText(t, { ...opts, parseCache: cache });
    assert.equal(cache.parsed, 0);
  }
});
