/**
 * What the linter does with Go-template actions (`{{ … }}`) once the file is parsed (see parse/template.ts):
 *
 *  - in a chart template (parsed masked), every action is *unknown until rendered*;
 *  - in a values file of the vCluster Platform chart, actions are literal text: the chart writes
 *    `ingress.annotations` with `toYaml` and no `tpl`, so ingress-nginx receives `{{ … }}` as written
 *    (docs/reference/helm-templates.md);
 *  - in any other file (other charts' values, whose chart may or may not pass the value through `tpl`, and
 *    manifests), an action inside a value is unknown too.
 *
 * Unknown values are not checked: findings that point into an unknown action are dropped, the semantic
 * rules skip a policy whose switch, origins or credentials are unknown, and the `helm-template` rule says so.
 */
import type { EffectivePolicy, Finding, ParsedFile, PolicyField, Range, Target } from './types';
import { overlapsAction, type TemplateAction } from './parse/template';

export interface TemplateScope {
  /** The actions whose output is unknown, in text order. */
  unknown: TemplateAction[];
  /** Whether the file was parsed as a chart template (its actions masked). */
  chartTemplate: boolean;
  /** Whether a range overlaps an unknown action. */
  isUnknown(range: Range): boolean;
}

const NONE: TemplateScope = { unknown: [], chartTemplate: false, isUnknown: () => false };

export function templateScope(parsed: ParsedFile, targets: readonly Target[]): TemplateScope {
  const t = parsed.template;
  if (!t || t.actions.length === 0) return NONE;
  let unknown = t.actions;
  if (!t.masked) {
    // Literal in the vCluster Platform chart's annotation values.
    const literal: Range[] = [];
    for (const tg of targets)
      if (tg.kind === 'ingress-nginx' && tg.values?.chart.platform) for (const a of tg.annotations) literal.push(a.value.range);
    if (literal.length) unknown = t.actions.filter((a) => !literal.some((r) => r.start <= a.range.start && a.range.end <= r.end));
  }
  if (unknown.length === 0) return NONE;
  return { unknown, chartTemplate: t.masked, isUnknown: (r) => overlapsAction(unknown, r) };
}

/** The fields that decide whether and to whom CORS headers go: when one is unknown, so is the policy. */
const DECIDING = ['enable', 'origin', 'credentials'] as const;

export function unknownPolicyField(p: EffectivePolicy, scope: TemplateScope): string | undefined {
  if (scope.unknown.length === 0) return undefined;
  for (const f of DECIDING) {
    const ref = p.fields[f];
    if (ref && scope.isUnknown(ref.value.range)) return ref.label;
  }
  return undefined;
}

/** Rules whose findings stay even where a template action is (they are about the file, not a value). */
const KEEP = new Set(['yaml-syntax', 'duplicate-key', 'helm-template', 'unused-disable']);

export function dropUnknown(findings: Finding[], scope: TemplateScope): Finding[] {
  if (scope.unknown.length === 0) return findings;
  return findings.filter((f) => KEEP.has(f.ruleId) || !scope.isUnknown(f.range));
}

/** Adds a note to each policy whose deciding fields are unknown until rendered (for `policy`). */
export function noteUnknownPolicies(policies: EffectivePolicy[], scope: TemplateScope): void {
  if (scope.unknown.length === 0) return;
  for (const p of policies) {
    const unknown = (Object.keys(p.fields) as PolicyField[]).filter((f) => scope.isUnknown(p.fields[f]!.value.range));
    if (unknown.length) p.unknown = unknown;
    const label = unknownPolicyField(p, scope);
    if (!label) continue;
    // Notes about values that hold an action describe the action's text, not what renders: leave them out.
    p.notes = p.notes.filter((n) => !n.includes('{{') && !(unknown.includes('origin') && /any origin|Allow-Origin: \*/.test(n)));
    p.notes.unshift(`${label} is set by a template action: the effective policy is unknown until Helm renders it.`);
  }
}
