/**
 * Property tests: random and mutated documents never make the engine throw or hang; applying all
 * fixes gives parseable YAML without those findings and leaves every line no edit touches untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { lintText } from '../../server/src/engine/lint';
import { fixText } from '../../server/src/engine/fixAll';
import { applyEdits, preferredFixes, selectNonOverlapping } from '../../server/src/engine/fix/apply';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/config';
import { untouchedLinesKept } from '../fuzz/engine';

const SEED = `ingress:
  enabled: true
  host: "platform.example.com"
  annotations:
    # CORS
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, PUT, DELETE, PATCH, OPTIONS"
    nginx.ingress.kubernetes.io/cors-allow-headers: "Authorization, Content-Type"
    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"
    nginx.ingress.kubernetes.io/cors-max-age: "3600"
  tls:
    enabled: true
    secret: tls-vcluster-platform
`;

const ORIGINS = [
  'https://dashboard.example.com',
  'https://a.com/',
  'https://a.com/app',
  '*',
  'null',
  'HTTPS://b.com',
  'http://localhost:3000',
  'https://*.example.com',
  'a.example.com',
  'https://a.com:443',
  'http://b.com:80',
  'http://insecure.example.com',
  'https://[::1]',
  'https://my_app.com',
  "'https://q.com'",
  'https://dashboard.example.com',
  'https://platform.example.com',
  'capacitor://localhost',
  'https://a.*.com',
  'http://127.0.0.1:8080',
  '',
];
const SEPS = [', ', ',', ' ', ';', ' , '];
const BOOLS = ['true', 'false', 'True', 'yes', 'no', '1', '0', '', ' true', 'on', 'TRUE'];
const METHODS = ['GET, POST', 'GET , POST', 'get, patch', '*', 'GET,POST,', 'CONNECT, GET', 'TRACE', 'PATCH,PATCH', 'GET  POST'];
const HEADERS = ['Authorization, Content-Type', '*', 'Content-Type', 'X-Foo.Bar', 'authorization', 'X_A, X-B', ''];
const MAXAGE = ['3600', '-1', '1h', '1728000', '0', '+5', 'abc', '7200', '99999999999999999999', '86400'];
const KEYS_TYPO = ['cors-allow-origins', 'enable-cors', 'cors-allow-orgin', 'Enable-CORS'];

function quote(v: string, style: number): string {
  if (style === 0) return JSON.stringify(v);
  if (style === 1) return `'${v.replace(/'/g, "''")}'`;
  if (style === 2 && v !== '' && /^[A-Za-z0-9:/.*, -]+$/.test(v) && !v.includes(': ')) return v;
  if (style === 3) return `|\n      ${v}`;
  return JSON.stringify(v);
}

const annotationSet = fc.record({
  enable: fc.option(fc.constantFrom(...BOOLS), { nil: undefined }),
  origins: fc.option(fc.tuple(fc.array(fc.constantFrom(...ORIGINS), { minLength: 1, maxLength: 4 }), fc.constantFrom(...SEPS)), {
    nil: undefined,
  }),
  creds: fc.option(fc.constantFrom(...BOOLS), { nil: undefined }),
  methods: fc.option(fc.constantFrom(...METHODS), { nil: undefined }),
  headers: fc.option(fc.constantFrom(...HEADERS), { nil: undefined }),
  maxAge: fc.option(fc.constantFrom(...MAXAGE), { nil: undefined }),
  typo: fc.option(fc.constantFrom(...KEYS_TYPO), { nil: undefined }),
  unquotedBool: fc.boolean(),
  styles: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
  enabled: fc.constantFrom('true', 'false', '"true"'),
  tls: fc.constantFrom('true', 'false'),
  ingressClass: fc.constantFrom('', '  ingressClass: traefik\n', '  ingressClass: nginx\n'),
  classAnn: fc.boolean(),
  common: fc.boolean(),
});

type AnnotationSet = typeof annotationSet extends fc.Arbitrary<infer T> ? T : never;
function build(a: AnnotationSet): string {
  const lines: string[] = [];
  const add = (k: string, v: string | undefined, i: number) => {
    if (v === undefined) return;
    lines.push(`    nginx.ingress.kubernetes.io/${k}: ${quote(v, a.styles[i])}`);
  };
  if (a.enable !== undefined)
    lines.push(`    nginx.ingress.kubernetes.io/enable-cors: ${a.unquotedBool ? a.enable || 'true' : quote(a.enable, a.styles[0])}`);
  add('cors-allow-origin', a.origins ? a.origins[0].join(a.origins[1]) : undefined, 1);
  add('cors-allow-credentials', a.creds, 2);
  add('cors-allow-methods', a.methods, 3);
  add('cors-allow-headers', a.headers, 4);
  add('cors-max-age', a.maxAge, 5);
  if (a.typo) lines.push(`    nginx.ingress.kubernetes.io/${a.typo}: "x"`);
  if (a.classAnn) lines.push(`    kubernetes.io/ingress.class: "nginx"`);
  let text = `ingress:\n  enabled: ${a.enabled}\n  host: "platform.example.com"\n${a.ingressClass}  tls:\n    enabled: ${a.tls}\n`;
  text += lines.length ? `  annotations:\n${lines.join('\n')}\n` : '  annotations: {}\n';
  if (a.common) text += `commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://c.example.com"\n`;
  return text;
}

const opts = { filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG };

test('property: generated values files never throw, and one pass of fixes keeps other lines and parses', () => {
  fc.assert(
    fc.property(annotationSet, (a) => {
      const text = build(a);
      const r = lintText(text, opts);
      if (r.parsed.docs.some((d) => d.doc.errors.length)) return;
      const chosen = selectNonOverlapping(preferredFixes(r.findings));
      const edits = chosen.flatMap((f) => f.edits);
      const fixed = applyEdits(text, edits);
      const docs = parseAllDocuments(fixed, { uniqueKeys: false });
      assert.ok(Array.isArray(docs) && docs.every((d) => d.errors.length === 0), `fix broke YAML:\n${text}\n---\n${fixed}`);
      assert.ok(untouchedLinesKept(text, fixed, edits), `a line outside the edits changed:\n${text}\n---\n${fixed}`);
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('property: fix-all reaches a fixed point without the fixed findings and with valid YAML', () => {
  fc.assert(
    fc.property(annotationSet, (a) => {
      const text = build(a);
      const res = fixText(text, opts);
      if (res.stopped === 'syntax-error') return;
      assert.notEqual(res.stopped, 'max-passes', `fixing did not converge:\n${text}\n---\n${res.text}`);
      const before = lintText(text, opts);
      const again = lintText(res.text, opts);
      const strict = (t: string) => parseAllDocuments(t, { uniqueKeys: true }).every((d) => d.errors.length === 0);
      if (strict(text)) assert.ok(strict(res.text), `fix-all output does not parse strictly:\n${res.text}`);
      // Never worse: no rule reports more errors than before.
      const errors = (r: typeof again) =>
        r.findings
          .filter((f) => f.severity === 'error')
          .reduce((m, f) => m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1), new Map<string, number>());
      const was = errors(before);
      for (const [id, n] of errors(again)) assert.ok(n <= (was.get(id) ?? 0), `fix-all added a ${id} error:\n${text}\n---\n${res.text}`);
      // Safe fixes are left only when applying them would have made the file worse (they were dropped).
      const left = again.findings.filter((f) => f.fixes.some((x) => x.safe));
      if (res.dropped === 0)
        assert.deepEqual(
          left.map((f) => `${f.ruleId}: ${f.message}`),
          [],
          `safe fixes left after fix-all:\n${res.text}`,
        );
    }),
    { numRuns: 200, seed: 7 },
  );
});

test('property: random mutations of the seed file never throw', () => {
  const mutation = fc.array(
    fc.record({
      at: fc.nat(SEED.length),
      del: fc.nat(5),
      ins: fc.string({
        maxLength: 6,
        unit: fc.constantFrom(':', '"', "'", ' ', '\n', '-', '#', '{', '[', '*', '&', 'a', '\t', ',', '|', '>', '!'),
      }),
    }),
    { minLength: 1, maxLength: 6 },
  );
  fc.assert(
    fc.property(mutation, (ms) => {
      let t = SEED;
      for (const m of ms) {
        const at = Math.min(m.at, t.length);
        t = t.slice(0, at) + m.ins + t.slice(Math.min(t.length, at + m.del));
      }
      const r = lintText(t, opts);
      assert.ok(Array.isArray(r.findings));
      // fix-all must never throw either, and must not touch a file that does not parse
      const f = fixText(t, opts);
      if (r.parsed.docs.some((d) => d.doc.errors.length)) assert.equal(f.text, t);
    }),
    { numRuns: 400, seed: 1 },
  );
});

test('property: arbitrary strings never throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      lintText(s, opts);
    }),
    { numRuns: 300, seed: 3 },
  );
});

test('bad input: an alias bomb gets a clear finding and does not expand', { timeout: 20000 }, () => {
  let t = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 12; i++)
    t += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(',')}]\n`;
  t += `ingress:\n  enabled: true\n  labels: *a11\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: *a11\n`;
  const r = lintText(t, opts);
  assert.ok(r.findings.length > 0);
  assert.ok(
    r.findings.some((f) => /alias/i.test(f.message)),
    JSON.stringify(r.findings.map((f) => f.message)),
  );
});

test('bad input: a 10 MB file gets one clear finding', { timeout: 20000 }, () => {
  const t = SEED + '# padding\n'.repeat(1_100_000);
  const r = lintText(t, opts);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0].ruleId, 'yaml-syntax');
  assert.match(r.findings[0].message, /over the 1024 KiB limit|MiB, over the/);
});

test('bad input: a binary file gets one clear finding', () => {
  const r = lintText('ingress:\u0000\u0001\u0002', opts);
  assert.deepEqual(
    r.findings.map((f) => f.message),
    ['This is a binary file (it contains a NUL byte), not YAML: it was not linted.'],
  );
});

test('bad input: wrong types do not crash', () => {
  for (const t of [
    'ingress: 5\n',
    'ingress: [1,2]\n',
    'ingress:\n  annotations: "x"\n',
    'ingress:\n  annotations:\n    - a\n',
    '- a\n- b\n',
    '"just a string"\n',
    'ingress:\n  enabled: true\n  annotations:\n    ? [a, b]\n    : c\n',
    '---\n---\n',
  ]) {
    const r = lintText(t, opts);
    assert.ok(Array.isArray(r.findings), t);
  }
});

test('bad input: deeply nested flow collections get a clear finding instead of a crash', () => {
  const t = 'ingress: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
  const r = lintText(t, opts);
  const syntax = r.findings.find((f) => f.ruleId === 'yaml-syntax');
  assert.ok(syntax, JSON.stringify(r.findings.map((f) => f.ruleId)));
  assert.match(syntax.message, /nests collections 5001 levels deep \(limit 200\): it was not linted\./);
});

test('bad input: deep block nesting is refused before parsing; ordinary nesting is not', () => {
  let deep = '';
  for (let i = 0; i < 300; i++) deep += ' '.repeat(i) + `k${i}:\n`;
  const r = lintText(deep, opts);
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['yaml-syntax'],
  );
  assert.match(r.findings[0].message, /nests collections 300 levels deep/);
  assert.ok(lintText(SEED, opts).findings.every((f) => f.ruleId !== 'yaml-syntax'));
  // Quotes, comments and brackets inside strings do not count.
  assert.ok(lintText('a: "[[[[[[" # {{{{{{\nb: \'[[[\'\n', opts).findings.every((f) => f.ruleId !== 'yaml-syntax'));
});
