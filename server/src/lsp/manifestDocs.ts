/**
 * What each CORS field of a Traefik Middleware, an Istio VirtualService `corsPolicy` and a Gateway API
 * HTTPRoute `CORS` filter does, with its default (docs/reference/controllers.md). Used by
 * hover and completion on manifests.
 */
import { PROFILES, type Controller } from '../engine/index';
import { CONTOUR_DOCS, EMISSARY_DOCS, ENVOY_GATEWAY_DOCS } from './manifestDocsEnvoy';
import { APISIX_DOCS, HAPROXY_DOCS, HAPROXY_INGRESS_DOCS, KONG_DOCS } from './manifestDocsGateways';

export type ManifestController = Exclude<Controller, 'ingress-nginx'>;

export interface ManifestFieldDoc {
  name: string;
  /** One line, used as the completion detail. */
  summary: string;
  /** The default when the field is not written. */
  default: string;
  /** What the controller does with it (markdown). */
  details: string;
  /** YAML type of the value: what completion inserts after the key. */
  shape: 'list' | 'bool' | 'int' | 'duration' | 'enum';
  /** Example value for completion snippets. */
  example: string;
}

/** The key of the CORS block per controller (`spec.headers`, `corsPolicy`, `cors`). */
export const BLOCK_KEYS: Record<ManifestController, string> = {
  traefik: 'spec.headers',
  istio: 'spec.http[].corsPolicy',
  'gateway-api': 'filters[].cors',
  'envoy-gateway': 'spec.cors',
  contour: 'spec.virtualhost.corsPolicy',
  emissary: 'spec.cors',
  kong: 'config',
  apisix: 'plugins[].config',
  'haproxy-ingress': 'metadata.annotations',
  haproxy: 'metadata.annotations',
};

const TRAEFIK: ManifestFieldDoc[] = [
  {
    name: 'accessControlAllowOriginList',
    summary: 'Origins allowed to read responses (exact strings, or `*`)',
    default: '`[]` (no origin)',
    details:
      'Each entry is compared **exactly and case-sensitively** with the request `Origin` (no wildcard subdomains). A matching origin is echoed in `Access-Control-Allow-Origin`. `"*"` sends `*` — but **with `accessControlAllowCredentials: true` Traefik echoes the request Origin instead**, so every website gets credentialed access.',
    shape: 'list',
    example: 'https://app.example.com',
  },
  {
    name: 'accessControlAllowOriginListRegex',
    summary: 'Origin regular expressions (Go regexp, unanchored)',
    default: '`[]`',
    details:
      'Go `regexp.MatchString`, which is **not anchored**: `https://.*\\.example\\.com` also matches `https://x.example.com.evil.net`. Write `^…$` and escape the dots. A match echoes the request Origin.',
    shape: 'list',
    example: '^https://[a-z0-9-]+\\.example\\.com$',
  },
  {
    name: 'accessControlAllowCredentials',
    summary: 'Send `Access-Control-Allow-Credentials: true`',
    default: '`false`',
    details:
      'Lets the allowed origins make requests with cookies and HTTP authentication. Together with origin `*` Traefik reflects any origin with credentials.',
    shape: 'bool',
    example: 'false',
  },
  {
    name: 'accessControlAllowMethods',
    summary: 'Methods allowed in preflights',
    default: '`[]` (header not sent)',
    details: 'Joined with `,` into `Access-Control-Allow-Methods`. `*` with credentials: Traefik echoes the requested method.',
    shape: 'list',
    example: 'GET',
  },
  {
    name: 'accessControlAllowHeaders',
    summary: 'Request headers allowed in preflights',
    default: '`[]` (header not sent)',
    details:
      'Joined with `,` into `Access-Control-Allow-Headers`. Include `Authorization` for bearer tokens. `*` with credentials: Traefik echoes the requested headers.',
    shape: 'list',
    example: 'Authorization',
  },
  {
    name: 'accessControlExposeHeaders',
    summary: 'Response headers scripts may read',
    default: '`[]` (header not sent)',
    details: 'Joined with `,` into `Access-Control-Expose-Headers`. Containing `*` with credentials, Traefik drops the header entirely.',
    shape: 'list',
    example: 'X-Request-Id',
  },
  {
    name: 'accessControlMaxAge',
    summary: 'Seconds browsers may cache a preflight',
    default: 'not set (no `Access-Control-Max-Age`; browsers cache for 5 s)',
    details: 'An integer number of seconds (`*int64`, no minimum). Chromium caps it at 7200, Firefox at 86400.',
    shape: 'int',
    example: '3600',
  },
  {
    name: 'addVaryHeader',
    summary: 'Add `Vary: Origin` to proxied responses',
    default: '`false`',
    details:
      'Appends `Origin` to `Vary` on non-preflight responses, so shared caches keep responses for different origins apart. Needed whenever the Origin is echoed.',
    shape: 'bool',
    example: 'true',
  },
];

