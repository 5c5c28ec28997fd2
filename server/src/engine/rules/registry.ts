/** All rules, from the generated index (scripts/gen-rules.mjs lists every rule module in this folder). */
import type { Rule } from './rule';
import { allRules } from './index.generated';
import { compareIds } from '../util/compare';

export const rules: readonly Rule[] = [...allRules].sort((a, b) => compareIds(a.meta.id, b.meta.id));
export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
export const ruleIds: readonly string[] = rules.map((r) => r.meta.id);
