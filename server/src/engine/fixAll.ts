/**
 * Fix-all: apply every safe fix, re-lint, and repeat until nothing is left to fix (a fixed point).
 *
 * One pass = lint → the preferred safe fix of each finding → drop fixes whose edits overlap an
 * earlier one → apply them together. Fixes of one pass are computed on the same text, so fixes that
 * collide wait for the next pass, where they are recomputed on the new text.
 *
 * Guarantees:
 *  - a file that does not parse cleanly is never changed (a fix computed on a broken parse could do damage);
 *  - if a pass turns a clean file into one that does not parse (a bug in some fix), that pass is undone
 *    and fixing stops;
 *  - at most `maxPasses` passes (default 10), and a pass that changes nothing ends the loop.
 */
import type { Finding, LintOptions, LintResult } from './types';
import { lintText, YAML_SYNTAX } from './lint';
import { applyEdits, preferredFixes, selectNonOverlapping } from './fix/apply';

export const DEFAULT_MAX_FIX_PASSES = 10;

export interface FixTextOptions extends LintOptions {
  /** Upper bound on lint-and-fix passes (default 10). */
  maxPasses?: number;
  /** Only findings accepted by this filter are fixed (default: all). */
  filter?: (finding: Finding) => boolean;
}

export interface FixTextResult {
  /** The fixed text (=== the input when nothing was fixed). */
  text: string;
  /** Number of fixes applied over all passes. */
  fixed: number;
  /** Number of passes that changed the text. */
  passes: number;
  /** Why fixing stopped before a fixed point, if it did. */
  stopped?: 'syntax-error' | 'fix-broke-syntax' | 'max-passes';
  /** The lint result of the returned text (so callers need not lint again). */
  result: LintResult;
}

/** Whether the lint result describes a file that did not parse cleanly. */
export function hasSyntaxError(result: LintResult): boolean {
  if (result.parsed.fatal) return true;
  if (result.parsed.docs.some((d) => d.doc.errors.length > 0)) return true;
  return result.findings.some((f) => f.ruleId === YAML_SYNTAX && f.severity === 'error');
}

export function fixText(text: string, options: FixTextOptions): FixTextResult {
  const maxPasses = Math.max(1, options.maxPasses ?? DEFAULT_MAX_FIX_PASSES);
  const { maxPasses: _m, filter, ...lintOptions } = options;
  let current = text;
  let result = lintText(current, lintOptions);
  if (hasSyntaxError(result)) return { text, fixed: 0, passes: 0, stopped: 'syntax-error', result };

  let fixed = 0;
  let passes = 0;
  for (;;) {
    const chosen = selectNonOverlapping(preferredFixes(result.findings, filter));
    if (chosen.length === 0) return { text: current, fixed, passes, result };
    if (passes >= maxPasses) return { text: current, fixed, passes, stopped: 'max-passes', result };
    const next = applyEdits(current, chosen.flatMap((f) => f.edits));
    if (next === current) return { text: current, fixed, passes, result };
    const nextResult = lintText(next, lintOptions);
    if (hasSyntaxError(nextResult)) return { text: current, fixed, passes, stopped: 'fix-broke-syntax', result };
    current = next;
    result = nextResult;
    fixed += chosen.length;
    passes++;
  }
}
