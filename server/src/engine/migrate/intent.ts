/**
 * The controller-neutral intent of an effective policy: which origins a browser gets through with, what the
 * answers carry. Writers turn it into another controller's configuration (docs/reference/migration.md §2).
 */
import type { Controller, EffectivePolicy, OriginMatcher } from '../types';
import { isSerializedOrigin, parseTokenList } from '../simulate/fetch';
import type { IntendedChange, ProbeRequest } from './types';
import { q } from '../util/markdown';

export interface IntentOrigin {
  kind: 'any' | 'exact' | 'wildcard-subdomain' | 'null' | 'prefix' | 'regex';
  /** Lower-cased scheme and host for exact/wildcard entries (what browsers send); as written otherwise. */
  value: string;
  scheme?: string;
  /** For wildcard-subdomain: the domain after `*.`. */
  domain?: string;
  port?: string;
  /** wildcard-subdomain: how many labels `*` spans in the source controller. */
  depth?: 'one' | 'any';
  /** regex: full-string (Envoy) or unanchored (Traefik, Go MatchString). */
  anchored?: boolean;
}

export interface CorsIntent {
  from: Controller;
  origins: IntentOrigin[];
  /** The source sends the literal `Access-Control-Allow-Origin: *`. */
  literalStar: boolean;
  credentials: boolean;
  /** Header values as items (null: the header is not sent). */
  methods: string[] | null;
  headers: string[] | null;
  expose: string[] | null;
  maxAge: number | null;
  vary: boolean;
  /** Changes already made while reading (origins that can never match a browser origin). */
  changes: IntendedChange[];
  notes: string[];
}

/** Items of a header value the way browsers split it (commas; empty items skipped). Whitespace-separated items are split too. */
function items(value: string): { items: string[]; resplit: boolean } {
  const parsed = parseTokenList(value);
  if ('items' in parsed) return { items: parsed.items, resplit: false };
  const out: string[] = [];
  for (const part of value.split(/[,\s]+/)) if (part !== '') out.push(part);
  return { items: out, resplit: true };
}

function hostParts(value: string): { scheme: string; host: string; port?: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/:?#]+)(?::([0-9]+))?$/.exec(value);
  return m ? { scheme: m[1].toLowerCase(), host: m[2].toLowerCase(), port: m[3] } : undefined;
}

/**
 * Why an exact origin compared byte for byte can never equal what a browser sends (undefined: it can). Carrying
 * it over would change that: a literal `*` (Traefik's list, Istio's exact:) would become a working wildcard under a
 * controller that reads `*.` as one (rule origin-never-matches).
 */
function neverMatches(value: string, policy: EffectivePolicy): string | undefined {
  if (!isSerializedOrigin(value)) return 'browsers send lower-case `scheme://host[:port]`';
  if (policy.originMatching === 'literal' && hostParts(value)?.host.includes('*'))
    return 'its `*` is a literal character; browsers send a concrete host';
  return undefined;
}

/** The intent of a policy that sends CORS headers (policy.enabled). */
/** An exact origin, lower-cased where the source controller compares case-insensitively; dropped when it never matches. */
function exactOrigin(m: OriginMatcher, policy: EffectivePolicy, out: IntentOrigin[], changes: IntendedChange[], notes: string[]): void {
  const from = policy.controller;
  const caseInsensitive = !!policy.profile.origins.caseInsensitive;
  const p = hostParts(m.value);
  const lower = p ? `${p.scheme}://${p.host}${p.port !== undefined ? ':' + p.port : ''}` : m.value;
  const literalStar = caseInsensitive && policy.originMatching === 'literal' ? neverMatches(lower, policy) : undefined;
  if (literalStar)
    changes.push({
      id: 'never-matching-origin',
      message: `${q(m.value)} never matches a browser's Origin under ${controllerLabel(from)} (${literalStar}): it is not carried over.`,
      fields: [],
    });
  else if (caseInsensitive) {
    if (lower !== m.value)
      notes.push(
        `${q(m.value)} is written as ${q(lower)}: ${controllerLabel(from)} compares case-insensitively and browsers send lower case.`,
      );
    out.push({ kind: 'exact', value: lower, scheme: p?.scheme, port: p?.port });
  } else {
    const never = neverMatches(m.value, policy);
    if (never)
      changes.push({
        id: 'never-matching-origin',
        message: `${q(m.value)} never matches a browser's Origin under ${controllerLabel(from)} (${never}): it is not carried over.`,
        fields: [],
      });
    else out.push({ kind: 'exact', value: m.value, scheme: p?.scheme, port: p?.port });
  }
}

