/**
 * Step 3 (HAProxy): the effective policy of the `cors-*` annotations of the two HAProxy controllers, from the
 * configuration they generate (docs/reference/haproxy-ingress.md, docs/reference/haproxy.md).
 */
import { PROFILES } from './profiles';
import type { EffectivePolicy, HaproxyTarget, ManifestField, OriginMatcher, PolicyField } from '../types';
import { makeMatcher } from './origins';
import { goAtoi, goParseBool } from '../parse/values';
import { re2Error } from './re2';
import { q } from '../util/markdown';

/** haproxy-ingress v0.16.1 defaults (pkg/converters/ingress/defaults.go). */
export const HAPROXY_INGRESS_DEFAULTS = {
  origin: '*',
  methods: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
  headers: 'DNT,X-CustomHeader,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Authorization',
  maxAge: 86400,
};
/** haproxy-ingress validators (pkg/converters/ingress/annotations/validator.go). */
export const HI_ORIGIN = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[A-Za-z0-9\-.]*(:[0-9]+)?|\*)$/;
export const HI_METHODS = /^([A-Za-z]+,?\s?)+$/;
/** As upstream writes it: only the first alternative is anchored at the start, only the second at the end. */
export const HI_HEADERS = /^([A-Za-z0-9\-_]+,?\s?)|\*+$/;

/** The entries of an annotation value split on `sep` (no trimming), with their ranges when the scalar maps 1:1. */
export function annotationEntries(f: ManifestField, sep: string, kind: (v: string) => OriginMatcher['kind']): OriginMatcher[] {
  const out: OriginMatcher[] = [];
  let pos = 0;
  for (const part of f.value.text.split(sep)) {
    const start = f.value.contentStart !== undefined ? f.value.contentStart + pos : f.value.range.start;
    const end = f.value.contentStart !== undefined ? start + part.length : f.value.range.end;
    pos += part.length + sep.length;
    if (part === '') continue;
    const m = makeMatcher(part, { start, end }, out.length, { keyRange: f.keyRange, value: f.value, label: f.label }, kind(part));
    m.container = 'comma-list';
    out.push(m);
  }
  return out;
}

function setFields(t: HaproxyTarget, map: Partial<Record<PolicyField, string>>): EffectivePolicy['fields'] {
  const fields: EffectivePolicy['fields'] = {};
  for (const [k, name] of Object.entries(map) as [PolicyField, string][]) {
    const f = t.fields.get(name);
    if (f) fields[k] = { keyRange: f.keyRange, value: f.value, label: f.label };
  }
  return fields;
}

function base(
  t: HaproxyTarget,
  fields: EffectivePolicy['fields'],
): Pick<EffectivePolicy, 'source' | 'anchor' | 'docIndex' | 'fields' | 'target'> {
  return { source: t.source, anchor: t.fields.get('cors-enable')?.keyRange ?? t.anchor, docIndex: t.docIndex, fields, target: t };
}

/* ---------------------------------------------------------------- haproxy-ingress (v0.16.1) */

interface HiOrigins {
  /** The entries as written (kept after a fallback, for the rules). */
  written: OriginMatcher[];
  /** The list HAProxy Ingress uses (`*` after a fallback or when not set). */
  list: OriginMatcher[];
  regex: OriginMatcher[];
  fellBack: boolean;
}

