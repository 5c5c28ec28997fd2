/**
 * Step 3 (ingress-nginx): the effective CORS policy of an Ingress — exactly what the controller will
 * send after its defaults and silent fallbacks, with a note for every value it does not use as written.
 */
import { PROFILES } from './profiles';
import type { AnnotationEntry, EffectivePolicy, FieldRef, IngressNginxTarget, OriginMatcher, Range } from '../types';
import {
  DEFAULT_HEADERS,
  DEFAULT_MAX_AGE,
  DEFAULT_METHODS,
  matchesExposeRegex,
  matchesHeadersRegex,
  matchesMethodsRegex,
  parseBoolAnnotation,
  parseIntAnnotation,
  parseListAnnotation,
  parseOriginAnnotation,
  type CorsSuffix,
  type OriginOutcome,
  type StepResult,
} from './ingressNginxModel';
import { makeMatcher } from './origins';
import { q } from '../util/markdown';

export interface IngressNginxOptions {
  /** --enable-annotation-validation (default on since controller v1.12). */
  annotationValidation: boolean;
}

export interface IngressNginxDetails {
  origin: OriginOutcome;
  enable?: StepResult<boolean>;
  credentials?: StepResult<boolean>;
  methods?: StepResult<string>;
  headers?: StepResult<string>;
  expose?: StepResult<string>;
  maxAge?: StepResult<number>;
}

/** The step-by-step outcome behind a policy (for rules that explain a fallback). */
export function ingressNginxDetails(p: EffectivePolicy): IngressNginxDetails | undefined {
  // Kept on the policy object itself: a WeakMap entry per lint is costly for the garbage collector.
  return (p as { nginxDetails?: IngressNginxDetails }).nginxDetails;
}

export function annotationKey(target: IngressNginxTarget, suffix: CorsSuffix): string {
  return `${target.prefix}/${suffix}`;
}

function fieldOf(entry: AnnotationEntry | undefined): FieldRef | undefined {
  if (!entry) return undefined;
  return { keyRange: entry.keyRange, value: entry.value, label: entry.key };
}


