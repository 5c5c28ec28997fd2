/**
 * A correct configuration lints silent (issue 18, item 1): the seed's values file and every block the insert
 * command writes have no finding of any severity, except the once-per-file `ingress-nginx-retired` notice (whose
 * fix is the migration itself). test/lsp/insertBlock.test.ts checks the same for each insert into a real file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, planCorsBlock, applyEdits, DEFAULT_CONFIG } from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../../..');
const ids = (text: string, env?: 'production' | 'development') =>
  lintText(text, { filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG, environment: env })
    .findings.map((f) => f.ruleId)
    .filter((id) => id !== 'ingress-nginx-retired');

test('the seed example (examples/vcluster-platform.yaml) lints silent', () => {
  const text = fs.readFileSync(path.join(ROOT, 'examples/vcluster-platform.yaml'), 'utf8');
  assert.deepEqual(ids(text), []);
});

test('every block the insert command writes lints silent, in production and development', () => {
  const bases = [
    '',
    'ingress:\n  enabled: false\n  host: platform.example.com\n',
    'ingress:\n  enabled: true\n  annotations: {}\n  tls:\n    enabled: true\n',
  ];
  // (A wildcard origin the user types, `https://*.example.com`, is still reported by wildcard-subdomain: that is
  // about the origin chosen, not the block.)
  const originLists = [['https://dashboard.example.com'], ['https://app.example.com', 'https://admin.example.com']];
  for (const base of bases)
    for (const origins of originLists)
      for (const credentials of [true, false]) {
        const plan = planCorsBlock(base, origins, credentials);
        const out = applyEdits(base, plan.edits);
        assert.deepEqual(ids(out), [], `${JSON.stringify({ base, origins, credentials })}\n${out}`);
      }
  const dev = applyEdits('', planCorsBlock('', ['http://localhost:3000'], false).edits);
  assert.deepEqual(ids(dev, 'development'), []);
});