function hiOrigins(t: HaproxyTarget, notes: string[]): HiOrigins {
  const f = t.fields.get('cors-allow-origin');
  const rf = t.fields.get('cors-allow-origin-regex');
  const written = f ? annotationEntries(f, ',', (v) => (v === '*' ? 'any' : v === 'null' ? 'null' : 'exact')) : [];
  let list = written;
  let fellBack = false;
  const bad = f ? f.value.text.split(',').find((v) => !HI_ORIGIN.test(v)) : undefined;
  if (f && bad !== undefined) {
    notes.push(
      `cors-allow-origin: ${q(bad)} is not a valid origin (entries are not trimmed), so HAProxy Ingress ignores the whole annotation and uses \`*\`.`,
    );
    list = [];
    fellBack = true;
  }
  let regex = rf ? annotationEntries(rf, ' ', () => 'regex') : [];
  const badRe = regex.find((m) => re2Error(m.value) !== undefined);
  if (badRe) {
    notes.push(`cors-allow-origin-regex: ${q(badRe.value)} does not compile as a Go regexp, so HAProxy Ingress ignores the annotation.`);
    regex = [];
  }
  if (list.length === 0) list = [makeMatcher('*', f?.value.range ?? t.anchor, 0)];
  return { written, list, regex, fellBack };
}

function hiString(t: HaproxyTarget, name: string, re: RegExp, dflt: string, notes: string[]): string {
  const f = t.fields.get(name);
  if (!f) return dflt;
  if (re.test(f.value.text)) return f.value.text;
  notes.push(`${name} ${q(f.value.text)} is not accepted by HAProxy Ingress, so it uses ${dflt ? q(dflt) : 'nothing'}.`);
  return dflt;
}

/** How HAProxy Ingress answers an Origin: literal `*`, echo (several origins or a regex, or `*` with credentials), or one fixed origin. */
function hiAnswer(o: ReturnType<typeof hiOrigins>, allowCredentials: boolean, notes: string[]) {
  const first = o.list[0];
  const dynamic = o.regex.length > 0 || o.list.length > 1;
  const wildcardWithCreds = first.kind === 'any' && allowCredentials;
  let origins: OriginMatcher[];
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  let acaoFixed: string | undefined;
  if (dynamic) {
    origins = [...o.list.filter((m) => m.kind !== 'any'), ...o.regex];
    notes.push(
      `Several origins or a regex: HAProxy Ingress echoes a matching Origin with \`Vary: Origin\`; any other Origin gets \`Access-Control-Allow-Origin: ${first.value}\` (the first origin).`,
    );
    if (first.kind === 'any' && !allowCredentials) {
      origins = [first];
      acaoMode = 'literal-star';
    }
  } else if (wildcardWithCreds) {
    origins = [first];
    notes.push(
      '`*` with credentials: HAProxy Ingress echoes any request Origin with `Access-Control-Allow-Credentials: true` and `Vary: Origin`.',
    );
  } else if (first.kind === 'any') {
    origins = [first];
    acaoMode = 'literal-star';
    notes.push('HAProxy Ingress sends `Access-Control-Allow-Origin: *` to every request with an Origin.');
  } else {
    origins = [first];
    acaoFixed = first.value;
    notes.push(
      `One origin: HAProxy Ingress sends \`Access-Control-Allow-Origin: ${first.value}\` to every request with an Origin, without comparing (the browser does), and no \`Vary\`.`,
    );
  }
  return { origins, acaoMode, acaoFixed, dynamic, wildcardWithCreds };
}