function fallbackWhy(r: StepResult<unknown>): string {
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

export function ingressNginxPolicy(target: IngressNginxTarget, opts: IngressNginxOptions): EffectivePolicy {
  const get = (s: CorsSuffix) => target.byKey.get(annotationKey(target, s));
  const notes: string[] = [];
  const v = opts.annotationValidation;
  const fields: EffectivePolicy['fields'] = {};

  // enable-cors
  const enableEntry = get('enable-cors');
  let enabled = false;
  let enable: StepResult<boolean> | undefined;
  if (enableEntry) {
    fields.enable = fieldOf(enableEntry);
    enable = parseBoolAnnotation(enableEntry.value.text, false, v);
    enabled = enable.value;
    if (!enable.accepted) notes.push(`enable-cors ${q(enableEntry.value.text)} ${fallbackWhy(enable)}: CORS stays off.`);
  } else {
    notes.push('enable-cors is not set: CORS is off and every cors-* annotation is ignored.');
  }

  // cors-allow-origin
  const originEntry = get('cors-allow-origin');
  const origin = parseOriginAnnotation(originEntry?.value.text, v);
  const originField = fieldOf(originEntry);
  if (originField) fields.origin = originField;
  const writtenOrigins: OriginMatcher[] = [];
  if (originField) {
    origin.pieces.forEach((p, i) => {
      writtenOrigins.push(makeMatcher(p.value, entryRange(originField, p.offset, p.value.length), i, originField));
    });
  }
  let origins: OriginMatcher[];
  if (origin.origins.length === 1 && origin.origins[0] === '*') {
    const r = originField ? originField.value.range : target.anchor;
    origins = [makeMatcher('*', writtenOrigins.find((w) => w.kind === 'any')?.range ?? r, 0, originField, 'any')];
    if (origin.mode === 'default') notes.push('cors-allow-origin is not set: ingress-nginx allows any origin (`*`).');
    else if (origin.mode === 'whole-invalid') {
      const bad = origin.reason === 'empty' ? 'is empty' : 'does not pass ingress-nginx validation';
      notes.push(`cors-allow-origin ${q(originEntry!.value.text)} ${bad}: ingress-nginx rejects the whole value and allows any origin (\`*\`).`);
    } else if (origin.pieces.filter((p) => p.status !== 'after-star').length > 1) {
      notes.push('cors-allow-origin contains `*`: any origin is allowed and the other entries do nothing.');
    }
  } else {
    origins = [];
    for (const w of writtenOrigins) {
      const piece = origin.pieces[w.index];
      if (piece.status === 'kept') origins.push(w);
    }
    for (const p of origin.pieces) {
      if (p.status === 'skipped-invalid') notes.push(`origin ${q(p.value)} is not a valid origin for ingress-nginx: it is skipped.`);
    }
    if (origins.length === 0) notes.push('no usable origin is left in cors-allow-origin: ingress-nginx sends no CORS headers at all.');
  }
  const anyOrigin = origins.length === 1 && origins[0].kind === 'any';

  // cors-allow-credentials
  const credEntry = get('cors-allow-credentials');
  let allowCredentials = true;
  let credentials: StepResult<boolean> | undefined;
  if (credEntry) {
    fields.credentials = fieldOf(credEntry);
    credentials = parseBoolAnnotation(credEntry.value.text, true, v);
    allowCredentials = credentials.value;
    if (!credentials.accepted)
      notes.push(`cors-allow-credentials ${q(credEntry.value.text)} ${fallbackWhy(credentials)}: it defaults to \`true\`.`);
  } else {
    notes.push('cors-allow-credentials is not set: ingress-nginx defaults it to `true`.');
  }

  const list = (s: CorsSuffix, key: 'methods' | 'headers' | 'expose', def: string, re: (x: string) => boolean, label: string) => {
    const e = get(s);
    if (!e) return { value: def, result: undefined };
    fields[key] = fieldOf(e);
    const r = parseListAnnotation(e.value.text, def, re, v);
    if (!r.accepted) notes.push(`${s} ${q(e.value.text)} ${fallbackWhy(r)}: ${label}.`);
    return { value: r.value, result: r };
  };
  const m = list('cors-allow-methods', 'methods', DEFAULT_METHODS, matchesMethodsRegex, `the default methods \`${DEFAULT_METHODS}\` are sent`);
  const h = list('cors-allow-headers', 'headers', DEFAULT_HEADERS, matchesHeadersRegex, 'the default header list is sent');
  const x = list('cors-expose-headers', 'expose', '', matchesExposeRegex, 'no header is exposed');

  // cors-max-age
  const maxEntry = get('cors-max-age');
  let maxAge = DEFAULT_MAX_AGE;
  let maxAgeResult: StepResult<number> | undefined;
  if (maxEntry) {
    fields.maxAge = fieldOf(maxEntry);
    maxAgeResult = parseIntAnnotation(maxEntry.value.text, DEFAULT_MAX_AGE, v);
    maxAge = maxAgeResult.value;
    if (!maxAgeResult.accepted) notes.push(`cors-max-age ${q(maxEntry.value.text)} ${fallbackWhy(maxAgeResult)}: it falls back to ${DEFAULT_MAX_AGE} (20 days).`);
  } else {
    notes.push(`cors-max-age is not set: ingress-nginx sends ${DEFAULT_MAX_AGE} (20 days).`);
  }

  // values-file specifics
  const facts = target.values;
  let rendered = true;
  if (facts) {
    const en = facts.enabled?.value;
    if (en !== true) {
      rendered = false;
      notes.push('ingress.enabled is not `true`: the chart renders no Ingress, so none of these annotations take effect.');
    }
  }
  if (facts) {
    const unquoted = target.annotations.filter((a) => a.value.node && !a.value.isString).map((a) => a.key);
    if (unquoted.length)
      notes.push(
        `${unquoted.map((k) => q(k)).join(', ')} ${unquoted.length === 1 ? 'is' : 'are'} not a YAML string: the API server rejects the release, so nothing here is deployed until ${unquoted.length === 1 ? 'it is' : 'they are'} quoted (the previous release stays). The values above assume the quoted text.`,
      );
  }
  if (anyOrigin && enabled) notes.push('ingress-nginx sends `Access-Control-Allow-Origin: *` on every response, even without an Origin header.');
  else if (enabled && origins.length > 0) notes.push('ingress-nginx echoes the request Origin when it matches, without `Vary: Origin`.');

  const policy: EffectivePolicy = {
    controller: 'ingress-nginx',
    profile: PROFILES['ingress-nginx'],
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: enabled && rendered && origins.length > 0,
    configured: enabled,
    origins,
    writtenOrigins,
    acaoMode: anyOrigin ? 'literal-star' : 'echo',
    allowCredentials,
    allowMethods: m.value,
    allowHeaders: h.value,
    exposeHeaders: x.value,
    maxAge,
    varyOrigin: false,
    preflightStatus: 204,
    fields,
    notes,
    target,
  };
  const fellBack: NonNullable<EffectivePolicy['fellBack']> = {};
  if (enable && !enable.accepted) fellBack.enable = true;
  if (credentials && !credentials.accepted) fellBack.credentials = true;
  if (m.result && !m.result.accepted) fellBack.methods = true;
  if (h.result && !h.result.accepted) fellBack.headers = true;
  if (x.result && !x.result.accepted) fellBack.expose = true;
  if (maxAgeResult && !maxAgeResult.accepted) fellBack.maxAge = true;
  if (origin.mode === 'whole-invalid') fellBack.origin = true;
  if (Object.keys(fellBack).length) policy.fellBack = fellBack;
  if (target.host) policy.servedHost = { written: target.host.value, range: target.host.range, label: target.values ? 'ingress.host' : 'the Ingress host' };
  Object.defineProperty(policy, 'nginxDetails', { enumerable: false, value: {
    origin,
    enable,
    credentials,
    methods: m.result,
    headers: h.result,
    expose: x.result,
    maxAge: maxAgeResult,
  } });
  return policy;
}
