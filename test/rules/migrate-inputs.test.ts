/**
 * Issue 17: every rule-test input that has a CORS policy in effect migrates to each controller — the YAML parses,
 * lints without new errors, and its simulated behaviour differs only where an intended change says so.
 * The inputs are collected from the rule tables (the ruleTester only collects in this process), deduplicated.
 */
process.env.VCLUSTER_CORS_COLLECT_RULE_INPUTS = '1';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectedRuleInputs } from './_ruleTester';
import { checkMigrations } from './_migrateCheck';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../server/src/engine/index';

for (const f of fs.readdirSync(__dirname).sort()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- load the rule tables in this process, in order
  if (f.endsWith('.test.js') && f !== path.basename(__filename)) require(path.join(__dirname, f));
}

test('the rule tables were collected', () => {
  assert.ok(collectedRuleInputs.length >= 35, String(collectedRuleInputs.length));
});

const seen = new Set<string>();
let total = 0;
for (const { ruleId, tests } of collectedRuleInputs) {
  const cases = [...tests.valid, ...tests.invalid]
    .map((v, i) => ({ i, c: typeof v === 'string' ? { code: v } : v }))
    .filter(({ c }) => {
      const key = JSON.stringify([c.code, c.filename, c.env, c.config]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  if (cases.length === 0) continue;
  test(`${ruleId}: every input migrates to each controller as the behaviour diff says`, () => {
    for (const { i, c } of cases) {
      const config: ResolvedConfig = {
        ...DEFAULT_CONFIG,
        ...(c.config ?? {}),
        rules: { ...DEFAULT_CONFIG.rules, ...(c.config?.rules ?? {}) },
      };
      total += checkMigrations({
        name: `${ruleId} #${i + 1}${'name' in c && c.name ? ' ' + c.name : ''}`,
        code: c.code,
        filename: c.filename,
        env: c.env,
        config,
      });
    }
  });
}

test('a good share of the inputs was migrated', () => {
  assert.ok(total >= 300, `${total} migrations checked`);
});
