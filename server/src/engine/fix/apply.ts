/** Applying edits: sorted, non-overlapping, in one pass over the text. */
import type { Finding, Fix, TextEdit } from '../types';

/** Apply edits that do not overlap (edits are offsets into `text`). Overlapping ones are rejected. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point also conflict (order would be ambiguous).
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return (
    (a.start < b.end && b.start < a.end) ||
    (a.start === a.end && a.start > b.start && a.start < b.end) ||
    (b.start === b.end && b.start > a.start && b.start < a.end)
  );
}

/**
 * Choose fixes whose edits do not overlap each other, in finding order: the first fix of each finding
 * (when `safe`). Returns the chosen fixes.
 */
export function selectNonOverlapping(fixes: readonly Fix[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const f of fixes) {
    if (f.edits.length === 0) continue;
    if (f.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    // edits of one fix must not overlap each other either
    const own = [...f.edits].sort((a, b) => a.start - b.start);
    let ok = true;
    for (let i = 1; i < own.length; i++) if (own[i].start < own[i - 1].end) ok = false;
    if (!ok) continue;
    chosen.push(f);
    taken.push(...f.edits);
  }
  return chosen;
}

/** The preferred safe fix of each finding. */
export function preferredFixes(findings: readonly Finding[], filter?: (f: Finding) => boolean): Fix[] {
  const out: Fix[] = [];
  for (const f of findings) {
    if (filter && !filter(f)) continue;
    const fx = f.fixes.find((x) => x.safe);
    if (fx) out.push(fx);
  }
  return out;
}

/** The smallest single edit that turns `a` into `b` (common prefix and suffix kept). */
export function minimalEdit(a: string, b: string): TextEdit | undefined {
  if (a === b) return undefined;
  let s = 0;
  const max = Math.min(a.length, b.length);
  while (s < max && a.charCodeAt(s) === b.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && a.charCodeAt(a.length - 1 - e) === b.charCodeAt(b.length - 1 - e)) e++;
  return { start: s, end: a.length - e, newText: b.slice(s, b.length - e) };
}
