/**
 * The per-annotation steps of the ingress-nginx policy (policy/ingressNginx.ts assembles them). Each step reads one
 * annotation the way ingress-nginx does (policy/ingressNginxModel.ts), records where it was written and adds a note
 * for every value the controller does not use as written (docs/reference/ingress-nginx.md).
 */
import type { AnnotationEntry, EffectivePolicy, FieldRef, IngressNginxTarget, OriginMatcher, Range } from '../types';
import {
  DEFAULT_MAX_AGE,
  parseBoolAnnotation,
  parseIntAnnotation,
  parseListAnnotation,
  parseOriginAnnotation,
  type CorsSuffix,
  type OriginSyntax,
  type OriginOutcome,
  type StepResult,
} from './ingressNginxModel';
import { makeMatcher } from './origins';
import { q } from '../util/markdown';

/** What every step shares: the target, its annotations by suffix, and the policy being built. */
export interface StepContext {
  target: IngressNginxTarget;
  get(suffix: CorsSuffix): AnnotationEntry | undefined;
  /** --enable-annotation-validation. */
  validation: boolean;
  /** How this controller version parses cors-allow-origin. */
  syntax: OriginSyntax;
  notes: string[];
  fields: EffectivePolicy['fields'];
}

export function fieldOf(entry: AnnotationEntry | undefined): FieldRef | undefined {
  if (!entry) return undefined;
  return { keyRange: entry.keyRange, value: entry.value, label: entry.key };
}

export function fallbackWhy(r: StepResult<unknown>): string {
  switch (r.reason) {
    case 'empty':
      return 'is empty';
    case 'recheck':
      return 'passes the validator only once spaces are removed, and ingress-nginx checks it again with its spaces';
    default:
      return 'is not accepted by ingress-nginx';
  }
}

/** Range of one origin entry inside the value (exact when the scalar maps 1:1). */
export function entryRange(field: FieldRef, offset: number, length: number): Range {
  const v = field.value;
  if (v.contentStart !== undefined && offset >= 0) return { start: v.contentStart + offset, end: v.contentStart + offset + length };
  return v.range;
}

/** enable-cors: missing, empty or not a boolean → CORS stays off. */
export function enableStep(c: StepContext): { enabled: boolean; result?: StepResult<boolean> } {
  const entry = c.get('enable-cors');
  if (!entry) {
    c.notes.push('enable-cors is not set: CORS is off and every cors-* annotation is ignored.');
    return { enabled: false };
  }
  c.fields.enable = fieldOf(entry);
  const result = parseBoolAnnotation(entry.value.text, false, c.validation);
  if (!result.accepted) c.notes.push(`enable-cors ${q(entry.value.text)} ${fallbackWhy(result)}: CORS stays off.`);
  return { enabled: result.value, result };
}

export interface OriginStep {
  outcome: OriginOutcome;
  origins: OriginMatcher[];
  writtenOrigins: OriginMatcher[];
  anyOrigin: boolean;
}

/** cors-allow-origin: the written entries, and the ones ingress-nginx ends up matching. */
export function originStep(c: StepContext): OriginStep {
  const entry = c.get('cors-allow-origin');
  const outcome = parseOriginAnnotation(entry?.value.text, c.validation, c.syntax);
  const field = fieldOf(entry);
  if (field) c.fields.origin = field;
  const writtenOrigins: OriginMatcher[] = [];
  if (field) {
    outcome.pieces.forEach((p, i) => {
      writtenOrigins.push(makeMatcher(p.value, entryRange(field, p.offset, p.value.length), i, field));
    });
  }
  if (outcome.emptyMatchesAll && field) return emptyEntryOrigins(c, outcome, field, writtenOrigins);
  const origins =
    outcome.origins.length === 1 && outcome.origins[0] === '*'
      ? [starOrigin(c, outcome, field, writtenOrigins, entry)]
      : keptOrigins(c, outcome, writtenOrigins);
  const anyOrigin = origins.length === 1 && origins[0].kind === 'any';
  return { outcome, origins, writtenOrigins, anyOrigin };
}

/**
 * v1.0.5–v1.9.4: a trailing comma keeps an empty entry, the template joins the entries with `|` before it sees that
 * the last one is empty, and the regex `((a)|(b)|)$` matches every origin, which is then echoed
 * (docs/reference/controller-versions.md; verified with real nginx in test/conformance/cases-versions.mjs).
 */
function emptyEntryOrigins(c: StepContext, outcome: OriginOutcome, field: FieldRef, written: OriginMatcher[]): OriginStep {
  const at = field.value.text.lastIndexOf(',');
  const any = makeMatcher('*', entryRange(field, at, 1), written.length, field, 'any');
  c.notes.push(
    `cors-allow-origin ends with an empty entry: ingress-nginx ${c.syntax.version} adds an empty alternative to its origin regex, which matches every origin, and echoes it.`,
  );
  return { outcome, origins: [any], writtenOrigins: written, anyOrigin: false };
}