export function haproxyIngressPolicy(t: HaproxyTarget): EffectivePolicy {
  const notes: string[] = [];
  const fields = setFields(t, {
    enable: 'cors-enable',
    credentials: 'cors-allow-credentials',
    methods: 'cors-allow-methods',
    headers: 'cors-allow-headers',
    expose: 'cors-expose-headers',
    maxAge: 'cors-max-age',
  });
  const enableF = t.fields.get('cors-enable');
  const enabled = enableF ? goParseBool(enableF.value.text) === true : false;
  if (!enabled)
    notes.push(
      enableF
        ? `cors-enable ${q(enableF.value.text)} is not \`true\`: HAProxy Ingress adds no CORS configuration.`
        : 'cors-enable is not set: HAProxy Ingress ignores the other cors-* annotations.',
    );
  const credF = t.fields.get('cors-allow-credentials');
  const allowCredentials = credF ? goParseBool(credF.value.text) === true : false;
  if (credF && goParseBool(credF.value.text) === undefined)
    notes.push(`cors-allow-credentials ${q(credF.value.text)} is not a Go boolean: HAProxy Ingress ignores it (no credentials).`);
  const o = hiOrigins(t, notes);
  // The origin setting rules point at: the list, else (regex only, the list defaulting to `*`) the regexes when they decide.
  const originF = t.fields.get('cors-allow-origin') ?? (allowCredentials ? t.fields.get('cors-allow-origin-regex') : undefined);
  if (originF) fields.origin = { keyRange: originF.keyRange, value: originF.value, label: originF.label };
  const { origins, acaoMode, acaoFixed, dynamic, wildcardWithCreds } = hiAnswer(o, allowCredentials, notes);
  const maxF = t.fields.get('cors-max-age');
  const max = maxF ? goAtoi(maxF.value.text) : undefined;
  if (maxF && max === undefined)
    notes.push(`cors-max-age ${q(maxF.value.text)} is not an integer: HAProxy Ingress uses ${HAPROXY_INGRESS_DEFAULTS.maxAge}.`);
  const allowMethods = hiString(t, 'cors-allow-methods', HI_METHODS, HAPROXY_INGRESS_DEFAULTS.methods, notes);
  const allowHeaders = hiString(t, 'cors-allow-headers', HI_HEADERS, HAPROXY_INGRESS_DEFAULTS.headers, notes);
  const exposeHeaders = hiString(t, 'cors-expose-headers', HI_HEADERS, '', notes);
  notes.push(
    'HAProxy Ingress answers every OPTIONS request on the path itself with 204 (Lua service `send-cors-preflight`), before basic auth.',
  );
  return {
    controller: 'haproxy-ingress',
    profile: PROFILES['haproxy-ingress'],
    ...base(t, fields),
    enabled: enabled && origins.length > 0,
    configured: enabled,
    origins,
    writtenOrigins: [...o.written, ...o.regex],
    acaoMode,
    allowCredentials,
    allowMethods,
    allowHeaders,
    exposeHeaders,
    maxAge: max ?? HAPROXY_INGRESS_DEFAULTS.maxAge,
    varyOrigin: dynamic || wildcardWithCreds,
    preflightStatus: 204,
    preflightHeaders: { 'Content-Length': '0', 'Content-Type': 'text/plain' },
    notes,
    fellBack: o.fellBack ? { origin: true } : undefined,
    acaoFixed,
  };
}

/* ---------------------------------------------------------------- HAProxy Technologies */

/** utils.ParseTime, in milliseconds (a bare number is milliseconds). */
export function haproxyParseTime(s: string): number | undefined {
  const m = /^([+-]?\d+)(ms|s|m|h|d)?$/.exec(s);
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2] ?? 'ms'] ?? 1;
  return Number(m[1]) * unit;
}

export const HAPROXY_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

/** utils.GetBoolValue: strconv.ParseBool, plus the deprecated `enabled`/`on`/`disabled`/`off`. */
function techBool(s: string): boolean | undefined {
  const b = goParseBool(s);
  if (b !== undefined) return b;
  const l = s.toLowerCase();
  return l === 'enabled' || l === 'on' ? true : l === 'disabled' || l === 'off' ? false : undefined;
}

function techMethods(t: HaproxyTarget, notes: string[]): string {
  const v = t.fields.get('cors-allow-methods')?.value.text ?? '*';
  if (v === '*') return '*';
  const methods = v
    .replace(/\s+/g, '')
    .split(',')
    .map((m) => m.toUpperCase());
  const bad = methods.find((m) => !HAPROXY_METHODS.includes(m));
  if (bad !== undefined) {
    notes.push(
      `cors-allow-methods: ${q(bad)} is not a method the controller accepts ("unsupported HTTP method"): it sends no \`Access-Control-Allow-Methods\`.`,
    );
    return '';
  }
  return methods.join(', ');
}

