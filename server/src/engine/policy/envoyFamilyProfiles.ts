/**
 * Profiles of Envoy Gateway, Contour and Emissary-ingress (docs/reference/envoy-gateway.md, contour.md,
 * emissary.md). All three program Envoy's CORS filter: the request Origin is echoed (never `*`), no `Vary`.
 */
import type { ControllerProfile } from './profiles';

const noSetting = (): undefined => undefined;
const ENVOY_VARY = 'but Envoy never adds `Vary: Origin` and {{name}} has no setting for it (envoyproxy/envoy#35873)';

const ENVOY_GATEWAY: ControllerProfile = {
  id: 'envoy-gateway',
  name: 'Envoy Gateway',
  Name: 'Envoy Gateway',
  title: 'Envoy Gateway',
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
  maxAgeType: 'duration',
  responder: 'cors-filter',
  defaultMaxAge: null,
  nativeOrigins: {
    several: "The SecurityPolicy's `cors.allowOrigins` takes a list and answers each request with the origin that matches.",
    subdomains: 'Use `https://*.example.com` in `cors.allowOrigins` (`*` spans any number of labels).',
  },
  vary: { kind: 'never', why: ENVOY_VARY.replace('{{name}}', 'Envoy Gateway'), backendAdvice: true },
  // `*` becomes `.*` in a full-match regex: any number of labels; exact entries are case-sensitive.
  origins: { caseInsensitive: false, wildcardSubdomain: 'any-labels', regex: { match: 'full' } },
  starOnEveryResponse: false,
  addSetting: noSetting,
};

const CONTOUR: ControllerProfile = {
  id: 'contour',
  name: 'Contour',
  Name: 'Contour',
  title: 'Contour (Envoy)',
  settings: {
    enable: 'corsPolicy',
    origin: 'allowOrigin',
    credentials: 'allowCredentials',
    methods: 'allowMethods',
    headers: 'allowHeaders',
    expose: 'exposeHeaders',
    maxAge: 'maxAge',
    vary: 'Vary',
  },
  values: 'typed',
  maxAgeType: 'duration',
  responder: 'cors-filter',
  defaultMaxAge: null,
  nativeOrigins: {
    several: '`corsPolicy.allowOrigin` takes a list and answers each request with the origin that matches.',
    subdomains: 'Use a regex entry in `corsPolicy.allowOrigin`, such as `https://[a-z0-9-]+\\.example\\.com` (matched whole).',
  },
  vary: { kind: 'never', why: ENVOY_VARY.replace('{{name}}', 'Contour'), backendAdvice: true },
  // Exact entries: Envoy `exact` with ignore_case; anything else: a full-match, case-sensitive regex.
  origins: { caseInsensitive: 'case-insensitively (`ignore_case`)', wildcardSubdomain: 'none', regex: { match: 'full' } },
  starOnEveryResponse: false,
  addSetting: noSetting,
};

const EMISSARY: ControllerProfile = {
  id: 'emissary',
  name: 'Emissary-ingress',
  Name: 'Emissary-ingress',
  title: 'Emissary-ingress (Envoy)',
  settings: {
    enable: 'cors',
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
  responder: 'cors-filter',
  defaultMaxAge: null,
  nativeOrigins: {
    several: '`cors.origins` takes a list and answers each request with the origin that matches.',
    subdomains: '`cors.origins` has no wildcards or regexes: list each subdomain.',
  },
  vary: { kind: 'never', why: ENVOY_VARY.replace('{{name}}', 'Emissary-ingress'), backendAdvice: true },
  origins: { caseInsensitive: false, wildcardSubdomain: 'none', regex: { match: 'none' } },
  starOnEveryResponse: false,
  addSetting: noSetting,
};

export const ENVOY_FAMILY_PROFILES = { 'envoy-gateway': ENVOY_GATEWAY, contour: CONTOUR, emissary: EMISSARY } as const;
