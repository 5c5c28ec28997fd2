/** What the hovers (hover.ts, manifestHover.ts) share: offsets in ranges, and what they need from the analysis. */
import type { Analysis } from './analysis';

export function within(offset: number, r: { start: number; end: number }): boolean {
  return offset >= r.start && offset <= r.end;
}

/** What a hover needs from the analysis besides the policy: line numbers and the release-rejecting findings. */
export interface HoverContext {
  lineOf: (offset: number) => number;
  /** A finding that says the API server rejects the release (then nothing is "on"), as `rule-id`. */
  rejectedBy?: string;
}

/** Findings whose configuration never reaches the controller: the API server rejects the release. */
const REJECTING = new Set(['annotation-value-not-string', 'ingress-class-conflict']);

export function hoverContext(a: Analysis): HoverContext {
  const rejected = a.findings.find((f) => REJECTING.has(f.ruleId) && f.severity === 'error');
  return { lineOf: (o) => a.lines.position(o).line + 1, rejectedBy: rejected?.ruleId };
}
