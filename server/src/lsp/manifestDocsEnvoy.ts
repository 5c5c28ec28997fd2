/**
 * Hover and completion docs for the CORS fields of Envoy Gateway (SecurityPolicy `spec.cors`), Contour (HTTPProxy
 * `spec.virtualhost.corsPolicy`) and Emissary-ingress (Mapping `spec.cors`, Module `spec.config.cors`). Facts:
 * docs/reference/envoy-gateway.md, contour.md, emissary.md.
 */
import type { ManifestFieldDoc } from './manifestDocs';

const ECHO = 'Envoy echoes a matching Origin in `Access-Control-Allow-Origin` (never `*`) and adds no `Vary: Origin`.';

const field = (
  name: string,
  summary: string,
  def: string,
  details: string,
  shape: ManifestFieldDoc['shape'],
  example: string,
): ManifestFieldDoc => ({
  name,
  summary,
  default: def,
  details,
  shape,
  example,
});

export const ENVOY_GATEWAY_DOCS: ManifestFieldDoc[] = [
  field(
    'allowOrigins',
    'Origins allowed to read responses (`*` wildcards allowed)',
    'not set (no origin)',
    `Entries without \`*\` match exactly and **case-sensitively**. A \`*\` becomes \`.*\` in a full-match regex, so \`https://*.example.com\` also matches \`https://a.b.example.com\`; a lone \`*\` allows every origin — **with \`allowCredentials: true\` every website gets credentialed access**. ${ECHO}`,
    'list',
    'https://app.example.com',
  ),
  field(
    'allowMethods',
    'Methods allowed in preflights',
    'not set (header not sent)',
    'Joined with `, `. A `*` anywhere makes the value exactly `*`, which Envoy answers with the requested method.',
    'list',
    'GET',
  ),
  field(
    'allowHeaders',
    'Request headers allowed in preflights',
    'not set (header not sent)',
    'Joined with `, `. Include `Authorization` for bearer tokens. A `*` anywhere: Envoy answers with the requested headers.',
    'list',
    'Authorization',
  ),
  field(
    'exposeHeaders',
    'Response headers scripts may read',
    'not set (header not sent)',
    'Sent as written in `Access-Control-Expose-Headers`; a `*` is sent literally and means nothing with credentials.',
    'list',
    'X-Request-Id',
  ),
  field(
    'allowCredentials',
    'Send `Access-Control-Allow-Credentials: true`',
    'not set (`false`)',
    'Lets the allowed origins make requests with cookies and HTTP authentication.',
    'bool',
    'false',
  ),
  field(
    'maxAge',
    'How long browsers may cache a preflight (a duration)',
    'not set (header not sent: browsers use 5 s)',
    'A duration such as `600s` or `1h` (CRD pattern `^([0-9]{1,5}(h|m|s|ms)){1,4}$`), sent as whole seconds, truncated. Chromium caps it at 2 h.',
    'duration',
    '600s',
  ),
];

export const CONTOUR_DOCS: ManifestFieldDoc[] = [
  field(
    'allowOrigin',
    'Origins allowed (required): `*`, exact `scheme://host[:port]`, or a regex',
    'required',
    `\`*\` allows every origin. An entry that is exactly \`scheme://host[:port]\` matches **case-insensitively**; anything else is a Go regex that must match the **whole** Origin, case-sensitively (\`https://*.example.com\` is an exact literal and matches nothing — write \`https://[a-z0-9-]+\\\\.example\\\\.com\`). ${ECHO}`,
    'list',
    'https://app.example.com',
  ),
  field(
    'allowMethods',
    'Methods allowed in preflights (required)',
    'required',
    'Joined with `,`. `*` alone: Envoy answers with the requested method.',
    'list',
    'GET',
  ),
  field(
    'allowHeaders',
    'Request headers allowed in preflights',
    'not set (header not sent)',
    'Joined with `,`. Include `Authorization` for bearer tokens.',
    'list',
    'Authorization',
  ),
  field(
    'exposeHeaders',
    'Response headers scripts may read',
    'not set (header not sent)',
    'Joined with `,` in `Access-Control-Expose-Headers`.',
    'list',
    'X-Request-Id',
  ),
  field(
    'allowCredentials',
    'Send `Access-Control-Allow-Credentials: true`',
    '`false`',
    'With `*` in allowOrigin Envoy echoes every origin with credentials.',
    'bool',
    'false',
  ),
  field(
    'allowPrivateNetwork',
    'Answer Private Network Access preflights',
    '`false`',
    'Sends `Access-Control-Allow-Private-Network: true` when the preflight asks for it.',
    'bool',
    'false',
  ),
  field(
    'maxAge',
    'How long browsers may cache a preflight (a Go duration)',
    'not set (header not sent: browsers use 5 s)',
    'A Go duration (`10m`, `1h`), sent as seconds, rounded; `0` disables caching; a negative value makes the HTTPProxy invalid.',
    'duration',
    '10m',
  ),
];

export const EMISSARY_DOCS: ManifestFieldDoc[] = [
  field(
    'origins',
    'Origins allowed (exact strings, or `*`)',
    'not set (no origin)',
    `Each entry is compared **exactly and case-sensitively**; there are no wildcard subdomains or regexes. \`*\` allows every origin. A Mapping's \`cors\` replaces the \`ambassador\` Module's as a whole. ${ECHO}`,
    'list',
    'https://app.example.com',
  ),
  field('methods', 'Methods allowed in preflights', 'not set (header not sent)', 'Joined with `, `.', 'list', 'GET'),
  field(
    'headers',
    'Request headers allowed in preflights',
    'not set (header not sent)',
    'Joined with `, `. Include `Authorization` for bearer tokens.',
    'list',
    'Authorization',
  ),
  field(
    'exposed_headers',
    'Response headers scripts may read',
    'not set (header not sent)',
    'Joined with `, ` in `Access-Control-Expose-Headers`.',
    'list',
    'X-Request-Id',
  ),
  field(
    'credentials',
    'Send `Access-Control-Allow-Credentials: true`',
    'not set (`false`)',
    'With `*` in origins Envoy echoes every origin with credentials.',
    'bool',
    'false',
  ),
  field(
    'max_age',
    'Seconds browsers may cache a preflight (a string)',
    'not set (header not sent: browsers use 5 s)',
    'Sent verbatim: write a number of seconds as a string (`"3600"`); `"1h"` reaches the browser as is and is ignored.',
    'duration',
    '3600',
  ),
];