/** The source's origins in the neutral form the writers read. */
function intentOrigins(policy: EffectivePolicy, changes: IntendedChange[], notes: string[]): IntentOrigin[] {
  const origins: IntentOrigin[] = [];
  for (const m of policy.origins) {
    switch (m.kind) {
      case 'any':
        origins.push({ kind: 'any', value: '*' });
        break;
      case 'null':
        origins.push({ kind: 'null', value: 'null' });
        break;
      case 'exact':
        exactOrigin(m, policy, origins, changes, notes);
        break;
      case 'wildcard-subdomain': {
        const p = hostParts(m.value.replace('*.', 'x.'));
        if (!p) break;
        const value = `${p.scheme}://*.${p.host.slice(2)}${p.port !== undefined ? ':' + p.port : ''}`;
        origins.push({
          kind: 'wildcard-subdomain',
          value,
          scheme: p.scheme,
          domain: p.host.slice(2),
          port: p.port,
          depth: policy.profile.origins.wildcardSubdomain === 'any-labels' ? 'any' : 'one',
        });
        break;
      }
      case 'prefix':
        origins.push({ kind: 'prefix', value: m.value });
        break;
      case 'regex':
        origins.push({ kind: 'regex', value: m.value, anchored: policy.profile.origins.regex.match === 'full' });
        break;
    }
  }
  return origins;
}

export function intentOf(policy: EffectivePolicy): CorsIntent {
  const from = policy.controller;
  const changes: IntendedChange[] = [];
  const notes: string[] = [];
  const origins = intentOrigins(policy, changes, notes);

  const list = (value: string, what: string): string[] | null => {
    if (value === '') return null;
    const r = items(value);
    if (r.resplit) {
      changes.push({
        id: `${what}-separators`,
        message: `${q(value)} is not a comma-separated list, so browsers reject every preflight that reads it; it is written as ${q(r.items.join(', '))}.`,
        fields: ['verdict', what === 'methods' ? 'allow-methods' : what === 'headers' ? 'allow-headers' : 'expose-headers'],
      });
    }
    return r.items;
  };
  const methods = list(policy.allowMethods, 'methods');
  // Duplicates change nothing for a browser (and Gateway API rejects them: its list is a set).
  const unique = origins.filter((o, i) => origins.findIndex((x) => x.kind === o.kind && x.value === o.value) === i);
  origins.splice(0, origins.length, ...unique);
  return {
    from,
    origins,
    literalStar: policy.acaoMode === 'literal-star',
    credentials: policy.allowCredentials,
    methods,
    headers: list(policy.allowHeaders, 'headers'),
    expose: list(policy.exposeHeaders, 'expose'),
    maxAge: policy.maxAge,
    vary: policy.varyOrigin,
    changes,
    notes,
  };
}

export const CONTROLLER_LABELS: Record<Controller, string> = {
  'ingress-nginx': 'ingress-nginx',
  traefik: 'Traefik',
  istio: 'Istio',
  'gateway-api': 'Gateway API',
  'envoy-gateway': 'Envoy Gateway',
  contour: 'Contour',
  emissary: 'Emissary-ingress',
  kong: 'Kong',
  apisix: 'APISIX',
  'haproxy-ingress': 'HAProxy Ingress',
  haproxy: 'HAProxy Kubernetes Ingress',
};

export function controllerLabel(c: Controller): string {
  return CONTROLLER_LABELS[c];
}

/** Browser caps on Access-Control-Max-Age (docs/reference/migration.md §4, shared browser-cors facts). */
export const MAX_AGE_CAPS = { Chromium: 7200, Firefox: 86400, Safari: 600 } as const;
/** The highest max-age every browser honours in full: what `migrate` writes instead of a longer one. */
export const SAFE_MAX_AGE = 7200;
/** Seconds a browser caches a preflight without (or with an invalid) Access-Control-Max-Age. */
export const DEFAULT_PREFLIGHT_CACHE = 5;

/** How long each browser caches a preflight answered with this Access-Control-Max-Age header value. */
export function cachedSeconds(header: string | undefined): { Chromium: number; Firefox: number; Safari: number } {
  const n = header !== undefined && /^[0-9]+$/.test(header.trim()) ? Number(header.trim()) : DEFAULT_PREFLIGHT_CACHE;
  return {
    Chromium: Math.min(n, MAX_AGE_CAPS.Chromium),
    Firefox: Math.min(n, MAX_AGE_CAPS.Firefox),
    Safari: Math.min(n, MAX_AGE_CAPS.Safari),
  };
}

/** Change: a max-age above what every browser honours is written as SAFE_MAX_AGE. */
export function maxAgeChange(old: number, written: number): IntendedChange {
  return {
    id: 'max-age-capped',
    message: `Access-Control-Max-Age ${old} (${humanSeconds(old)}) is written as ${written}: Chromium caps it at 7200 s anyway; Firefox (86400 s cap) now re-sends preflights after 2 h.`,
    fields: ['max-age'],
  };
}

export function humanSeconds(s: number): string {
  if (s % 86400 === 0 && s >= 86400) return `${s / 86400} day${s === 86400 ? '' : 's'}`;
  if (s % 3600 === 0 && s >= 3600) return `${s / 3600} h`;
  if (s % 60 === 0 && s >= 60) return `${s / 60} min`;
  return `${s} s`;
}

/** Requests from this origin (for appliesTo predicates). */
export const fromOrigin = (pred: (origin: string) => boolean) => (r: ProbeRequest) => pred(r.origin);