const ISTIO: ManifestFieldDoc[] = [
  {
    name: 'allowOrigins',
    summary: 'Origin matchers: `exact`, `prefix` or `regex`',
    default: 'not set (no origin)',
    details:
      'A list of string matchers: `exact` (case-sensitive), `prefix`, or `regex` (RE2, full-string). When one matches, Envoy sets `Access-Control-Allow-Origin` to the request Origin — never `*`. A matcher that matches the string `*` allows every origin.',
    shape: 'list',
    example: 'exact: https://app.example.com',
  },
  {
    name: 'allowMethods',
    summary: 'Methods allowed in preflights',
    default: 'not set (header not sent)',
    details: 'Joined with `,` into `Access-Control-Allow-Methods`.',
    shape: 'list',
    example: 'GET',
  },
  {
    name: 'allowHeaders',
    summary: 'Request headers allowed in preflights',
    default: 'not set (header not sent)',
    details: 'Joined with `,` into `Access-Control-Allow-Headers`. Include `Authorization` for bearer tokens.',
    shape: 'list',
    example: 'Authorization',
  },
  {
    name: 'exposeHeaders',
    summary: 'Response headers scripts may read',
    default: 'not set (header not sent)',
    details: 'Joined with `,` into `Access-Control-Expose-Headers`.',
    shape: 'list',
    example: 'X-Request-Id',
  },
  {
    name: 'maxAge',
    summary: 'How long browsers may cache a preflight (duration)',
    default: 'not set (no `Access-Control-Max-Age`; browsers cache for 5 s)',
    details: 'A duration string such as `"3600s"` or `"1h"`: at least `1ms` (CEL rule) and whole seconds (istiod rejects fractions).',
    shape: 'duration',
    example: '1h',
  },
  {
    name: 'allowCredentials',
    summary: 'Send `Access-Control-Allow-Credentials: true`',
    default: 'not set (`false`)',
    details:
      'Lets the allowed origins make requests with cookies and HTTP authentication. With a matcher that allows any origin, Envoy echoes every Origin with credentials.',
    shape: 'bool',
    example: 'false',
  },
  {
    name: 'unmatchedPreflights',
    summary: 'Forward preflights from non-matching origins? (`FORWARD` / `IGNORE`)',
    default: '`FORWARD`',
    details:
      '`FORWARD` passes preflights whose origin does not match on to the upstream service; `IGNORE` answers them without forwarding.',
    shape: 'enum',
    example: 'IGNORE',
  },
];

const ISTIO_MATCHERS: Record<'exact' | 'prefix' | 'regex', string> = {
  exact: '`exact`: the request Origin must equal this string (case-sensitive).',
  prefix:
    '`prefix`: any Origin that **starts with** this string matches — `https://app.example.com` also matches `https://app.example.com.evil.net`.',
  regex: '`regex`: an RE2 expression that must match the **whole** Origin. Escape the dots.',
};

const GATEWAY: ManifestFieldDoc[] = [
  {
    name: 'allowOrigins',
    summary: 'Origins allowed to read responses (`*` wildcards allowed)',
    default: 'not set (no origin)',
    details:
      'Each entry is `scheme://host[:port]`; `*` in the host spans **any number of labels**. A lone `*` allows every origin and must not be combined with other entries. With credentials the gateway returns the request Origin instead of `*`.',
    shape: 'list',
    example: 'https://app.example.com',
  },
  {
    name: 'allowMethods',
    summary: 'Methods allowed in preflights',
    default: 'not set (header not sent)',
    details: 'Sent in `Access-Control-Allow-Methods`. `*` with credentials: the gateway returns the requested method.',
    shape: 'list',
    example: 'GET',
  },
  {
    name: 'allowHeaders',
    summary: 'Request headers allowed in preflights',
    default: 'not set (header not sent)',
    details:
      'Sent in `Access-Control-Allow-Headers`. Include `Authorization` for bearer tokens. `*` with credentials: the gateway returns the requested headers.',
    shape: 'list',
    example: 'Authorization',
  },
  {
    name: 'exposeHeaders',
    summary: 'Response headers scripts may read',
    default: 'not set (header not sent)',
    details: 'Sent in `Access-Control-Expose-Headers`. `*` cannot be used with credentials.',
    shape: 'list',
    example: 'X-Request-Id',
  },
  {
    name: 'allowCredentials',
    summary: 'Send `Access-Control-Allow-Credentials: true`',
    default: 'not set (`false`)',
    details:
      'Lets the allowed origins make requests with cookies and HTTP authentication. With `*` the gateway must echo the request Origin, so every website gets credentialed access.',
    shape: 'bool',
    example: 'false',
  },
  {
    name: 'maxAge',
    summary: 'Seconds browsers may cache a preflight',
    default: '`5`',
    details: 'An integer of at least 1 (`int32`). Chromium caps it at 7200.',
    shape: 'int',
    example: '3600',
  },
];

export const MANIFEST_FIELD_DOCS: Record<ManifestController, ManifestFieldDoc[]> = {
  traefik: TRAEFIK,
  istio: ISTIO,
  'gateway-api': GATEWAY,
  'envoy-gateway': ENVOY_GATEWAY_DOCS,
  contour: CONTOUR_DOCS,
  emissary: EMISSARY_DOCS,
  kong: KONG_DOCS,
  apisix: APISIX_DOCS,
  'haproxy-ingress': HAPROXY_INGRESS_DOCS,
  haproxy: HAPROXY_DOCS,
};

export function fieldDoc(controller: ManifestController, name: string): ManifestFieldDoc | undefined {
  return MANIFEST_FIELD_DOCS[controller].find((d) => d.name === name);
}

/** The kinds of origin match a controller's origin items take (Istio's StringMatch: `exact:`, `prefix:`, `regex:`). */
const ORIGIN_MATCHERS: Partial<Record<ManifestController, Record<string, string>>> = { istio: ISTIO_MATCHERS };

/** What an origin item's match key means (`prefix:`), for controllers whose origin items have one. */
export function originMatcherDoc(controller: ManifestController, kind: string): string | undefined {
  return ORIGIN_MATCHERS[controller]?.[kind];
}

/** The markdown for one field: name, controller, meaning and default. */
export function fieldMarkdown(controller: ManifestController, doc: ManifestFieldDoc): string {
  return [
    `**\`${doc.name}\`** — ${PROFILES[controller].title} (\`${BLOCK_KEYS[controller]}\`)`,
    '',
    doc.summary + '.',
    '',
    doc.details,
    '',
    `**${PROFILES[controller].title} default:** ${doc.default}`,
  ].join('\n');
}
