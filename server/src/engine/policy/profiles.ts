/**
 * Controller profiles: everything the controller-neutral rules need to know about a controller, in one
 * exhaustive table. A semantic rule asks `p.profile` (its name, how its settings are named and written,
 * whether it can send `Vary`, how it matches origins, how it sends `*`) and never tests which controller
 * it looks at. Adding a controller = a targets module, a policy module and one entry here.
 *
 * The facts behind each entry: docs/reference/controllers.md.
 */
import type { Node } from 'yaml';
import type { Controller, EffectivePolicy, PolicyField, TextEdit, ValueRef } from '../types';
import { doubleQuoted, insertPairs, replace, replaceValue } from '../fix/edits';
import { nodeRange } from '../parse/parse';
import { APISIX, HAPROXY_INGRESS, HAPROXY_TECH, KONG } from './profilesGateways';
import { DEFAULT_MAX_AGE } from './ingressNginxModel';

/** Access-Control-Max-Age a Gateway API implementation sends when `maxAge` is not set (CRD default). */
export const GATEWAY_API_DEFAULT_MAX_AGE = 5;
import { ENVOY_FAMILY_PROFILES } from './envoyFamilyProfiles';
import type { TextLike } from '../util/pieceText';

/** The YAML type a setting takes (decides how a fix writes a value). */
export type SettingType = 'boolean' | 'number' | 'duration';

export interface ControllerProfile {
  readonly id: Controller;
  /** The controller's name inside a sentence: "ingress-nginx", "Traefik", "the Gateway API implementation". */
  readonly name: string;
  /** The same at the start of a sentence. */
  readonly Name: string;
  /** Short title for the editor (hover headings, completion details): "Istio (Envoy)". */
  readonly title: string;
  /** How each setting is named in the configuration (messages, fix titles). */
  readonly settings: Readonly<Record<PolicyField, string>>;
  /**
   * How values are written: 'annotation' = every value is a string (Kubernetes annotations: quoted in YAML);
   * 'typed' = the CRD's own types (YAML booleans and integers).
   */
  readonly values: 'annotation' | 'typed';
  /** The type of the max-age setting: seconds as a number, or a protobuf Duration (`7200s`). */
  readonly maxAgeType: 'number' | 'duration';
  /**
   * Whether the controller can add `Vary: Origin` to an echoed origin: through a setting (the rule about that
   * setting reports it), or never (then `why` says so, with the upstream reference).
   */
  readonly vary:
    | { readonly kind: 'setting'; readonly setting: string }
    | { readonly kind: 'never'; readonly why: string; readonly backendAdvice: boolean }
    /** Sent whenever the controller echoes an origin (Kong, HAProxy Ingress): nothing to report. */
    | { readonly kind: 'automatic' };
  /** How origins are compared with the request Origin. */
  readonly origins: {
    /** Whether host names compare case-insensitively, and how (for messages). */
    readonly caseInsensitive: false | string;
    /** What the `*` of `scheme://*.domain` stands for: one label, or any number of labels. */
    readonly wildcardSubdomain: 'one-label' | 'any-labels' | 'none';
    /** Origin regexes: an unanchored search (the origin only has to contain a match), a full match, or none. */
    readonly regex: { readonly match: 'contains'; readonly engine: string } | { readonly match: 'full' } | { readonly match: 'none' };
  };
  /** How an allowed `*` is sent: the literal `*` on every response (even without an Origin header), or only to CORS requests. */
  readonly starOnEveryResponse: boolean;
  /**
   * How the controller answers requests (simulate/controller.ts): the ingress-nginx template (an nginx regex on
   * Origin, every OPTIONS answered with 204, 400 for a method nginx cannot parse), or a CORS filter that answers
   * preflights (OPTIONS with Access-Control-Request-Method) itself and adds headers to the backend's responses.
   */
  readonly responder: 'nginx-template' | 'cors-filter';
  /** Access-Control-Max-Age sent when no max-age is written (null: not sent). */
  readonly defaultMaxAge: number | null;
  /**
   * How the controller's own CORS settings allow several origins (answering each request with the one that
   * matches) and a family of subdomains: one sentence each, the advice for hand-written headers that try to.
   */
  readonly nativeOrigins: { readonly several: string; readonly subdomains: string };
  /**
   * An edit that adds a missing setting with a value (undefined when the controller's configuration has no
   * place to add it, or the key already exists with a value of the wrong type).
   */
  addSetting(text: TextLike, p: EffectivePolicy, field: PolicyField, value: string): WrittenValue | undefined;
}

