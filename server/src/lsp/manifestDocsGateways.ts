/**
 * Editor docs for the CORS settings of Kong's and APISIX's `cors` plugins and of the HAProxy controllers'
 * `cors-*` annotations (docs/reference/kong.md, apisix.md, haproxy-ingress.md, haproxy.md).
 */
import type { ManifestFieldDoc } from './manifestDocs';

const d = (
  name: string,
  summary: string,
  dflt: string,
  details: string,
  shape: ManifestFieldDoc['shape'],
  example: string,
): ManifestFieldDoc => ({
  name,
  summary,
  default: dflt,
  details,
  shape,
  example,
});

export const KONG_DOCS: ManifestFieldDoc[] = [
  d(
    'origins',
    'Allowed origins: plain origins, PCRE regexes, or `*`',
    'not set: any origin (`*`)',
    'An entry made only of `A-Za-z0-9.:/-` is a plain origin, compared after normalization (default ports dropped); any other character makes it a **regex**, matched in full and case-sensitively (an entry without `:` is matched against the host only). `https://*.example.com` is a regex in which `/*` means "any number of slashes": it never matches `https://app.example.com`. One plain entry is sent as is on every response. `*` (or no entry) sends `*`, but **with `credentials: true` Kong echoes any Origin**.',
    'list',
    'https://app.example.com',
  ),
  d(
    'credentials',
    'Send `Access-Control-Allow-Credentials: true`',
    '`false`',
    'With `*` or no origins, Kong then echoes every request Origin: any website gets credentialed access.',
    'bool',
    'false',
  ),
  d(
    'methods',
    'Access-Control-Allow-Methods',
    'all nine methods',
    'Upper-case names from `GET HEAD PUT PATCH POST DELETE OPTIONS TRACE CONNECT`; anything else (`*`, `patch`) fails the plugin schema.',
    'list',
    'GET',
  ),
  d(
    'headers',
    'Access-Control-Allow-Headers',
    'not set: the requested headers are echoed',
    'When empty, Kong answers a preflight with the `Access-Control-Request-Headers` it received.',
    'list',
    'Authorization',
  ),
  d('exposed_headers', 'Access-Control-Expose-Headers', 'not set', 'Response headers scripts may read.', 'list', 'X-Request-Id'),
  d(
    'max_age',
    'Seconds browsers may cache a preflight',
    'not set: no header (5 s in browsers)',
    'A number of seconds. Chromium caps it at 7200.',
    'int',
    '3600',
  ),
  d(
    'preflight_continue',
    'Pass preflights to the upstream',
    '`false`',
    '`true` makes the upstream answer OPTIONS preflights; by default Kong answers them with 200 before any authentication plugin.',
    'bool',
    'false',
  ),
  d(
    'private_network',
    'Send `Access-Control-Allow-Private-Network: true` when asked',
    '`false`',
    'Private Network Access preflights.',
    'bool',
    'false',
  ),
];

export const APISIX_DOCS: ManifestFieldDoc[] = [
  d(
    'allow_origins',
    'Allowed origins, comma-separated, or `*` / `**`',
    '`"*"`',
    'A comma-separated string (no spaces) of exact, case-sensitive origins. `*` sends `*` and is **rejected with `allow_credential: true`**; `**` echoes any Origin, also with credentials.',
    'enum',
    'https://app.example.com',
  ),
  d(
    'allow_origins_by_regex',
    'Origin regexes (PCRE, unanchored)',
    'not set',
    'Replaces `allow_origins`. The regexes are joined with `|` and searched **unanchored**: write `^https://…$` and escape dots. APISIX adds `Vary: Origin` only when `allow_origins` is not `*`.',
    'list',
    '^https://[a-z0-9-]+\\.example\\.com$',
  ),
  d(
    'allow_credential',
    'Send `Access-Control-Allow-Credentials: true`',
    '`false`',
    'With `true`, no option may be `*` (and `allow_methods`/`allow_headers` default to `*`): APISIX rejects the configuration.',
    'bool',
    'false',
  ),
  d('allow_methods', 'Access-Control-Allow-Methods (comma-separated)', '`"*"`', '`**` sends all nine methods.', 'enum', 'GET,POST'),
  d(
    'allow_headers',
    'Access-Control-Allow-Headers (comma-separated)',
    '`"*"`',
    '`**` echoes the requested headers.',
    'enum',
    'Authorization,Content-Type',
  ),
  d(
    'expose_headers',
    'Access-Control-Expose-Headers (comma-separated)',
    'not set',
    'Response headers scripts may read.',
    'enum',
    'X-Request-Id',
  ),
  d(
    'max_age',
    'Seconds browsers may cache a preflight',
    '`5`',
    'An integer; `-1` disables caching. Sent on every response.',
    'int',
    '3600',
  ),
];

