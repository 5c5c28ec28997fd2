/**
 * Helpers for the origin rules (wildcard-origin, null-origin, localhost-in-prod, insecure-origin,
 * origin-default-port, wildcard-subdomain, same-origin, duplicate-origin, no-vary-origin,
 * origin-not-allowlisted). Not a rule: the `_` prefix keeps it out of the registry.
 *
 * Everything here reads the controller-neutral EffectivePolicy and its controller profile only.
 */
import type { EffectivePolicy, Fix, OriginMatcher, Range } from '../types';
import { DEFAULT_PORTS, exactOriginRegex, isLoopbackHost, splitOrigin, wildcardOriginRegex } from '../policy/origins';
import { q } from './_shared';

/** Placeholder used by unsafe fixes that need some explicit origin. */
export const PLACEHOLDER_ORIGIN = 'https://dashboard.example.com';

/** The controller's name for messages ("ingress-nginx", "Traefik", ...), from its profile. */
export function controllerName(p: EffectivePolicy): string {
  return p.profile.name;
}

/** Same, capitalized for the start of a sentence. */
export function ControllerName(p: EffectivePolicy): string {
  return p.profile.Name;
}

/** Name of the origin setting in the controller's configuration. */
export function originSettingName(p: EffectivePolicy): string {
  return p.profile.settings.origin;
}

/** The origin matchers that allow concrete origins (not the "any origin" matcher). */
export function listedOrigins(p: EffectivePolicy): OriginMatcher[] {
  return p.origins.filter((o) => o.kind !== 'any');
}

/** Whether the policy allows every origin. */
export function allowsAny(p: EffectivePolicy): boolean {
  return p.origins.some((o) => o.kind === 'any');
}

/** An exact or wildcard-subdomain matcher with its parsed parts. */
export interface HostOrigin extends OriginMatcher {
  scheme: string;
  host: string;
}

export function hostOrigin(m: OriginMatcher): m is HostOrigin {
  return (m.kind === 'exact' || m.kind === 'wildcard-subdomain') && m.scheme !== undefined && !!m.host;
}

/**
 * An exact or wildcard-subdomain matcher, or an Istio `prefix:` matcher written as `scheme://host[:port]`
 * (the origin rules that look at the scheme, host or port also apply to prefixes).
 */
export function hostOrPrefixOrigin(m: OriginMatcher): m is HostOrigin {
  return hostOrigin(m) || (m.kind === 'prefix' && m.scheme !== undefined && !!m.host);
}

/** Whether an entry names a loopback host (localhost, *.localhost, 127.0.0.0/8, [::1], 0.0.0.0); also Istio prefixes. */
export function isLoopbackOrigin(m: OriginMatcher): boolean {
  // Only web schemes: `capacitor://localhost` and `ionic://localhost` are a native app's fixed origin, not a page
  // served on the visitor's machine (docs/reference/native-app-origins.md).
  return hostOrPrefixOrigin(m) && /^https?$/i.test(m.scheme) && isLoopbackHost(m.host.replace(/^\*\./, 'x.'));
}

/** The scheme's default port when the entry spells it out (`https://a.com:443` → '443'); also Istio prefixes. */
export function explicitDefaultPort(m: OriginMatcher): string | undefined {
  if (!hostOrPrefixOrigin(m) || m.port === undefined) return undefined;
  const def = DEFAULT_PORTS[m.scheme.toLowerCase()];
  return def !== undefined && m.port === def ? def : undefined;
}

/** scheme://host[:port] from parts. */
export function formatOrigin(scheme: string, host: string, port?: string): string {
  return `${scheme}://${host}${port !== undefined ? ':' + port : ''}`;
}

/**
 * Identity of an entry for duplicate detection: the scheme exactly, the host case-insensitively,
 * the port exactly. `null` and other kinds compare as written.
 */
export function originIdentity(m: OriginMatcher): string {
  if (hostOrigin(m)) return `${m.kind}|${formatOrigin(m.scheme, m.host.toLowerCase(), m.port)}`;
  return `${m.kind}|${m.value}`;
}

/** "with credentials" wording used in consequences. */
export function withCredentials(p: EffectivePolicy, text = " with the user's credentials (cookies)"): string {
  return p.allowCredentials ? text : '';
}

/** How the controller answers an allowed origin, for messages. */
export function answers(p: EffectivePolicy, origin: string): string {
  return p.acaoMode === 'literal-star'
    ? `${controllerName(p)} answers it with \`Access-Control-Allow-Origin: *\``
    : `${controllerName(p)} echoes ${origin} back in \`Access-Control-Allow-Origin\``;
}

