/**
 * The semantic and schema rules on Envoy Gateway (SecurityPolicy `spec.cors`), Contour (HTTPProxy
 * `spec.virtualhost.corsPolicy`) and Emissary-ingress (Mapping `spec.cors`): the same rules, each controller's
 * matching and wording (docs/reference/envoy-gateway.md, contour.md, emissary.md).
 */
import { ruleTester } from './_ruleTester';

const eg = (cors: string) => `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: SecurityPolicy
metadata:
  name: api
spec:
  targetRefs:
    - group: gateway.networking.k8s.io
      kind: HTTPRoute
      name: api
  cors:
${cors}`;
const contour = (cors: string) => `apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata:
  name: api
spec:
  virtualhost:
    fqdn: api.example.com
    corsPolicy:
${cors}  routes:
    - services:
        - name: api
          port: 80
`;
const emissary = (cors: string) => `apiVersion: getambassador.io/v3alpha1
kind: Mapping
metadata:
  name: api
spec:
  hostname: api.example.com
  prefix: /
  service: api:80
  cors:
${cors}`;
/** The CORS block's lines, indented for eg() / emissary() (4 spaces) or contour() (6 spaces). */
const E = (...l: string[]) => l.map((x) => '    ' + x + '\n').join('');
const K = (...l: string[]) => l.map((x) => '      ' + x + '\n').join('');
const M = E;

