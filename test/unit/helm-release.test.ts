/** Linting a Helm release: findings land in the file (or flag) that set the effective value. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, lintRelease, lintText, type ValuesSource, type ReleaseLintResult } from '../../server/src/engine/index';

/** no-vary-origin is off by default; these tests turn it on to see where a finding on the origin lands. */
const VARY = { ...DEFAULT_CONFIG, rules: { 'no-vary-origin': 'info' as const } };

const ROOT = path.resolve(__dirname, '../../..');
const ex = (n: string): ValuesSource => ({ kind: 'file', name: n, text: fs.readFileSync(path.join(ROOT, 'examples/release', n), 'utf8') });
const file = (name: string, text: string): ValuesSource => ({ kind: 'file', name, text });

/**
 * `file line:col ruleId` per finding, in source order. The once-per-file `ingress-nginx-retired` notice is left out
 * here (every release below runs on ingress-nginx); `retiredWhere` and its own test below place it.
 */
function where(r: ReleaseLintResult): string[] {
  return allWhere(r).filter((w) => !w.endsWith(' ingress-nginx-retired'));
}

function allWhere(r: ReleaseLintResult): string[] {
  const out: string[] = [];
  r.results.forEach((x) => {
    if (!x) return;
    for (const f of x.findings) {
      const p = x.lines.position(f.range.start);
      out.push(`${x.filePath} ${p.line + 1}:${p.character + 1} ${f.ruleId}`);
    }
  });
  return out;
}

