/** Controller-neutral helpers for origin matchers (used by the policy models and the semantic rules). */
import { re2RegExp } from './re2';
import type { OriginKind, OriginMatcher, Range, FieldRef } from '../types';
import type { ControllerProfile } from './profiles';

export interface OriginParts {
  scheme: string;
  host: string;
  port?: string;
  /** Anything after host[:port] (a path, a trailing slash, a query). */
  rest: string;
}

/** Split `scheme://host[:port][rest]` loosely (no validation). */
export function splitOrigin(value: string): OriginParts | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)(?::([^/?#]*))?(.*)$/s.exec(value);
  if (!m) return undefined;
  return { scheme: m[1], host: m[2], port: m[3], rest: m[4] };
}

export function originKind(value: string): OriginKind {
  if (value === '*') return 'any';
  if (value === 'null') return 'null';
  const p = splitOrigin(value);
  if (p && p.host.startsWith('*.')) return 'wildcard-subdomain';
  return 'exact';
}

export function makeMatcher(value: string, range: Range, index: number, field?: FieldRef, kind?: OriginKind): OriginMatcher {
  // originKind's split, done once.
  let k = kind;
  let p: OriginParts | undefined;
  let split = false;
  if (k === undefined && value !== '*' && value !== 'null') {
    p = splitOrigin(value);
    split = true;
    k = p && p.host.startsWith('*.') ? 'wildcard-subdomain' : 'exact';
  } else k ??= originKind(value);
  if (!split && (k === 'exact' || k === 'wildcard-subdomain' || k === 'prefix')) p = splitOrigin(value);
  return { kind: k, value, range, field, index, scheme: p?.scheme, host: p?.host, port: p?.port };
}

const LOOPBACK_V4 = /^127(\.\d{1,3}){3}$/;

/** localhost, *.localhost, 127.0.0.0/8, [::1], 0.0.0.0 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const h = host.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    LOOPBACK_V4.test(h) ||
    h === '[::1]' ||
    h === '0.0.0.0' ||
    h === '[::]' ||
    h === '[0:0:0:0:0:0:0:1]'
  );
}

export const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };

/**
 * Does a concrete browser origin (scheme://host[:port]) match this matcher, the way the controller compares?
 *
 * `matching` (optional, from the controller's profile) selects the controller's semantics where they differ:
 *  - regex: an unanchored search (Traefik's Go `regexp.MatchString`: the origin only has to contain a match, the
 *    default) or a full-string match (Envoy/Istio `safe_regex`);
 *  - wildcard-subdomain: any number of labels (Gateway API) or exactly one (ingress-nginx, the default).
 */
export function matcherMatches(
  m: OriginMatcher,
  origin: string,
  caseInsensitive: boolean,
  matching?: ControllerProfile['origins'],
): boolean {
  const o = caseInsensitive ? origin.toLowerCase() : origin;
  const v = caseInsensitive ? m.value.toLowerCase() : m.value;
  switch (m.kind) {
    case 'any':
      return true;
    case 'null':
      return o === 'null';
    case 'exact':
      return o === v;
    case 'prefix':
      return o.startsWith(v);
    case 'wildcard-subdomain': {
      const star = v.indexOf('*');
      const before = v.slice(0, star);
      const after = v.slice(star + 1);
      if (o.length < before.length + after.length || !o.startsWith(before) || !o.endsWith(after)) return false;
      const label = o.slice(before.length, o.length - after.length);
      return matching?.wildcardSubdomain === 'any-labels' ? /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(label) : /^[a-z0-9-]+$/i.test(label);
    }
    case 'regex':
      return re2RegExp(m.value, matching?.regex.match === 'full')?.test(origin) ?? false;
  }
}

const reEscape = (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => '\\' + c);

/**
 * The regex `migrate` writes for a `scheme://*.domain[:port]` origin where the controller has no wildcard
 * origins (Traefik, Istio): `*` as one label (ingress-nginx) or any number of labels (Gateway API).
 * `anchored` adds `^…$` (Traefik's MatchString is unanchored; Envoy's safe_regex matches the whole string).
 * origin-not-allowlisted recognizes these forms as the wildcard they stand for.
 */
export function wildcardOriginRegex(
  scheme: string,
  domain: string,
  port: string | undefined,
  depth: 'one' | 'any',
  anchored: boolean,
): string {
  const labels = depth === 'any' ? '([a-z0-9-]+\\.)+' : '[a-z0-9-]+\\.';
  const body = `${scheme}://${labels}${reEscape(domain)}${port !== undefined ? ':' + port : ''}`;
  return anchored ? `^${body}$` : body;
}

/** The regex for one exact origin (same conventions). */
export function exactOriginRegex(origin: string, anchored: boolean): string {
  return anchored ? `^${reEscape(origin)}$` : reEscape(origin);
}
