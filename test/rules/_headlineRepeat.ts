/**
 * Whether a finding's explanation restates its headline (test/unit/headline-repeat.test.ts over the examples and
 * fixtures, test/rules/headline-repeat-tables.test.ts over the rule tables).
 */
import assert from 'node:assert/strict';
import { ruleById } from '../../server/src/engine/index';
import type { Finding } from '../../server/src/engine/types';

const words = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .replace(/[`'"().,:;]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2),
  );

/** Share of the smaller sentence's words that the other one has too. */
export function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size);
}

/** `ruleId/messageId` when the explanation's first sentence shares 60% or more of its words with the headline. */
export function restatedHeadline(f: Finding): string | undefined {
  const template = f.messageId ? ruleById.get(f.ruleId)?.meta.messages[f.messageId] : undefined;
  if (!template) return undefined;
  const headline = template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(f.data?.[k] ?? ''));
  if (!f.message.startsWith(headline)) return undefined;
  const first =
    f.message
      .slice(headline.length)
      .trim()
      .split(/(?<=[.!?])\s/)[0] ?? '';
  return overlap(headline, first) >= 0.6 ? `${f.ruleId}/${f.messageId}` : undefined;
}

/** The ratchet: no id outside `known` repeats its headline, and every id in `known` still does. */
export function assertRatchet(found: Iterable<string>, known: readonly string[]): void {
  const sorted = [...found].sort();
  assert.deepEqual(
    sorted.filter((k) => !known.includes(k)),
    [],
    'the explanation repeats the headline: say why instead',
  );
  assert.deepEqual(
    known.filter((k) => !sorted.includes(k)),
    [],
    'no longer repeats its headline: remove it from KNOWN',
  );
}
