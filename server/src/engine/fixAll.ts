/**
 * Fix-all: apply every safe fix, re-lint, and repeat until nothing is left to fix (a fixed point).
 *
 * One pass = lint → the preferred safe fix of each finding (errors first, then warnings, then infos; in file
 * order within a severity) → drop fixes whose edits overlap a higher-priority one → apply them together.
 * Fixes of one pass are computed on the same text, so fixes that collide wait for the next pass, where they are
 * recomputed on the new text.
 *
 * Guarantees:
 *  - a file that does not parse cleanly is never changed (a fix computed on a broken parse could do damage);
 *  - every pass must parse strictly: no syntax error and no duplicate key that was not there before. When the
 *    combined fixes of a pass break that, the fixes are tried one by one in priority order and a fix that
 *    breaks it (together with the ones already kept) is dropped — so of two conflicting fixes the
 *    lower-priority one goes; if no fix can be kept, fixing stops (`fix-made-worse`);
 *  - the result never has more error-severity findings of any rule than the input. A pass may add one that a
 *    later pass removes (turning CORS on reveals the `*` default, which the next pass replaces); when the end
 *    result is worse anyway, fixing starts again from the input with the same check after every pass;
 *  - `unused-disable` fixes run last, on the final text only: a suppression that hides nothing before the other
 *    fixes may be needed after them;
 *  - at most `maxPasses` passes (default 10); stopping there with fixes left is reported (`max-passes`), since
 *    it means some fix does not converge.
 *
 * `fixTextSteps` is the same loop as a generator that yields after every lint, so an editor can check for
 * cancellation between passes; `fixText` runs it to the end.
 */
import type { Finding, LintOptions, LintResult, Severity } from './types';
import { lintText, UNUSED_DISABLE, YAML_SYNTAX } from './lint';
import { applyEdits, selectNonOverlapping } from './fix/apply';
import type { Fix } from './types';
import type { ParseOutput } from './parse/parse';

export const DEFAULT_MAX_FIX_PASSES = 10;

export interface FixTextOptions extends LintOptions {
  /** Upper bound on lint-and-fix passes (default 10). */
  maxPasses?: number;
  /** Only findings accepted by this filter are fixed (default: all). */
  filter?: (finding: Finding) => boolean;
}

export type FixStopReason = 'syntax-error' | 'fix-made-worse' | 'max-passes';

export interface FixTextResult {
  /** The fixed text (=== the input when nothing was fixed). */
  text: string;
  /** Number of fixes applied over all passes. */
  fixed: number;
  /** Number of passes that changed the text. */
  passes: number;
  /**
   * Why fixing stopped before a fixed point, if it did: the file does not parse (`syntax-error`, nothing
   * changed), every remaining fix would make the file worse (`fix-made-worse`), or the pass limit was reached
   * with fixes left (`max-passes`: a fix that does not converge).
   */
  stopped?: FixStopReason;
  /** Fixes dropped because they made the file worse (a fix bug or two conflicting fixes). */
  dropped: number;
  /** The lint result of the returned text (so callers need not lint again). */
  result: LintResult;
}

/** Whether the lint result describes a file that did not parse cleanly. */
export function hasSyntaxError(result: LintResult): boolean {
  if (result.parsed.fatal) return true;
  if (result.parsed.docs.some((d) => d.doc.errors.length > 0)) return true;
  return result.findings.some((f) => f.ruleId === YAML_SYNTAX && f.severity === 'error');
}

/** What "worse" is measured with: strict-parse problems and error findings per rule. */
interface Score {
  duplicateKeys: number;
  parseErrors: number;
  errorsByRule: Map<string, number>;
}

function score(result: LintResult): Score {
  let duplicateKeys = 0;
  let parseErrors = 0;
  for (const p of (result.parsed as ParseOutput).problems ?? []) {
    if (p.kind === 'duplicate-key') duplicateKeys++;
    else if (p.kind === 'error') parseErrors++;
  }
  const errorsByRule = new Map<string, number>();
  for (const f of result.findings) if (f.severity === 'error') errorsByRule.set(f.ruleId, (errorsByRule.get(f.ruleId) ?? 0) + 1);
  return { duplicateKeys, parseErrors, errorsByRule };
}