/** A value as written by a fix, and how it is shown in a fix title. */
export interface WrittenValue {
  edit: TextEdit;
  shown: string;
}

/** Writes `text` (a boolean, a number of seconds or a duration) into a setting's value the way the controller reads it. */
export function writeSetting(profile: ControllerProfile, value: ValueRef, text: string, type: SettingType): WrittenValue {
  if (profile.values === 'annotation') return { edit: replaceValue(value, text), shown: `"${text}"` };
  if (type === 'boolean' || !value.isString) return { edit: replace(value.range, text), shown: text };
  return { edit: replaceValue(value, text), shown: text };
}

/** The max-age value for `seconds` in the controller's format. */
export function maxAgeText(profile: ControllerProfile, seconds: number): string {
  return profile.maxAgeType === 'duration' ? `${seconds}s` : String(seconds);
}

/** How a setting is named in messages: the profile's name (annotations), or where it is written (manifests). */
export function settingLabel(p: EffectivePolicy, field: PolicyField): string {
  const f = p.fields[field];
  return p.profile.values === 'annotation' || !f ? p.profile.settings[field] : f.label;
}

/** The name of a setting: the profile's, or the last segment of where it was written (`…corsPolicy.allowCredentials`). */
export function settingName(p: EffectivePolicy, field: PolicyField): string {
  if (p.profile.values === 'annotation') return p.profile.settings[field];
  const f = p.fields[field];
  return f ? f.label.slice(f.label.lastIndexOf('.') + 1) : p.profile.settings[field];
}

const noSetting = (): undefined => undefined;