/** Turn a fix into an unsafe one (placeholders, removals that change who may call the API). */
export function unsafe(f: Fix | undefined): Fix | undefined {
  return f ? { ...f, safe: false } : undefined;
}

export function defined<T>(xs: (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

/**
 * How "any origin" came about:
 *  - 'written': a `*` entry is written (alone, or next to other entries it overrides);
 *  - 'default': the origin setting is missing and the controller defaults to any origin;
 *  - 'fallback': the written value is invalid and the controller falls back to any origin.
 */
export function anyOriginCause(p: EffectivePolicy): 'written' | 'default' | 'fallback' {
  if (!p.fields.origin) return 'default';
  if (p.writtenOrigins.some((w) => w.kind === 'any')) return 'written';
  return 'fallback';
}

/** The written `*` entry, when there is one. */
export function writtenStar(p: EffectivePolicy): OriginMatcher | undefined {
  return p.writtenOrigins.find((w) => w.kind === 'any');
}

/** Where to report an "any origin" finding: the `*` entry, the invalid value, or the switch that turns CORS on. */
export function anyOriginRange(p: EffectivePolicy): Range {
  const star = writtenStar(p);
  if (star) return star.range;
  if (p.fields.origin) return p.fields.origin.value.range;
  if (p.fields.enable) return p.fields.enable.value.range;
  return p.anchor;
}

/** Sentence describing why any origin is allowed (starts lower-case). */
export function anyOriginWhy(p: EffectivePolicy): string {
  const setting = originSettingName(p);
  switch (anyOriginCause(p)) {
    case 'default':
      return `${setting} is not set, so ${controllerName(p)} allows any origin (\`*\`)`;
    case 'written': {
      const others = p.writtenOrigins.filter((w) => w.kind !== 'any').length;
      // Istio: a matcher that matches the string `*` (`regex: ".*"`, `prefix: ""`) is named as written.
      const star = writtenStar(p);
      const what = star && star.value !== '*' ? q(star.value) : q('*');
      return others > 0 ? `${what} in ${setting} allows any origin and overrides the other entries` : `${what} allows any origin`;
    }
    case 'fallback': {
      const text = p.fields.origin!.value.text.trim();
      return text === ''
        ? `${setting} is empty, so ${controllerName(p)} falls back to any origin (\`*\`)`
        : `${setting} ${q(text)} is invalid, so ${controllerName(p)} falls back to any origin (\`*\`)`;
    }
  }
}

/**
 * Whether a regex origin is exactly the canonical regex of an allow-list entry (the form `migrate` writes for
 * Traefik and Istio, anchored or not): then it matches the same origins as the entry.
 */
function regexStandsFor(raw: string, regex: string): boolean {
  const a = parseLoose(raw);
  if (!a) return false;
  const forms = a.host.startsWith('*.')
    ? [true, false].map((anchored) => wildcardOriginRegex(a.scheme, a.host.slice(2), a.port, 'one', anchored))
    : [true, false].map((anchored) => exactOriginRegex(`${a.scheme}://${a.host}${a.port !== undefined ? ':' + a.port : ''}`, anchored));
  return forms.includes(regex);
}

/** Host of a loose origin string, lower-cased (for allow-list entries). */
export function parseLoose(value: string): { scheme: string; host: string; port?: string } | undefined {
  const p = splitOrigin(value.trim());
  if (!p || p.rest !== '') return undefined;
  return { scheme: p.scheme.toLowerCase(), host: p.host.toLowerCase(), port: p.port };
}

/**
 * Whether an allow-list covers an entry: an exact entry is covered by the same origin (scheme and host
 * compared case-insensitively, port exactly) or by a `scheme://*.domain[:port]` allow-list entry whose
 * wildcard stands for exactly one label; a wildcard entry only by the identical wildcard.
 */
export function allowListCovers(allow: readonly string[], m: OriginMatcher): boolean {
  if (m.kind === 'regex') return allow.some((raw) => regexStandsFor(raw, m.value));
  if (!hostOrigin(m)) return false;
  const scheme = m.scheme.toLowerCase();
  const host = m.host.toLowerCase();
  for (const raw of allow) {
    const a = parseLoose(raw);
    if (!a || a.scheme !== scheme || a.port !== m.port) continue;
    if (a.host === host) return true;
    if (m.kind === 'exact' && a.host.startsWith('*.')) {
      const suffix = a.host.slice(1);
      if (host.endsWith(suffix) && /^[a-z0-9-]+$/.test(host.slice(0, host.length - suffix.length))) return true;
    }
  }
  return false;
}
