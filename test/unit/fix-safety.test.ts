/**
 * Fix-all safety (issue 9, items 5–9): every case failed before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { fixText, lintText, DEFAULT_CONFIG } from '../../server/src/engine/index';
import { parseDirectives } from '../../server/src/engine/config/suppressions';
import { LineIndex } from '../../server/src/engine/parse/positions';

const opts = { filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG };
/** A project that turned no-vary-origin on (it is off by default): its suppressions are needed. */
const varyOn = { ...opts, config: { ...DEFAULT_CONFIG, rules: { 'no-vary-origin': 'info' as const } } };
const P = 'nginx.ingress.kubernetes.io';

function values(annotations: string[], eol = '\n'): string {
  return [
    'ingress:',
    '  enabled: true',
    '  host: "platform.example.com"',
    '  annotations:',
    ...annotations.map((a) => `    ${a}`),
    '',
  ].join(eol);
}

function strictlyValid(text: string): boolean {
  return parseAllDocuments(text, { uniqueKeys: true }).every((d) => d.errors.length === 0);
}

test('item 5: a misspelled enable-cors is renamed, not inserted a second time (no duplicate key)', () => {
  const text = values([
    `ngin.ingress.kubernetes.io/enable-cors: true`,
    `${P}/cors-allow-origin: "https://app.example.com"`,
    `${P}/cors-allow-credentials: "true"`,
    `${P}/cors-max-age: "600"`,
  ]);
  const res = fixText(text, opts);
  assert.equal(
    res.text,
    values([
      `${P}/enable-cors: "true"`,
      `${P}/cors-allow-origin: "https://app.example.com"`,
      `${P}/cors-allow-credentials: "true"`,
      `${P}/cors-max-age: "600"`,
    ]),
  );
  assert.ok(strictlyValid(res.text));
  assert.deepEqual(
    res.result.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId),
    [],
  );
  assert.equal(res.stopped, undefined);
});

test('item 5: fix-all never adds an error: turning CORS on is dropped when it would leave `*` allowed', () => {
  // CORS is off, so the `*` default does not apply; enabling it would add wildcard-origin errors no fix removes.
  const text = values([`${P}/cors-max-age: "3600"`]);
  const before = lintText(text, opts).findings.filter((f) => f.severity === 'error');
  const res = fixText(text, opts);
  assert.equal(res.text, text);
  assert.equal(res.stopped, 'fix-made-worse');
  assert.ok(res.dropped >= 1);
  assert.deepEqual(
    res.result.findings.filter((f) => f.severity === 'error'),
    before,
  );
});

test('item 5: turning CORS on is kept when the fixed file has no new error', () => {
  const text = values([`${P}/cors-allow-origin: "https://app.example.com/"`, `${P}/cors-max-age: "600"`]);
  const res = fixText(text, opts);
  assert.equal(res.stopped, undefined);
  assert.equal(
    res.text,
    values([`${P}/cors-allow-origin: "https://app.example.com"`, `${P}/cors-max-age: "600"`, `${P}/enable-cors: "true"`]),
  );
});

test('item 6: a Traefik allow-headers string is a schema error, not "`Authorization` does not include `Authorization`"', () => {
  const text = [
    'apiVersion: traefik.io/v1alpha1',
    'kind: Middleware',
    'metadata:',
    '  name: platform-cors',
    'spec:',
    '  headers:',
    '    accessControlAllowOriginList:',
    '      - https://app.example.com',
    '    accessControlAllowMethods: [GET]',
    '    accessControlAllowHeaders: Authorization',
    '    addVaryHeader: true',
    '',
  ].join('\n');
  const r = lintText(text, { filePath: 'middleware.yaml', config: DEFAULT_CONFIG });
  assert.deepEqual(
    r.findings.map((f) => `${f.ruleId} ${f.messageId}`),
    ['schema crd'],
  );
  assert.match(r.findings[0].message, /`spec\.headers\.accessControlAllowHeaders` must be an array, not a string/);
  const res = fixText(text, { filePath: 'middleware.yaml', config: DEFAULT_CONFIG });
  assert.equal(res.text, text);
  assert.equal(res.stopped, undefined);
});

test('item 6: reaching the pass limit with fixes left is reported as max-passes', () => {
  // Three passes to a fixed point (examples/broken/loft.yaml): one is not enough.
  const text = [
    'ingress:',
    '  host: loft.example.com',
    '  ingressClass: traefik',
    '  annotations:',
    '    kubernetes.io/ingress.class: nginx',
    `    ${P}/cors-allow-origin: "https://dashboard.example.com:443, http://localhost:3000"`,
    '',
  ].join('\n');
  const one = fixText(text, { filePath: 'loft.yaml', config: DEFAULT_CONFIG, maxPasses: 1 });
  assert.deepEqual([one.stopped, one.passes], ['max-passes', 1]);
  const all = fixText(text, { filePath: 'loft.yaml', config: DEFAULT_CONFIG });
  assert.deepEqual([all.stopped, all.passes], [undefined, 3]);
});