/** Whether `next` does not parse strictly where `before` did: a syntax error or a new duplicate key. */
function broken(before: Score, next: LintResult): boolean {
  if (hasSyntaxError(next)) return true;
  const s = score(next);
  return s.duplicateKeys > before.duplicateKeys || s.parseErrors > before.parseErrors;
}

/** Whether `next` is worse than `before`: it does not parse strictly, or some rule reports more errors. */
function worse(before: Score, next: LintResult): boolean {
  if (broken(before, next)) return true;
  const s = score(next);
  for (const [id, n] of s.errorsByRule) if (n > (before.errorsByRule.get(id) ?? 0)) return true;
  return false;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The preferred safe fix of each finding, highest priority first (severity, then file order). */
function candidates(findings: readonly Finding[], filter: ((f: Finding) => boolean) | undefined, unusedDisable: boolean): Fix[] {
  const picked = findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => (f.ruleId === UNUSED_DISABLE) === unusedDisable && (!filter || filter(f)))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i);
  const out: Fix[] = [];
  for (const { f } of picked) {
    const fx = f.fixes.find((x) => x.safe && x.edits.length > 0);
    if (fx) out.push(fx);
  }
  return out;
}

export function* fixTextSteps(text: string, options: FixTextOptions): Generator<void, FixTextResult, void> {
  const { maxPasses: _m, filter: _f, ...lintOptions } = options;
  const result = lintText(text, lintOptions);
  yield;
  if (hasSyntaxError(result)) return { text, fixed: 0, passes: 0, stopped: 'syntax-error', dropped: 0, result };
  const original = score(result);
  // First try: a pass may add an error that a later pass removes (enabling CORS reveals the `*` default, which
  // the next pass fixes); only the end result must not be worse than the file was.
  const lenient = yield* attempt(text, result, options, false);
  if (lenient.stopped === 'max-passes' || !worse(original, lenient.result)) return lenient;
  // It is worse: fix again, keeping only passes that add no error at all.
  const strict = yield* attempt(text, result, options, true);
  return { ...strict, dropped: strict.dropped + (strict.fixed < lenient.fixed ? lenient.fixed - strict.fixed : 0) };
}

function* attempt(text: string, first: LintResult, options: FixTextOptions, strictErrors: boolean): Generator<void, FixTextResult, void> {
  const maxPasses = Math.max(1, options.maxPasses ?? DEFAULT_MAX_FIX_PASSES);
  const { maxPasses: _m, filter, ...lintOptions } = options;
  let current = text;
  let result = first;
  let fixed = 0;
  let passes = 0;
  let dropped = 0;
  for (;;) {
    // unused-disable fixes only once no other fix is left: on the final text.
    let chosen = selectNonOverlapping(candidates(result.findings, filter, false));
    if (chosen.length === 0) chosen = selectNonOverlapping(candidates(result.findings, filter, true));
    if (chosen.length === 0) return { text: current, fixed, passes, dropped, result };
    if (passes >= maxPasses) return { text: current, fixed, passes, stopped: 'max-passes', dropped, result };
    const before = score(result);
    const bad = (r: LintResult) => (strictErrors ? worse(before, r) : broken(before, r));
    let next = applyEdits(
      current,
      chosen.flatMap((f) => f.edits),
    );
    let nextResult = next === current ? result : lintText(next, lintOptions);
    yield;
    let applied = chosen.length;
    if (next !== current && bad(nextResult)) {
      // Keep fixes one by one, in priority order, while the file does not get worse.
      const kept: Fix[] = [];
      let keptText = current;
      let keptResult = result;
      for (const f of chosen) {
        const tryText = applyEdits(
          current,
          [...kept, f].flatMap((x) => x.edits),
        );
        const tryResult = lintText(tryText, lintOptions);
        yield;
        if (bad(tryResult)) {
          dropped++;
          continue;
        }
        kept.push(f);
        keptText = tryText;
        keptResult = tryResult;
      }
      if (kept.length === 0) return { text: current, fixed, passes, stopped: 'fix-made-worse', dropped, result };
      next = keptText;
      nextResult = keptResult;
      applied = kept.length;
    }
    if (next === current) return { text: current, fixed, passes, dropped, result };
    current = next;
    result = nextResult;
    fixed += applied;
    passes++;
  }
}

export function fixText(text: string, options: FixTextOptions): FixTextResult {
  const steps = fixTextSteps(text, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