const HI = 'HAProxy Ingress (`haproxy-ingress.github.io/`, legacy `ingress.kubernetes.io/`)';
export const HAPROXY_INGRESS_DOCS: ManifestFieldDoc[] = [
  d(
    'cors-enable',
    'Switch CORS on for the paths of this Ingress',
    '`"false"`',
    `${HI}: a Go boolean. Every OPTIONS request on the path is then answered with 204.`,
    'bool',
    '"true"',
  ),
  d(
    'cors-allow-origin',
    'Allowed origins, comma-separated (no spaces)',
    '`"*"`',
    'Each entry must be `scheme://host[:port]` or `*`; one invalid entry (a space after a comma) makes HAProxy Ingress ignore the whole value and use `*`. One origin is sent as is; several are compared exactly and echoed, with `Vary: Origin`.',
    'enum',
    '"https://app.example.com"',
  ),
  d(
    'cors-allow-origin-regex',
    'Origin regexes, space-separated (unanchored)',
    'not set',
    'HAProxy `-m reg`: a search, not a full match. Write `^https://app\\.example\\.com$`.',
    'enum',
    '"^https://[a-z0-9-]+\\.example\\.com$"',
  ),
  d(
    'cors-allow-credentials',
    'Send `Access-Control-Allow-Credentials: true`',
    'not set (`false` in the code; the docs say `true`)',
    'With origin `*`, HAProxy Ingress echoes any Origin with credentials.',
    'bool',
    '"false"',
  ),
  d(
    'cors-allow-methods',
    'Access-Control-Allow-Methods',
    '`"GET, PUT, POST, DELETE, PATCH, OPTIONS"`',
    'Letters, commas and single spaces only; otherwise the default is used.',
    'enum',
    '"GET, POST"',
  ),
  d(
    'cors-allow-headers',
    'Access-Control-Allow-Headers',
    '`DNT,X-CustomHeader,…,Authorization`',
    'Sent as written.',
    'enum',
    '"Authorization,Content-Type"',
  ),
  d('cors-expose-headers', 'Access-Control-Expose-Headers', 'not set', 'Sent as written.', 'enum', '"X-Request-Id"'),
  d('cors-max-age', 'Seconds browsers may cache a preflight', '`"86400"`', 'An integer; Chromium caps it at 7200.', 'int', '"3600"'),
];

const HT = "HAProxy Technologies' controller (`haproxy.org/`, `haproxy.com/`, `ingress.kubernetes.io/`)";
export const HAPROXY_DOCS: ManifestFieldDoc[] = [
  d(
    'cors-enable',
    'Switch CORS on for this Ingress',
    '`"false"`',
    `${HT}: a Go boolean. Preflights still reach the backend unless \`cors-respond-to-options\` is \`"true"\`.`,
    'bool',
    '"true"',
  ),
  d(
    'cors-allow-origin',
    'Allowed origins: `*`, or a regex (unanchored)',
    '`"*"`',
    'Anything but `*` is an HAProxy `-m reg` pattern, searched **unanchored**: `https://example.com` also matches `https://example.com.evil.net`. A match is echoed, without `Vary: Origin`.',
    'enum',
    '"^https://app\\.example\\.com$"',
  ),
  d(
    'cors-allow-credentials',
    'Send `Access-Control-Allow-Credentials: true`',
    '`"false"`',
    'Only the exact string `"true"`. With origin `*` the controller sends `*` and credentials, which browsers reject.',
    'bool',
    '"false"',
  ),
  d(
    'cors-allow-methods',
    'Access-Control-Allow-Methods',
    '`"*"`',
    'Comma-separated methods; an unknown one drops the header.',
    'enum',
    '"GET, POST"',
  ),
  d(
    'cors-allow-headers',
    'Access-Control-Allow-Headers',
    '`"*"`',
    'Spaces are removed; sent as written.',
    'enum',
    '"Authorization,Content-Type"',
  ),
  d(
    'cors-max-age',
    'How long browsers may cache a preflight',
    '`"5s"`',
    'A time with a unit (`ms`, `s`, `m`, `h`, `d`); **a bare number is milliseconds** (`"86400"` sends 86).',
    'enum',
    '"1h"',
  ),
  d(
    'cors-respond-to-options',
    'Answer OPTIONS requests with 204',
    '`"false"`',
    'Undocumented upstream: `"true"` answers every OPTIONS with 204 (basic auth still runs first).',
    'bool',
    '"true"',
  ),
];