const INGRESS_NGINX: ControllerProfile = {
  id: 'ingress-nginx',
  name: 'ingress-nginx',
  Name: 'ingress-nginx',
  title: 'ingress-nginx',
  settings: {
    enable: 'enable-cors',
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
  vary: { kind: 'never', why: 'but never sends `Vary: Origin` (PR kubernetes/ingress-nginx#10490 is unmerged)', backendAdvice: false },
  origins: { caseInsensitive: 'case-insensitively (`~*`)', wildcardSubdomain: 'one-label', regex: { match: 'none' } },
  starOnEveryResponse: true,
  responder: 'nginx-template',
  defaultMaxAge: DEFAULT_MAX_AGE,
  nativeOrigins: {
    several:
      '`cors-allow-origin` takes a comma-separated list and answers each request with the origin that matches; in a snippet, echo `$http_origin` under `if ($http_origin ~* …)`.',
    subdomains:
      'Use `cors-allow-origin: "https://*.example.com"` (one label in place of `*`), or echo `$http_origin` under an `if ($http_origin ~* "^https://[a-z0-9-]+\\.example\\.com$")`.',
  },
  addSetting(text, p, field, value) {
    const t = p.target;
    if (t.kind !== 'ingress-nginx' || !t.values?.annotationsMap) return undefined;
    const key = `${t.prefix}/${this.settings[field]}`;
    // A key whose value is a list or a map is not used, but it exists: never add a second one.
    if (t.annotations.some((a) => a.key === key)) return undefined;
    const parent = t.values.annotationsPair ? nodeRange(t.values.annotationsPair.key as Node) : undefined;
    return { edit: insertPairs(text, t.values.annotationsMap, [[key, doubleQuoted(value)]], parent), shown: `"${value}"` };
  },
};

const TRAEFIK: ControllerProfile = {
  id: 'traefik',
  name: 'Traefik',
  Name: 'Traefik',
  title: 'Traefik',
  settings: {
    enable: 'spec.headers',
    origin: 'accessControlAllowOriginList',
    credentials: 'accessControlAllowCredentials',
    methods: 'accessControlAllowMethods',
    headers: 'accessControlAllowHeaders',
    expose: 'accessControlExposeHeaders',
    maxAge: 'accessControlMaxAge',
    vary: 'addVaryHeader',
  },
  values: 'typed',
  maxAgeType: 'number',
  vary: { kind: 'setting', setting: 'addVaryHeader' },
  origins: { caseInsensitive: false, wildcardSubdomain: 'none', regex: { match: 'contains', engine: 'Go `regexp.MatchString`' } },
  starOnEveryResponse: false,
  responder: 'cors-filter',
  defaultMaxAge: null,
  nativeOrigins: {
    several: '`accessControlAllowOriginList` takes a list and answers each request with the origin that matches.',
    subdomains: 'Use `accessControlAllowOriginListRegex` with an anchored regex such as `^https://[a-z0-9-]+\\.example\\.com$`.',
  },
  addSetting: noSetting,
};

const ISTIO: ControllerProfile = {
  id: 'istio',
  name: 'Istio',
  Name: 'Istio',
  title: 'Istio (Envoy)',
  settings: {
    enable: 'corsPolicy',
    origin: 'corsPolicy.allowOrigins',
    credentials: 'allowCredentials',
    methods: 'allowMethods',
    headers: 'allowHeaders',
    expose: 'exposeHeaders',
    maxAge: 'maxAge',
    vary: 'Vary',
  },
  values: 'typed',
  maxAgeType: 'duration',
  vary: {
    kind: 'never',
    why: 'but Envoy never adds `Vary: Origin` and Istio has no setting for it (envoyproxy/envoy#35873)',
    backendAdvice: true,
  },
  origins: { caseInsensitive: false, wildcardSubdomain: 'none', regex: { match: 'full' } },
  starOnEveryResponse: false,
  responder: 'cors-filter',
  defaultMaxAge: null,
  nativeOrigins: {
    several: '`corsPolicy.allowOrigins` takes a list of `exact:` entries and answers each request with the origin that matches.',
    subdomains: 'Use a `regex:` entry in `corsPolicy.allowOrigins`, such as `https://[a-z0-9-]+\\.example\\.com` (matched whole).',
  },
  addSetting: noSetting,
};

const GATEWAY_API: ControllerProfile = {
  id: 'gateway-api',
  name: 'the Gateway API implementation',
  Name: 'The Gateway API implementation',
  title: 'Gateway API',
  settings: {
    enable: 'cors',
    origin: 'allowOrigins',
    credentials: 'allowCredentials',
    methods: 'allowMethods',
    headers: 'allowHeaders',
    expose: 'exposeHeaders',
    maxAge: 'maxAge',
    vary: 'Vary',
  },
  values: 'typed',
  maxAgeType: 'number',
  vary: {
    kind: 'never',
    why: 'but the CORS filter has no setting to add `Vary: Origin` and the spec does not require it (kubernetes-sigs/gateway-api#4666)',
    backendAdvice: true,
  },
  origins: { caseInsensitive: false, wildcardSubdomain: 'any-labels', regex: { match: 'none' } },
  starOnEveryResponse: false,
  responder: 'cors-filter',
  defaultMaxAge: GATEWAY_API_DEFAULT_MAX_AGE,
  nativeOrigins: {
    several: "The `CORS` filter's `allowOrigins` takes a list and answers each request with the origin that matches.",
    subdomains: "Use `https://*.example.com` in the `CORS` filter's `allowOrigins` (`*` spans any number of labels).",
  },
  addSetting: noSetting,
};

/** Every controller's profile. Exhaustive: a new controller does not compile until it has one. */
export const PROFILES: Readonly<Record<Controller, ControllerProfile>> = {
  'ingress-nginx': INGRESS_NGINX,
  traefik: TRAEFIK,
  istio: ISTIO,
  'gateway-api': GATEWAY_API,
  ...ENVOY_FAMILY_PROFILES,
  kong: KONG,
  apisix: APISIX,
  'haproxy-ingress': HAPROXY_INGRESS,
  haproxy: HAPROXY_TECH,
};

/** The controller ids, in a stable order. */
export const CONTROLLERS = Object.keys(PROFILES) as Controller[];
