import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../../server/src/engine/lint';
import { looksLikeCorsConfig } from '../../server/src/engine/targets/sniff';

const EX = path.resolve(__dirname, '../../../examples');
const lintEx = (rel: string) => {
  const text = fs.readFileSync(path.join(EX, rel), 'utf8');
  const r = lintText(text, { filePath: rel });
  return { r, text, ids: r.findings.map((f) => `${f.ruleId}@${r.lines.position(f.range.start).line + 1}`) };
};

test('Traefik file provider: http.middlewares.<name>.headers is a Traefik target with the same rules', () => {
  const { r, ids, text } = lintEx('traefik-file/dynamic.yml');
  assert.deepEqual(
    r.policies.map((p) => [p.controller, p.source, p.fields.origin?.label]),
    [['traefik', 'middleware cors', 'http.middlewares.cors.headers.accessControlAllowOriginList']],
  );
  assert.deepEqual(ids, ['missing-vary-header@11', 'origin-never-matches@13']);
  assert.equal(looksLikeCorsConfig(text), true);
});

test('Flagger Canary: spec.service.corsPolicy has Istio semantics', () => {
  const { r, ids, text } = lintEx('flagger/canary.yaml');
  assert.deepEqual(
    r.policies.map((p) => [p.controller, p.source, p.maxAge]),
    [['istio', 'Canary/api', 86400]],
  );
  assert.deepEqual(ids, ['wildcard-origin@16', 'wildcard-with-credentials@16', 'max-age-exceeds-browser-cap@19']);
  assert.equal(looksLikeCorsConfig(text), true);
});

test('a file-provider config without CORS headers, or a Canary without corsPolicy, has no target', () => {
  const file = 'http:\n  middlewares:\n    redirect:\n      redirectScheme: { scheme: https }\n';
  assert.deepEqual(lintText(file, { filePath: 'dynamic.yml' }).policies, []);
  const canary = 'apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: { name: a }\nspec:\n  service: { port: 80 }\n';
  assert.deepEqual(lintText(canary, { filePath: 'canary.yaml' }).policies, []);
});
