/**
 * test/unit/headline-repeat.test.ts over the rule tables: every finding the rule tests produce (valid and invalid
 * inputs, with their file names, environments and configuration), so messages that no example or fixture
 * triggers are checked too. The ids still restating their headline are listed (a ratchet): a new one fails, and
 * one that no longer repeats itself must leave the list.
 */
process.env.VCLUSTER_CORS_COLLECT_RULE_INPUTS = '1';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectedRuleInputs } from './_ruleTester';
import { assertRatchet, restatedHeadline } from './_headlineRepeat';
import { DEFAULT_CONFIG, lintText, type ResolvedConfig } from '../../server/src/engine/index';

/** Still restating their headline (to be rewritten: keep the facts, drop the repeat). */
const KNOWN: readonly string[] = [
  'annotation-value-not-string/collection',
  'duplicate-key/duplicate',
  'ingress-disabled/disabled',
  'insecure-origin/plainHttp',
  'invalid-boolean/cors-allow-credentials',
  'invalid-boolean/enable-cors',
  'invalid-expose-headers/invalid',
  'invalid-headers/invalid',
  'invalid-max-age/invalid',
  'invalid-max-age/negative',
  'invalid-methods/invalid',
  'invalid-origin/noneLeft',
  'invalid-origin/skipped',
  'kong-plugin-reference/unknownPlugin',
  'manual-cors-headers/native',
  'missing-authorization-header/star',
  'no-vary-origin/noVary',
  'origin-default-port/defaultPort',
  'origin-not-allowlisted/anyOrigin',
  'origin-not-allowlisted/notListed',
  'same-origin/sameOrigin',
  'schema/crd',
  'tls-disabled/tlsOff',
];

// Only as its own test file: migrate-inputs.test.ts loads every rule table, this one included.
if (require.main === module) {
  for (const f of fs.readdirSync(__dirname).sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- load the rule tables in this process, in order
    if (f.endsWith('.test.js') && f !== path.basename(__filename) && f !== 'migrate-inputs.test.js') require(path.join(__dirname, f));
  }

  test('explanations in the rule tables do not restate their headline', () => {
    assert.ok(collectedRuleInputs.length >= 35, String(collectedRuleInputs.length));
    const repeating = new Set<string>();
    for (const { tests } of collectedRuleInputs) {
      for (const v of [...tests.valid, ...tests.invalid]) {
        const c = typeof v === 'string' ? { code: v } : v;
        const config: ResolvedConfig = {
          ...DEFAULT_CONFIG,
          ...(c.config ?? {}),
          rules: { ...DEFAULT_CONFIG.rules, ...(c.config?.rules ?? {}) },
        };
        for (const f of lintText(c.code, { filePath: c.filename ?? 'vcluster-platform.yaml', environment: c.env, config }).findings) {
          const key = restatedHeadline(f);
          if (key) repeating.add(key);
        }
      }
    }
    assertRatchet(repeating, KNOWN);
  });
}