ruleTester('origin-never-matches', {
  valid: [
    {
      name: 'Contour: upper case host matches (ignore_case)',
      code: contour(K('allowOrigin: [https://App.example.com]', 'allowMethods: [GET]')),
    },
    {
      name: 'Contour: a regex is matched as a regex',
      code: contour(K('allowOrigin: ["https://[a-z]+\\\\.example\\\\.com"]', 'allowMethods: [GET]')),
    },
    { name: 'Envoy Gateway: `*.` is a wildcard', code: eg(E('allowOrigins: ["https://*.example.com"]')) },
  ],
  invalid: [
    {
      name: 'Envoy Gateway: upper case compared case-sensitively',
      code: eg(E('allowOrigins: ["https://App.example.com"]')),
      errors: [
        {
          message:
            '`https://App.example.com` never equals a browser Origin: this entry allows nothing. `https://App.example.com` has upper-case letters, and Envoy Gateway compares the Origin with this string character for character. Browsers send `Origin: https://app.example.com`. Write `https://app.example.com`.',
          line: 11,
          column: 20,
          endColumn: 45,
          severity: 'error',
          fixTitles: ['Replace with `https://app.example.com`'],
        },
      ],
      output: eg(E('allowOrigins: ["https://App.example.com"]')).replace(
        '    allowOrigins: ["https://App.example.com"]',
        '    allowOrigins: ["https://app.example.com"]',
      ),
      unsafeOutput: null,
    },
    {
      name: 'Contour: `*.` in an exact origin is a literal',
      code: contour(K('allowOrigin: ["https://*.example.com"]', 'allowMethods: [GET]')),
      errors: [
        {
          message:
            "`https://*.example.com` never equals a browser Origin: this entry allows nothing. `https://*.example.com` has a literal `*` in the host, and Contour compares the Origin with this string character for character. Browsers send a concrete host, such as `Origin: https://app.example.com`. List each origin, or use the controller's regular-expression matching.",
          line: 9,
          column: 21,
          endColumn: 44,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'Emissary: no wildcards, a trailing slash',
      code: emissary(M('origins: ["https://*.example.com", "https://app.example.com/"]')),
      errors: [
        {
          message:
            "`https://*.example.com` never equals a browser Origin: this entry allows nothing. `https://*.example.com` has a literal `*` in the host, and Emissary-ingress compares the Origin with this string character for character. Browsers send a concrete host, such as `Origin: https://app.example.com`. List each origin, or use the controller's regular-expression matching.",
          line: 10,
          column: 15,
          endColumn: 38,
          severity: 'error',
          fixTitles: [],
        },
        {
          message:
            '`https://app.example.com/` never equals a browser Origin: this entry allows nothing. `https://app.example.com/` ends with a slash, and Emissary-ingress compares the Origin with this string character for character. Browsers send `Origin: https://app.example.com`. Write `https://app.example.com`.',
          line: 10,
          column: 40,
          endColumn: 66,
          severity: 'error',
          fixTitles: ['Replace with `https://app.example.com`'],
        },
      ],
      output: emissary(M('origins: ["https://*.example.com", "https://app.example.com/"]')).replace(
        '    origins: ["https://*.example.com", "https://app.example.com/"]',
        '    origins: ["https://*.example.com", "https://app.example.com"]',
      ),
      unsafeOutput: null,
    },
  ],
});

ruleTester('max-age-exceeds-browser-cap', {
  valid: [
    { name: 'Envoy Gateway: 2h', code: eg(E('allowOrigins: [https://app.example.com]', 'maxAge: 2h')) },
    { name: 'Emissary: "7200"', code: emissary(M('origins: [https://app.example.com]', 'max_age: "7200"')) },
  ],
  invalid: [
    {
      name: 'Envoy Gateway: 24h',
      code: eg(E('allowOrigins: [https://app.example.com]', 'maxAge: 24h')),
      errors: [
        {
          message:
            '`spec.cors.maxAge` is above 7200 s: Chromium and Safari cache the preflight for less. `spec.cors.maxAge` `24h`: Envoy Gateway sends `Access-Control-Max-Age: 86400` (1 day), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 12,
          column: 13,
          endColumn: 16,
          severity: 'warning',
          fixTitles: ['Set spec.cors.maxAge to 7200s'],
        },
      ],
      output: eg(E('allowOrigins: [https://app.example.com]', 'maxAge: 24h')).replace('    maxAge: 24h', '    maxAge: 7200s'),
      unsafeOutput: null,
    },
    {
      name: 'Contour: 3h',
      code: contour(K('allowOrigin: [https://app.example.com]', 'allowMethods: [GET]', 'maxAge: 3h')),
      errors: [
        {
          message:
            '`spec.virtualhost.corsPolicy…` is above 7200 s: Chromium and Safari cache the preflight for less. `spec.virtualhost.corsPolicy.maxAge` `3h`: Contour sends `Access-Control-Max-Age: 10800` (3 hours), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 11,
          column: 15,
          endColumn: 17,
          severity: 'warning',
          fixTitles: ['Set spec.virtualhost.corsPolicy.maxAge to 7200s'],
        },
      ],
      output: contour(K('allowOrigin: [https://app.example.com]', 'allowMethods: [GET]', 'maxAge: 3h')).replace(
        '      maxAge: 3h',
        '      maxAge: 7200s',
      ),
      unsafeOutput: null,
    },
    {
      name: 'Emissary: "86400"',
      code: emissary(M('origins: [https://app.example.com]', 'max_age: "86400"')),
      errors: [
        {
          message:
            '`spec.cors.max_age` is above 7200 s: Chromium and Safari cache the preflight for less. `spec.cors.max_age` `86400`: Emissary-ingress sends `Access-Control-Max-Age: 86400` (1 day), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 11,
          column: 14,
          endColumn: 21,
          severity: 'warning',
          fixTitles: ['Set spec.cors.max_age to 7200'],
        },
      ],
      output: emissary(M('origins: [https://app.example.com]', 'max_age: "86400"')).replace('    max_age: "86400"', '    max_age: "7200"'),
      unsafeOutput: null,
    },
  ],
});

ruleTester('no-vary-origin', {
  valid: [
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'Contour: no origin allowed (invalid proxy)',
      code: contour(K('allowOrigin: []', 'allowMethods: [GET]')),
    },
  ],
  invalid: [
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'Envoy Gateway',
      code: eg(E('allowOrigins: [https://app.example.com]')),
      errors: [
        {
          message:
            'Origin echoed without `Vary: Origin`: shared caches can serve it to other origins. Envoy Gateway echoes the request Origin in `Access-Control-Allow-Origin` but Envoy never adds `Vary: Origin` and Envoy Gateway has no setting for it (envoyproxy/envoy#35873): a shared cache (CDN, proxy) can serve the response it stored for one origin (or for a request without an Origin) to another origin, and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing. Add `Vary: Origin` in the backend, or keep shared caches from storing these responses.',
          line: 11,
          column: 19,
          endColumn: 44,
          severity: 'info',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'Contour',
      code: contour(K('allowOrigin: [https://app.example.com]', 'allowMethods: [GET]')),
      errors: [
        {
          message:
            'Origin echoed without `Vary: Origin`: shared caches can serve it to other origins. Contour echoes the request Origin in `Access-Control-Allow-Origin` but Envoy never adds `Vary: Origin` and Contour has no setting for it (envoyproxy/envoy#35873): a shared cache (CDN, proxy) can serve the response it stored for one origin (or for a request without an Origin) to another origin, and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing. Add `Vary: Origin` in the backend, or keep shared caches from storing these responses.',
          line: 9,
          column: 20,
          endColumn: 45,
          severity: 'info',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'Emissary',
      code: emissary(M('origins: [https://app.example.com]')),
      errors: [
        {
          message:
            'Origin echoed without `Vary: Origin`: shared caches can serve it to other origins. Emissary-ingress echoes the request Origin in `Access-Control-Allow-Origin` but Envoy never adds `Vary: Origin` and Emissary-ingress has no setting for it (envoyproxy/envoy#35873): a shared cache (CDN, proxy) can serve the response it stored for one origin (or for a request without an Origin) to another origin, and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing. Add `Vary: Origin` in the backend, or keep shared caches from storing these responses.',
          line: 10,
          column: 14,
          endColumn: 39,
          severity: 'info',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
  ],
});

ruleTester('missing-authorization-header', {
  valid: [
    {
      name: 'Envoy Gateway: Authorization listed',
      code: eg(E('allowOrigins: [https://app.example.com]', 'allowHeaders: [Authorization, content-type]')),
    },
  ],
  invalid: [
    {
      name: 'Envoy Gateway',
      code: eg(E('allowOrigins: [https://app.example.com]', 'allowCredentials: true', 'allowHeaders: [content-type]')),
      errors: [
        {
          message:
            'Allowed headers lack `Authorization`: the browser blocks authenticated API calls. Calls to an API that uses `Authorization` send a preflight that asks for `authorization`, and Envoy Gateway answers with `spec.cors.allowHeaders` `content-type`, which does not include it.',
          line: 13,
          column: 19,
          endColumn: 33,
          severity: 'warning',
          fixTitles: ['Add Authorization to the allowed headers'],
        },
      ],
      output: eg(E('allowOrigins: [https://app.example.com]', 'allowCredentials: true', 'allowHeaders: [content-type]')).replace(
        '    allowHeaders: [content-type]',
        '    allowHeaders: [content-type, Authorization]',
      ),
      unsafeOutput: null,
    },
    {
      name: 'Contour',
      code: contour(K('allowOrigin: [https://app.example.com]', 'allowMethods: [GET]', 'allowHeaders: [content-type]')),
      errors: [
        {
          message:
            'Allowed headers lack `Authorization`: the browser blocks authenticated API calls. Calls to an API that uses `Authorization` send a preflight that asks for `authorization`, and Contour answers with `spec.virtualhost.corsPolicy.allowHeaders` `content-type`, which does not include it.',
          line: 11,
          column: 21,
          endColumn: 35,
          severity: 'warning',
          fixTitles: ['Add Authorization to the allowed headers'],
        },
      ],
      output: contour(K('allowOrigin: [https://app.example.com]', 'allowMethods: [GET]', 'allowHeaders: [content-type]')).replace(
        '      allowHeaders: [content-type]',
        '      allowHeaders: [content-type, Authorization]',
      ),
      unsafeOutput: null,
    },
    {
      name: 'Emissary',
      code: emissary(M('origins: [https://app.example.com]', 'headers: [content-type]')),
      errors: [
        {
          message:
            'Allowed headers lack `Authorization`: the browser blocks authenticated API calls. Calls to an API that uses `Authorization` send a preflight that asks for `authorization`, and Emissary-ingress answers with `spec.cors.headers` `content-type`, which does not include it.',
          line: 11,
          column: 14,
          endColumn: 28,
          severity: 'warning',
          fixTitles: ['Add Authorization to the allowed headers'],
        },
      ],
      output: emissary(M('origins: [https://app.example.com]', 'headers: [content-type]')).replace(
        '    headers: [content-type]',
        '    headers: [content-type, Authorization]',
      ),
      unsafeOutput: null,
    },
  ],
});

ruleTester('wildcard-subdomain', {
  valid: [
    {
      name: 'Emissary: a literal `*` is no wildcard (origin-never-matches reports it)',
      code: emissary(M('origins: ["https://*.example.com"]')),
    },
  ],
  invalid: [
    {
      name: 'Envoy Gateway: `*.` spans any depth',
      code: eg(E('allowOrigins: ["https://*.example.com"]', 'allowCredentials: true')),
      errors: [
        {
          message:
            "`https://*.example.com` trusts every subdomain: a hole in any of them exposes the API. Envoy Gateway echoes the Origin of every subdomain of `example.com` (such as `https://app.example.com`). A cross-site scripting hole or a taken-over DNS record on any of those subdomains can read the API's responses with the user's credentials (cookies). List the subdomains that need access.",
          line: 11,
          column: 20,
          endColumn: 43,
          severity: 'warning',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
  ],
});

ruleTester('schema', {
  partial: true,
  valid: [
    {
      name: 'Envoy Gateway: a valid block',
      code: eg(E('allowOrigins: ["https://*.example.com", "https://app.example.com:8443"]', 'allowMethods: [GET, POST]', 'maxAge: 1h30m')),
    },
    { name: 'Contour: a valid block', code: contour(K('allowOrigin: ["*"]', 'allowMethods: [GET]', 'maxAge: 10m')) },
    {
      name: 'Emissary v2: a comma-separated origins string',
      code: emissary(M('origins: "https://a.example.com,https://b.example.com"', 'max_age: "600"')).replace('v3alpha1', 'v2'),
    },
  ],
  invalid: [
    {
      name: 'Envoy Gateway: origin with a path, maxAge as a number, unknown field',
      code: eg(E('allowOrigins: ["https://app.example.com/"]', 'maxAge: 600', 'allowOrigin: [x]')),
      errors: [
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.cors.allowOrigins[0]` `https://app.example.com/` does not match the CRD pattern (`*`, or `scheme://host[:port]` with an optional leading `*.`, no path or trailing slash): the API server rejects the SecurityPolicy.',
          line: 11,
          column: 20,
          endColumn: 46,
          severity: 'error',
          fixTitles: [],
        },
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.cors.maxAge` must be a string, not an integer: the API server rejects the SecurityPolicy.',
          line: 12,
          column: 13,
          endColumn: 16,
          severity: 'error',
          fixTitles: [],
        },
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.cors.allowOrigin` is not a field of the SecurityPolicy CRD (`allowOrigins`, `allowMethods`, `allowHeaders`, `exposeHeaders`, `maxAge`, `allowCredentials`): the API server rejects it or drops it.',
          line: 13,
          column: 5,
          endColumn: 16,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'Contour: missing allowMethods, a comma in a header value, negative maxAge',
      code: contour(K('allowOrigin: ["(unclosed"]', 'allowHeaders: ["a, b"]', 'maxAge: -1s')),
      errors: [
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.virtualhost.corsPolicy` has no `allowMethods`, a required field: the API server rejects the HTTPProxy.',
          line: 8,
          column: 5,
          endColumn: 15,
          severity: 'error',
          fixTitles: [],
        },
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.virtualhost.corsPolicy.allowOrigin[0]` `(unclosed` is not an exact origin and does not compile as a Go regex (Unterminated group): Contour marks the HTTPProxy invalid.',
          line: 9,
          column: 21,
          endColumn: 32,
          severity: 'error',
          fixTitles: [],
        },
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.virtualhost.corsPolicy.allowHeaders[0]` `a, b` is not one token (no spaces or commas; CRD pattern): the API server rejects the HTTPProxy.',
          line: 10,
          column: 22,
          endColumn: 28,
          severity: 'error',
          fixTitles: [],
        },
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.virtualhost.corsPolicy.maxAge` `-1s` is not a positive Go duration like `10m` (CRD pattern): the API server rejects the HTTPProxy.',
          line: 11,
          column: 15,
          endColumn: 18,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'Emissary: max_age as an integer, origins a string in v3alpha1',
      code: emissary(M('origins: https://app.example.com', 'max_age: 600')),
      errors: [
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.cors.origins` must be an array, not a string: the API server rejects the Mapping.',
          line: 10,
          column: 14,
          endColumn: 37,
          severity: 'error',
          fixTitles: [],
        },
        {
          message:
            'The object does not match its CRD schema: the API server rejects it. `spec.cors.max_age` must be a string, not an integer: write `"600"`. The API server rejects the Mapping.',
          line: 11,
          column: 14,
          endColumn: 17,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
  ],
});
