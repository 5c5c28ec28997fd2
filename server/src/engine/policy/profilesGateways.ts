/**
 * Profiles of Kong, APISIX and the two HAProxy controllers (see profiles.ts; facts in docs/reference/kong.md,
 * apisix.md, haproxy-ingress.md, haproxy.md).
 */
import type { ControllerProfile } from './profiles';
import type { EffectivePolicy, PolicyField } from '../types';
import { doubleQuoted, insertPairs } from '../fix/edits';
import type { TextLike } from '../util/pieceText';

/** Adds `key: value` to the plugin's `config` map (typed values; a list for origins). */
function addPluginSetting(this: ControllerProfile, text: TextLike, p: EffectivePolicy, field: PolicyField, value: string) {
  const t = p.target;
  if ((t.kind !== 'kong' && t.kind !== 'apisix') || !t.block) return undefined;
  const key = this.settings[field];
  if (t.fields.has(key)) return undefined;
  const written = field === 'origin' && t.kind === 'kong' ? `[${value}]` : value;
  return { edit: insertPairs(text, t.block, [[key, written]]), shown: written };
}

/** Adds an annotation next to the others, with the prefix `cors-enable` is written with. */
function addAnnotation(this: ControllerProfile, text: TextLike, p: EffectivePolicy, field: PolicyField, value: string) {
  const t = p.target;
  if ((t.kind !== 'haproxy-ingress' && t.kind !== 'haproxy') || !t.block) return undefined;
  const name = this.settings[field];
  if (!name.startsWith('cors-') || t.fields.has(name)) return undefined;
  const enable = t.fields.get('cors-enable');
  const prefix = enable
    ? enable.label.slice(0, enable.label.indexOf('/'))
    : t.kind === 'haproxy'
      ? 'haproxy.org'
      : 'haproxy-ingress.github.io';
  return { edit: insertPairs(text, t.block, [[`${prefix}/${name}`, doubleQuoted(value)]]), shown: `"${value}"` };
}

export const KONG: ControllerProfile = {
  id: 'kong',
  name: 'Kong',
  Name: 'Kong',
  title: 'Kong (cors plugin)',
  settings: {
    enable: 'plugin: cors',
    origin: 'origins',
    credentials: 'credentials',
    methods: 'methods',
    headers: 'headers',
    expose: 'exposed_headers',
    maxAge: 'max_age',
    vary: 'Vary',
  },
  values: 'typed',
  maxAgeType: 'number',
  vary: { kind: 'automatic' },
  origins: { caseInsensitive: false, wildcardSubdomain: 'none', regex: { match: 'full' } },
  responder: 'cors-filter',
  defaultMaxAge: null,
  nativeOrigins: {
    several: "The cors plugin's `origins` takes a list and answers each request with the origin that matches.",
    subdomains: 'Use a regex entry in `origins`, such as `https://[a-z0-9-]+\\.example\\.com` (matched whole).',
  },
  starOnEveryResponse: false,
  addSetting: addPluginSetting,
};

export const APISIX: ControllerProfile = {
  id: 'apisix',
  name: 'APISIX',
  Name: 'APISIX',
  title: 'Apache APISIX (cors plugin)',
  settings: {
    enable: 'name: cors',
    origin: 'allow_origins',
    credentials: 'allow_credential',
    methods: 'allow_methods',
    headers: 'allow_headers',
    expose: 'expose_headers',
    maxAge: 'max_age',
    vary: 'Vary',
  },
  values: 'typed',
  maxAgeType: 'number',
  vary: {
    kind: 'never',
    why: 'but APISIX adds `Vary: Origin` only when `allow_origins` is not `*`, and `allow_origins_by_regex` leaves it at its default `*`',
    backendAdvice: false,
  },
  origins: { caseInsensitive: false, wildcardSubdomain: 'none', regex: { match: 'contains', engine: 'PCRE `ngx.re.find`' } },
  responder: 'cors-filter',
  defaultMaxAge: 5,
  nativeOrigins: {
    several: "The cors plugin's `allow_origins` takes a comma-separated list and answers each request with the origin that matches.",
    subdomains: 'Use `allow_origins_by_regex` with an anchored regex such as `^https://[a-z0-9-]+\\.example\\.com$`.',
  },
  starOnEveryResponse: true,
  addSetting: addPluginSetting,
};

export const HAPROXY_INGRESS: ControllerProfile = {
  id: 'haproxy-ingress',
  name: 'HAProxy Ingress',
  Name: 'HAProxy Ingress',
  title: 'HAProxy Ingress (haproxy-ingress.github.io)',
  settings: {
    enable: 'cors-enable',
    origin: 'cors-allow-origin',
    credentials: 'cors-allow-credentials',
    methods: 'cors-allow-methods',
    headers: 'cors-allow-headers',
    expose: 'cors-expose-headers',
    maxAge: 'cors-max-age',
    vary: 'Vary',
  },
  values: 'annotation',
  maxAgeType: 'number',
  vary: { kind: 'automatic' },
  origins: { caseInsensitive: false, wildcardSubdomain: 'none', regex: { match: 'contains', engine: 'HAProxy `-m reg`' } },
  responder: 'cors-filter',
  defaultMaxAge: 86400,
  nativeOrigins: {
    several: '`cors-allow-origin` takes a comma-separated list and answers each request with the origin that matches.',
    subdomains: 'Use `cors-allow-origin-regex` with an anchored regex such as `^https://[a-z0-9-]+\\.example\\.com$`.',
  },
  starOnEveryResponse: false,
  addSetting: addAnnotation,
};

export const HAPROXY_TECH: ControllerProfile = {
  id: 'haproxy',
  name: 'the HAProxy Kubernetes Ingress Controller',
  Name: 'The HAProxy Kubernetes Ingress Controller',
  title: 'HAProxy Kubernetes Ingress (haproxy.org)',
  settings: {
    enable: 'cors-enable',
    origin: 'cors-allow-origin',
    credentials: 'cors-allow-credentials',
    methods: 'cors-allow-methods',
    headers: 'cors-allow-headers',
    expose: 'Access-Control-Expose-Headers (no annotation)',
    maxAge: 'cors-max-age',
    vary: 'Vary',
  },
  values: 'annotation',
  maxAgeType: 'number',
  vary: {
    kind: 'never',
    why: 'but never sends `Vary: Origin` and has no annotation for it (docs/reference/haproxy.md)',
    backendAdvice: true,
  },
  origins: { caseInsensitive: false, wildcardSubdomain: 'none', regex: { match: 'contains', engine: 'HAProxy `-m reg`' } },
  responder: 'cors-filter',
  defaultMaxAge: 5,
  nativeOrigins: {
    several:
      '`cors-allow-origin` is a regex, such as `^https://(a|b)\\.example\\.com$`, and answers each request with the origin that matches.',
    subdomains: '`cors-allow-origin` is a regex: write an anchored one such as `^https://[a-z0-9-]+\\.example\\.com$`.',
  },
  starOnEveryResponse: false,
  addSetting: addAnnotation,
};
