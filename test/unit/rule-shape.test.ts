/**
 * The lint loop (engine/lint.ts) learns which visitors a rule has from its first run and then skips a rule with
 * nothing to visit in a file without calling `create`: every rule's `create` must return the same visitors whatever
 * the file, environment or configuration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../server/src/engine/rules/registry';
import type { RuleContext } from '../../server/src/engine/rules/rule';
import { LineIndex } from '../../server/src/engine/parse/positions';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/defaults';
import { lintText } from '../../server/src/engine/lint';

function context(text: string, filePath: string, environment: 'production' | 'development', strict: boolean): RuleContext {
  const config = strict ? { ...DEFAULT_CONFIG, rules: { 'wildcard-origin': 'error' as const } } : DEFAULT_CONFIG;
  return {
    text,
    lines: new LineIndex(text),
    filePath,
    environment,
    config,
    options: { filePath, config },
    parseProblems: [],
    templates: { unknown: [], chartTemplate: false, isUnknown: () => false },
    report: () => undefined,
  };
}

const contexts = [
  context('ingress:\n  enabled: true\n', 'vcluster-platform.yaml', 'production', false),
  context('apiVersion: v1\nkind: ConfigMap\n', 'dev/manifest.yaml', 'development', true),
  context('', 'x.yml', 'development', false),
];

test('every rule creates the same visitors in any context', () => {
  for (const r of rules) {
    const shapes = contexts.map((c) => Object.keys(r.create(c)).sort().join(','));
    assert.deepEqual(shapes, [shapes[0], shapes[0], shapes[0]], r.meta.id);
  }
});

test('a rule skipped for want of targets still runs when a later file has them', () => {
  // Files without a target first (the target and policy rules are skipped from then on for such files), then one
  // with an ingress-nginx target: its findings are all there.
  for (let i = 0; i < 3; i++) lintText('a: 1\n', { filePath: 'other.yaml' });
  const values =
    'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n';
  assert.deepEqual(
    lintText(values, { filePath: 'vcluster-platform.yaml' }).findings.map((f) => f.ruleId),
    ['ingress-nginx-retired', 'max-age-exceeds-browser-cap', 'wildcard-origin', 'wildcard-with-credentials'],
  );
});