test('item 7: a suppression needed once the other fixes turned CORS on is kept (unused-disable fixes run last)', () => {
  const text = values([
    `${P}/cors-allow-origin: "https://app.example.com" # vcluster-cors-disable-line no-vary-origin -- no CDN in front`,
    `${P}/cors-allow-credentials: "true"`,
    `${P}/cors-max-age: "600"`,
  ]);
  const res = fixText(text, varyOn);
  assert.equal(
    res.text,
    values([
      `${P}/cors-allow-origin: "https://app.example.com" # vcluster-cors-disable-line no-vary-origin -- no CDN in front`,
      `${P}/cors-allow-credentials: "true"`,
      `${P}/cors-max-age: "600"`,
      `${P}/enable-cors: "true"`,
    ]),
  );
  // Only the once-per-file notice that ingress-nginx is retired (issue 17) is left: the configuration is correct.
  assert.deepEqual(
    res.result.findings.map((f) => f.ruleId),
    ['ingress-nginx-retired'],
  );
});

test('item 7: a suppression that stays unused after every other fix is still removed', () => {
  const text = values([
    `${P}/enable-cors: "true" # vcluster-cors-disable-line invalid-boolean`,
    `${P}/cors-allow-origin: "https://app.example.com/"`,
    `${P}/cors-max-age: "600"`,
  ]);
  const res = fixText(text, opts);
  assert.equal(
    res.text,
    values([`${P}/enable-cors: "true"`, `${P}/cors-allow-origin: "https://app.example.com"`, `${P}/cors-max-age: "600"`]),
  );
});

test('item 8: a second `#` ends the id list; the text after it is kept as the reason', () => {
  const line = `${P}/cors-allow-origin: "https://app.example.com" # vcluster-cors-disable-line no-vary-origin # no CDN in front`;
  const text = values([`${P}/enable-cors: "true"`, line, `${P}/cors-allow-credentials: "true"`, `${P}/cors-max-age: "600"`]);
  const ds = parseDirectives(text, new LineIndex(text));
  assert.deepEqual(
    ds.map((d) => ({ ids: d.ids.map((i) => i.id), reason: d.reason })),
    [{ ids: ['no-vary-origin'], reason: 'no CDN in front' }],
  );
  const r = lintText(text, varyOn);
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['ingress-nginx-retired'],
  );
  assert.equal(fixText(text, varyOn).text, text);
  // `--` still works, also right after an id with a comma
  const d2 = parseDirectives(
    'a: 1 # vcluster-cors-disable-line x, y -- why # not ids\n',
    new LineIndex('a: 1 # vcluster-cors-disable-line x, y -- why # not ids\n'),
  );
  assert.deepEqual(
    d2.map((d) => ({ ids: d.ids.map((i) => i.id), reason: d.reason })),
    [{ ids: ['x', 'y'], reason: 'why # not ids' }],
  );
});

test('item 9: a CRLF values file missing cors-max-age gets the fix, with CRLF line endings', () => {
  const text = values(
    [`${P}/enable-cors: "true"`, `${P}/cors-allow-origin: "https://app.example.com"`, `${P}/cors-allow-credentials: "true"`],
    '\r\n',
  );
  const res = fixText(text, opts);
  assert.equal(res.stopped, undefined);
  assert.equal(
    res.text,
    values(
      [
        `${P}/enable-cors: "true"`,
        `${P}/cors-allow-origin: "https://app.example.com"`,
        `${P}/cors-allow-credentials: "true"`,
        `${P}/cors-max-age: "7200"`,
      ],
      '\r\n',
    ),
  );
});

test('item 9: no edit lands between \\r and \\n, and no LF-only line appears in a CRLF file', () => {
  const text = values(
    [
      `${P}/enable-cors: "true"`,
      `${P}/cors-allow-origin: "*"`,
      `${P}/cors-allow-methods: "get, post"`,
      `${P}/cors-allow-headers: "Content-Type"`,
    ],
    '\r\n',
  );
  const res = fixText(text, opts);
  assert.notEqual(res.text, text);
  assert.doesNotMatch(res.text, /\r\r|[^\r]\n/);
});

test('fuzz find: a disable comment whose reason lost its `--` (eleven words read as rule ids) converges', () => {
  // Seed 1212561897 of `npm run fuzz`: one unused-disable fix per word, overlapping edits, one taken per pass, so
  // fix-all ran out of its 10 passes. Each fix now removes every unused id of the comment.
  const text =
    'ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n' +
    '    nginx.ingress.kubernetes.io/enable-cors: "true" # vcluster-cors-disable-line ingress-nginx-retired -,: - no shared cache in front of the API here now\n' +
    '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"\n' +
    '    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"\n';
  const r = fixText(text, { filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG });
  assert.equal(r.stopped, undefined);
  assert.match(r.text, /enable-cors: "true" # vcluster-cors-disable-line ingress-nginx-retired\n/);
});
