/** Root cause first (engine/causes.ts): one trailing slash, three findings, the cause listed and fixed first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, fixText, DEFAULT_CONFIG } from '../../server/src/engine/index';

const TEXT = [
  'ingress:',
  '  enabled: true',
  '  annotations:',
  '    nginx.ingress.kubernetes.io/enable-cors: "true"',
  '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com/"',
  '    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"',
  '    nginx.ingress.kubernetes.io/cors-max-age: "600"',
  '',
].join('\n');
const opts = { filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG };
const headline = (m: string) => m.slice(0, m.indexOf('. ') + 1);
const onValue = (ids: string[]) => ids.filter((id) => id !== 'ingress-nginx-retired');

test('the cause comes first; each consequence names it, points at it and offers its fix first', () => {
  const found = lintText(TEXT, opts).findings.filter((f) => f.ruleId !== 'ingress-nginx-retired');
  assert.deepEqual(
    found.map((f) => f.ruleId),
    ['invalid-origin', 'wildcard-origin', 'wildcard-with-credentials'],
  );
  const [cause, any, cred] = found;
  assert.deepEqual(
    found.map((f) => headline(f.message)),
    [
      '`cors-allow-origin` is invalid: ingress-nginx rejects the whole value and allows any origin.',
      'Any origin (`*`) allowed, because the origin list is invalid: see invalid-origin.',
      '`*` with credentials, because the origin list is invalid: see invalid-origin.',
    ],
  );
  for (const f of [any, cred]) {
    assert.deepEqual(f.cause, { ruleId: 'invalid-origin', range: cause.range });
    assert.deepEqual(f.related[0], { range: cause.range, message: `Cause (invalid-origin): ${headline(cause.message)}` });
    assert.equal(f.fixes[0].title, cause.fixes[0].title);
    assert.equal(f.fixes[0].fromCause, 'invalid-origin');
    assert.equal(
      f.fixes.find((x) => x.safe),
      f.fixes[0],
      "the preferred (first safe) fix is the cause's",
    );
    assert.equal(f.causedBy, undefined);
  }
  // Fixing the cause clears all of them.
  const fixed = fixText(TEXT, opts);
  assert.deepEqual(onValue(fixed.result.findings.map((f) => f.ruleId)), []);
  assert.match(fixed.text, /cors-allow-origin: "https:\/\/dashboard\.example\.com"\n/);
});

test('without the cause (invalid-origin off or suppressed) the consequences stand as reported alone', () => {
  const off = lintText(TEXT, { ...opts, config: { ...DEFAULT_CONFIG, rules: { 'invalid-origin': 'off' } } }).findings;
  assert.deepEqual(onValue(off.map((f) => f.ruleId)), ['wildcard-origin', 'wildcard-with-credentials']);
  assert.deepEqual(
    off.filter((f) => f.ruleId.startsWith('wildcard')).map((f) => [headline(f.message), f.cause, f.related.length]),
    [
      ['`cors-allow-origin` is invalid, so any origin is allowed: any website can read the API.', undefined, 0],
      ['Any origin with credentials: browsers reject every credentialed request.', undefined, 1],
    ],
  );
  const suppressed = TEXT.replace(
    '"https://dashboard.example.com/"',
    '"https://dashboard.example.com/" # vcluster-cors-disable-line invalid-origin',
  );
  const s = lintText(suppressed, opts).findings;
  assert.ok(s.every((f) => !f.cause));
});

test("`*` that hides another entry's problem says so in its related information (the Traefik example)", () => {
  const file = path.join(__dirname, '../../../examples/controllers/traefik-middleware.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const star = lintText(text, { filePath: file, config: DEFAULT_CONFIG }).findings.find((f) => f.ruleId === 'wildcard-origin')!;
  assert.deepEqual(
    star.related.map((r) => [text.slice(r.range.start, r.range.end), r.message]),
    [
      [
        'http://localhost:3000',
        'Hidden by `*`: `http://localhost:3000` is a loopback origin in a production file (localhost-in-prod), reported once `*` is removed.',
      ],
    ],
  );
  // The explanation names Traefik, not "the controller", and has one colon.
  const cred = lintText(text, { filePath: file, config: DEFAULT_CONFIG }).findings.find((f) => f.ruleId === 'wildcard-with-credentials')!;
  assert.match(
    cred.message,
    /credentialed requests\. Traefik echoes any Origin together with `Access-Control-Allow-Credentials: true`: spec\.headers\.accessControlAllowOriginList allows any origin \(`\*`\) and spec\.headers\.accessControlAllowCredentials is `true`\.$/,
  );
});