describe('release lint', () => {
  test('the layered example is a correct release: silent', () => {
    const r = lintRelease({ name: 'prod', sources: [ex('base.yaml'), ex('prod.yaml')] });
    assert.deepEqual(where(r), []);
    const on = lintRelease({ name: 'prod', sources: [ex('base.yaml'), ex('prod.yaml')], config: VARY });
    assert.deepEqual(where(on), ['prod.yaml 4:52 no-vary-origin']);
  });

  test('a release on ingress-nginx gets the ingress-nginx-retired notice once, where enable-cors is set', () => {
    const r = lintRelease({ name: 'prod', sources: [ex('base.yaml'), ex('prod.yaml')], config: VARY });
    assert.deepEqual(allWhere(r), ['base.yaml 6:5 ingress-nginx-retired', 'prod.yaml 4:52 no-vary-origin']);
  });

  test('each file of the example alone still lints as today', () => {
    const base = lintText(ex('base.yaml').text, { filePath: 'base.yaml' }).findings.map((f) => f.ruleId);
    const prod = lintText(ex('prod.yaml').text, { filePath: 'prod.yaml' }).findings.map((f) => f.ruleId);
    assert.deepEqual(base, ['wildcard-with-credentials', 'ingress-nginx-retired', 'max-age-exceeds-browser-cap', 'wildcard-origin']);
    // prod.yaml alone has no vCluster Platform name or key: it gets the CORS rules only (no ingress-disabled).
    assert.deepEqual(prod, ['cors-not-enabled', 'cors-not-enabled', 'cors-not-enabled', 'cors-not-enabled']);
  });

  test('a value a later file overrides gets no finding; the winning value gets it, in its file', () => {
    const base =
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com/"\n    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n';
    const prod = 'ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://b.example.com:443"\n';
    const r = lintRelease({ name: 'r', sources: [file('base.yaml', base), file('prod.yaml', prod)], config: VARY });
    assert.deepEqual(where(r), ['prod.yaml 3:52 no-vary-origin', 'prod.yaml 3:53 origin-default-port']);
    const f = r.results[2]!.findings[1];
    // The fix maps into prod.yaml exactly (the value's own characters).
    const e = f.fixes[0].edits[0];
    assert.equal(prod.slice(0, e.start) + e.newText + prod.slice(e.end), prod.replace(':443', ''));
  });

  test('a --set value gets its finding at the flag, with the column of the value', () => {
    const r = lintRelease({
      name: 'r',
      config: VARY,
      sources: [
        ex('base.yaml'),
        ex('prod.yaml'),
        { kind: 'set', name: '--set', text: 'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=86400' },
      ],
    });
    assert.deepEqual(where(r), [
      'prod.yaml 4:52 no-vary-origin',
      '--set ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=86400 1:65 annotation-value-not-string',
      '--set ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=86400 1:65 max-age-exceeds-browser-cap',
    ]);
  });

  test('--set-string keeps the value a string (no annotation-value-not-string)', () => {
    const r = lintRelease({
      name: 'r',
      sources: [
        ex('base.yaml'),
        ex('prod.yaml'),
        { kind: 'set-string', name: '--set-string', text: 'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=7200' },
      ],
      config: VARY,
    });
    assert.deepEqual(where(r), ['prod.yaml 4:52 no-vary-origin']);
  });

  test('a bad --set is reported at the flag (release-values)', () => {
    const r = lintRelease({ name: 'r', sources: [ex('base.yaml'), { kind: 'set', name: '--set', text: 'ingress.host.x=1' }] });
    const flag = r.results[2]!;
    assert.equal(flag.findings[0].ruleId, 'release-values');
    assert.match(
      flag.findings[0].message,
      /^`--set ingress\.host\.x=1` cannot be applied: unable to parse key: `host` is the string "platform\.example\.com", not a map\.$/,
    );
  });

  test('--reuse-values trap: an annotation only the previous values still set', () => {
    const previous =
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n';
    const now =
      'ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n';
    const r = lintRelease({
      name: 'r',
      sources: [{ kind: 'reuse-values', name: 'previous.yaml', text: previous }, file('values.yaml', now)],
      config: VARY,
    });
    assert.deepEqual(where(r), ['previous.yaml 5:5 reused-annotation', 'previous.yaml 5:53 wildcard-origin']);
    const msg = r.results[1]!.findings[0].message;
    assert.match(
      msg,
      /^`cors-allow-origin` \(`\*`\) is set only by the previous release's values \(--reuse-values\)\. No values file sets `nginx\.ingress\.kubernetes\.io\/cors-allow-origin` any more/,
    );
    assert.ok(msg.indexOf('. ') <= 100, 'first sentence at a glance');
    // A null in a file does not remove it on a --reuse-values upgrade (helm/helm#30765): still reported.
    const nulled = now + '    nginx.ingress.kubernetes.io/cors-allow-origin: null\n';
    const r2 = lintRelease({
      name: 'r',
      sources: [{ kind: 'reuse-values', name: 'previous.yaml', text: previous }, file('values.yaml', nulled)],
      config: VARY,
    });
    assert.deepEqual(where(r2), ['previous.yaml 5:5 reused-annotation', 'previous.yaml 5:53 wildcard-origin']);
    // Without previous values, the files alone decide.
    const r3 = lintRelease({
      name: 'r',
      sources: [file('base.yaml', previous.replace('"*"', '"https://a.example.com"')), file('values.yaml', now)],
      config: VARY,
    });
    assert.deepEqual(where(r3), ['base.yaml 5:52 no-vary-origin']);
  });

  test('suppression comments apply in the file the finding lands in', () => {
    const base =
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"\n';
    const prod =
      'ingress:\n  annotations:\n    # vcluster-cors-disable-next-line max-age-exceeds-browser-cap -- CDN caches preflights\n    nginx.ingress.kubernetes.io/cors-max-age: "86400"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n';
    const r = lintRelease({ name: 'r', sources: [file('base.yaml', base), file('prod.yaml', prod)], config: VARY });
    assert.deepEqual(where(r), ['prod.yaml 5:52 no-vary-origin']);
  });

  test('a file that does not parse keeps its yaml-syntax finding and is left out of the merge', () => {
    const r = lintRelease({ name: 'r', sources: [ex('base.yaml'), file('bad.yaml', 'ingress: [\n')] });
    assert.ok(where(r).some((x) => x.startsWith('bad.yaml') && x.endsWith('yaml-syntax')));
  });

  test('duplicate keys stay a per-file finding', () => {
    const r = lintRelease({ name: 'r', sources: [ex('base.yaml'), ex('prod.yaml'), file('x.yaml', 'a: 1\na: 2\n')] });
    assert.ok(where(r).includes('x.yaml 2:1 duplicate-key'));
  });
});

describe('release lint: the chart schema applies to every values file of a vCluster Platform release', () => {
  // prod.yaml has no Platform-only key (config.loftHost, …) and is not named like a Platform values file: on its
  // own it is not judged by the chart schema; in a release of the chart it is, like its CORS targets.
  const prod = 'ingress:\n  enabled: true\n  host: loft.example.com\n  ingressClassName: nginx\n';
  test('on its own: no schema finding', () => {
    assert.deepEqual(
      lintText(prod, { filePath: 'prod.yaml' }).findings.map((f) => f.ruleId),
      [],
    );
  });
  test('in a release: the misspelt key is reported where it is written', () => {
    const r = lintRelease({ name: 'prod', sources: [file('prod.yaml', prod)] });
    assert.deepEqual(where(r), ['prod.yaml 4:3 schema']);
  });
});