function starOrigin(
  c: StepContext,
  outcome: OriginOutcome,
  field: FieldRef | undefined,
  written: OriginMatcher[],
  entry: AnnotationEntry | undefined,
): OriginMatcher {
  const r = field ? field.value.range : c.target.anchor;
  const star = makeMatcher('*', written.find((w) => w.kind === 'any')?.range ?? r, 0, field, 'any');
  if (outcome.mode === 'default') c.notes.push('cors-allow-origin is not set: ingress-nginx allows any origin (`*`).');
  else if (outcome.mode === 'whole-invalid') {
    const bad = outcome.reason === 'empty' ? 'is empty' : 'does not pass ingress-nginx validation';
    c.notes.push(`cors-allow-origin ${q(entry!.value.text)} ${bad}: ingress-nginx rejects the whole value and allows any origin (\`*\`).`);
  } else if (outcome.pieces.filter((p) => p.status !== 'after-star').length > 1) {
    c.notes.push('cors-allow-origin contains `*`: any origin is allowed and the other entries do nothing.');
  }
  return star;
}

function keptOrigins(c: StepContext, outcome: OriginOutcome, written: OriginMatcher[]): OriginMatcher[] {
  const origins: OriginMatcher[] = [];
  for (const w of written) {
    if (outcome.pieces[w.index].status === 'kept') origins.push(w);
  }
  for (const p of outcome.pieces) {
    if (p.status === 'skipped-invalid')
      c.notes.push(`origin ${q(p.value)} is not a valid origin for ingress-nginx${p.why ? ` (${p.why})` : ''}: it is skipped.`);
  }
  if (origins.length === 0) c.notes.push('no usable origin is left in cors-allow-origin: ingress-nginx sends no CORS headers at all.');
  return origins;
}

/** cors-allow-credentials: missing, empty or not a boolean → true. */
export function credentialsStep(c: StepContext): { value: boolean; result?: StepResult<boolean> } {
  const entry = c.get('cors-allow-credentials');
  if (!entry) {
    c.notes.push('cors-allow-credentials is not set: ingress-nginx defaults it to `true`.');
    return { value: true };
  }
  c.fields.credentials = fieldOf(entry);
  const result = parseBoolAnnotation(entry.value.text, true, c.validation);
  if (!result.accepted) c.notes.push(`cors-allow-credentials ${q(entry.value.text)} ${fallbackWhy(result)}: it defaults to \`true\`.`);
  return { value: result.value, result };
}

/** cors-allow-methods / -headers / cors-expose-headers: a list checked by its regex, else the default. */
export function listStep(
  c: StepContext,
  suffix: CorsSuffix,
  key: 'methods' | 'headers' | 'expose',
  def: string,
  re: (x: string) => boolean,
  label: string,
): { value: string; result?: StepResult<string> } {
  const entry = c.get(suffix);
  if (!entry) return { value: def };
  c.fields[key] = fieldOf(entry);
  const result = parseListAnnotation(entry.value.text, def, re, c.validation);
  if (!result.accepted) c.notes.push(`${suffix} ${q(entry.value.text)} ${fallbackWhy(result)}: ${label}.`);
  return { value: result.value, result };
}

/** cors-max-age: missing, empty or not an integer → 1728000. */
export function maxAgeStep(c: StepContext): { value: number; result?: StepResult<number> } {
  const entry = c.get('cors-max-age');
  if (!entry) {
    c.notes.push(`cors-max-age is not set: ingress-nginx sends ${DEFAULT_MAX_AGE} (20 days).`);
    return { value: DEFAULT_MAX_AGE };
  }
  c.fields.maxAge = fieldOf(entry);
  const result = parseIntAnnotation(entry.value.text, DEFAULT_MAX_AGE, c.validation);
  if (!result.accepted)
    c.notes.push(`cors-max-age ${q(entry.value.text)} ${fallbackWhy(result)}: it falls back to ${DEFAULT_MAX_AGE} (20 days).`);
  return { value: result.value, result };
}

/** vCluster Platform values file: the chart renders no Ingress unless `ingress.enabled`; unquoted values are rejected. */
export function valuesFileStep(c: StepContext): { rendered: boolean } {
  const facts = c.target.values;
  if (!facts) return { rendered: true };
  let rendered = true;
  if (facts.enabled?.value !== true) {
    rendered = false;
    c.notes.push('ingress.enabled is not `true`: the chart renders no Ingress, so none of these annotations take effect.');
  }
  const unquoted = c.target.annotations.filter((a) => a.value.node && !a.value.isString).map((a) => a.key);
  if (unquoted.length) {
    const one = unquoted.length === 1;
    c.notes.push(
      `${unquoted.map((k) => q(k)).join(', ')} ${one ? 'is' : 'are'} not a YAML string: the API server rejects the release, so nothing here is deployed until ${one ? 'it is' : 'they are'} quoted (the previous release stays). The values above assume the quoted text.`,
    );
  }
  return { rendered };
}
