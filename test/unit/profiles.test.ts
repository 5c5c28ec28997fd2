/**
 * Controller profiles: the one table the rules ask about a controller. Rules never test which controller
 * they look at; the messages they build from the profile stay true for each controller.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/defaults';
import { rules } from '../../server/src/engine/rules/registry';
import { CONTROLLERS, PROFILES } from '../../server/src/engine/policy/profiles';
import type { Controller, PolicyField } from '../../server/src/engine/types';

const root = join(__dirname, '../../..');
const FIELDS: PolicyField[] = ['enable', 'origin', 'credentials', 'methods', 'headers', 'expose', 'maxAge', 'vary'];

test('every controller has a complete profile under its own id', () => {
  assert.deepEqual([...CONTROLLERS].sort(), [
    'apisix',
    'contour',
    'emissary',
    'envoy-gateway',
    'gateway-api',
    'haproxy',
    'haproxy-ingress',
    'ingress-nginx',
    'istio',
    'kong',
    'traefik',
  ]);
  for (const c of CONTROLLERS) {
    const p = PROFILES[c];
    assert.equal(p.id, c);
    assert.ok(p.name && p.Name && p.title, c);
    assert.equal(p.Name.toLowerCase(), p.name.toLowerCase(), `${c}: Name is name capitalized`);
    for (const f of FIELDS) assert.ok(p.settings[f], `${c}: settings.${f}`);
  }
});

test('rules that concern some controllers name real ones', () => {
  for (const r of rules) for (const c of r.meta.controllers ?? []) assert.ok(CONTROLLERS.includes(c), `${r.meta.id}: ${c}`);
});

test('no rule module branches on the controller (it asks the profile, or declares meta.controllers)', () => {
  const dir = join(root, 'server/src/engine/rules');
  const names = CONTROLLERS.map((c) => c.replace('-', '\\-')).join('|');
  const patterns = [
    /controller\s*[!=]==?/,
    /\.controller\b/,
    new RegExp(`kind\\s*[!=]==?\\s*'(${names})'`),
    new RegExp(`case\\s+'(${names})'`),
    /Record<\s*(Controller|EffectivePolicy\['controller'\])/,
  ];
  const offenders: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (patterns.some((re) => re.test(line))) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(offenders, []);
});

/** Findings of the semantic rules that describe what the controller does, per fixture. */
const FIXTURES: Record<Controller, string> = {
  'ingress-nginx': 'ingress.yaml',
  traefik: 'traefik.yaml',
  istio: 'istio.yaml',
  'gateway-api': 'gateway-api.yaml',
  'envoy-gateway': 'envoy-gateway.yaml',
  contour: 'contour.yaml',
  emissary: 'emissary.yaml',
  kong: 'kong.yaml',
  apisix: 'apisix.yaml',
  'haproxy-ingress': 'haproxy-ingress.yaml',
  haproxy: 'haproxy.yaml',
};

for (const c of CONTROLLERS) {
  test(`${c}: messages name ${PROFILES[c].name} and no other controller`, () => {
    const file = FIXTURES[c];
    const text = readFileSync(join(root, 'test/fixtures/controllers', file), 'utf8');
    // no-vary-origin is off by default: turned on here, as a project with a shared cache does.
    const res = lintText(text, { filePath: file, config: { ...DEFAULT_CONFIG, rules: { 'no-vary-origin': 'info' } } });
    const semantic = new Set(rules.filter((r) => r.meta.kind === 'semantic').map((r) => r.meta.id));
    const about = res.findings.filter((f) => semantic.has(f.ruleId) && /\b(sends|echoes|answers|matches)\b/.test(f.message));
    assert.ok(
      about.length >= 2,
      `${file}: expected findings that describe the controller, got ${res.findings.map((f) => f.ruleId).join(', ')}`,
    );
    const others = CONTROLLERS.filter((o) => o !== c).map((o) => PROFILES[o]);
    for (const f of about) {
      for (const o of others) {
        // Traefik's and ingress-nginx's names are distinct words; Istio's may appear as part of a setting path.
        assert.ok(
          !f.message.includes(o.Name + ' ') && !f.message.includes(' ' + o.name + ' '),
          `${f.ruleId} on ${c} names ${o.name}: ${f.message}`,
        );
      }
    }
    const vary = res.findings.filter((f) => f.ruleId === 'no-vary-origin');
    const profile = PROFILES[c];
    if (profile.vary.kind === 'never') {
      assert.ok(vary.length > 0, `${c}: no-vary-origin expected`);
      for (const f of vary) assert.ok(f.message.includes(profile.vary.why), f.message);
    } else assert.equal(vary.length, 0, `${c} can add Vary (a setting with its own rule, or sent whenever it echoes)`);
  });
}