export function haproxyPolicy(t: HaproxyTarget): EffectivePolicy {
  const notes: string[] = [];
  const fields = setFields(t, {
    enable: 'cors-enable',
    origin: 'cors-allow-origin',
    credentials: 'cors-allow-credentials',
    methods: 'cors-allow-methods',
    headers: 'cors-allow-headers',
    maxAge: 'cors-max-age',
  });
  const enableF = t.fields.get('cors-enable');
  const enabled = enableF ? techBool(enableF.value.text) === true : false;
  if (!enabled)
    notes.push(
      enableF
        ? `cors-enable ${q(enableF.value.text)} is not \`true\`: the controller adds no CORS rules.`
        : 'cors-enable is not set: the controller ignores the other cors-* annotations.',
    );
  const credF = t.fields.get('cors-allow-credentials');
  const allowCredentials = credF?.value.text === 'true';
  if (credF && !allowCredentials && techBool(credF.value.text) === true)
    notes.push(`cors-allow-credentials ${q(credF.value.text)}: only the exact string \`true\` sends \`Access-Control-Allow-Credentials\`.`);
  const of = t.fields.get('cors-allow-origin');
  const ov = of?.value.text ?? '*';
  let origins: OriginMatcher[];
  let writtenOrigins: OriginMatcher[] = [];
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  if (ov === '*') {
    origins = [makeMatcher('*', of?.value.range ?? t.anchor, 0)];
    if (of) writtenOrigins = origins;
    acaoMode = 'literal-star';
    notes.push(
      `The controller sends \`Access-Control-Allow-Origin: *\` to every request with an Origin${allowCredentials ? ', also with `Access-Control-Allow-Credentials: true` (browsers reject that pair)' : ''}.`,
    );
  } else {
    // The value becomes the patterns of `-m reg`: HAProxy splits them on spaces; each one is searched unanchored.
    writtenOrigins = annotationEntries(of!, ' ', () => 'regex');
    origins = writtenOrigins;
    notes.push(
      'cors-allow-origin is a regex (HAProxy `-m reg`, unanchored, case-sensitive): the controller echoes an Origin that contains a match, and never sends `Vary: Origin`.',
    );
  }
  const headers = (t.fields.get('cors-allow-headers')?.value.text ?? '*').replace(/\s+/g, '');
  const maxF = t.fields.get('cors-max-age');
  const ms = haproxyParseTime(maxF?.value.text ?? '5s');
  let maxAge: number | null = ms === undefined || ms / 1000 < -1 ? null : Math.trunc(ms / 1000);
  if (maxF && maxAge === null)
    notes.push(`cors-max-age ${q(maxF.value.text)} is not a time: the controller sends no \`Access-Control-Max-Age\`.`);
  else if (maxF && /^[+-]?\d+$/.test(maxF.value.text))
    notes.push(
      `cors-max-age ${q(maxF.value.text)} has no unit, so it is milliseconds: the controller sends \`Access-Control-Max-Age: ${maxAge}\`.`,
    );
  if (!maxF) maxAge = 5;
  const respond = t.fields.get('cors-respond-to-options')?.value.text === 'true';
  notes.push(
    respond
      ? 'cors-respond-to-options: the controller answers every OPTIONS request with 204 (after basic auth).'
      : 'The controller does not answer preflights: they reach the backend, and the CORS headers are added to its answer.',
  );
  return {
    controller: 'haproxy',
    profile: PROFILES['haproxy'],
    ...base(t, fields),
    enabled: enabled && origins.length > 0,
    configured: enabled,
    origins,
    writtenOrigins,
    acaoMode,
    allowCredentials,
    allowMethods: techMethods(t, notes),
    allowHeaders: headers,
    exposeHeaders: '',
    maxAge,
    varyOrigin: false,
    preflightStatus: 204,
    notes,
  };
}
