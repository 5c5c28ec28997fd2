import { ruleTester, values } from './_ruleTester';

const SNIPPET = 'configuration-snippet: |';
const OFF_CORE =
  'ingress-nginx ignores snippet annotations unless the controller\'s ConfigMap sets `allow-snippet-annotations: "true"` (off by default since v1.9.0), ' +
  'and since v1.12.0 its default `annotations-risk-level: High` also rejects them (they are Critical); this assumes ingress-nginx v1.15 with those defaults. ' +
  'To keep the snippet, the controller needs `allow-snippet-annotations: "true"` and `annotations-risk-level: Critical` in its ConfigMap ' +
  '(Helm: `controller.allowSnippetAnnotations: true`, `controller.config.annotations-risk-level: Critical`).';
const replaceWith = (origin: string, creds = 'false', extra = '') =>
  ` Better, replace the snippet with the native annotations: \`nginx.ingress.kubernetes.io/enable-cors: "true"\`, \`nginx.ingress.kubernetes.io/cors-allow-origin: "${origin}"\`, \`nginx.ingress.kubernetes.io/cors-allow-credentials: "${creds}"\`${extra}.`;
const off = (origin: string, line = 5, endColumn = 54) => ({
  messageId: 'snippetsOff',
  message: OFF_CORE + replaceWith(origin),
  line,
  column: 5,
  endLine: line,
  endColumn,
  severity: 'warning' as const,
  fixTitles: [],
});
const NO_ALWAYS = (name: string) =>
  `nginx's \`add_header\` only sends \`${name}\` on 200, 201, 204, 206, 301–304, 307 and 308 unless \`always\` is given. On a 401, 403, 404 or 5xx the browser then sees no CORS header and reports a CORS error instead of the real status.`;
const ALWAYS_FIX = 'Add `always` (send the header on error responses too)';

const middleware = (headers: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    customResponseHeaders:\n${headers}\n`;

const virtualService = (http: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: api\nspec:\n  http:\n${http}\n      route:\n        - destination:\n            host: api\n`;
const httpRoute = (filters: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: api\nspec:\n  rules:\n    - filters:\n${filters}\n      backendRefs:\n        - name: api\n          port: 80\n`;
const RHM = (op: string, name: string, value: string) =>
  `        - type: ResponseHeaderModifier\n          responseHeaderModifier:\n            ${op}:\n              - name: ${name}\n                value: "${value}"`;
const KEEP = "Keep one of the two: the controller's CORS settings, or the hand-written headers.";
const ENVOY_WINS =
  "Envoy adds the route's headers first, then its CORS filter replaces Access-Control-Allow-Origin for the origins it allows, and the hand-written value is sent alone to every other origin, so the policy shown is not the whole story.";

ruleTester('manual-cors-headers', {
  valid: [
    { name: 'native CORS only', code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"') },
    { name: 'a snippet without CORS headers', code: values(`${SNIPPET}\n      add_header X-Frame-Options DENY;`) },
    {
      name: 'Traefik: one origin by hand',
      filename: 'middleware.yaml',
      code: middleware('      Access-Control-Allow-Origin: "https://dashboard.example.com"'),
    },
    { name: 'Traefik: other custom headers', filename: 'middleware.yaml', code: middleware('      X-Frame-Options: DENY') },
    {
      name: 'Istio: one origin set by hand',
      filename: 'vs.yaml',
      code: virtualService(
        '    - headers:\n        response:\n          set:\n            Access-Control-Allow-Origin: "https://app.example.com"',
      ),
    },
    {
      name: 'Istio: one origin added by hand (a single header line)',
      filename: 'vs.yaml',
      code: virtualService(
        '    - headers:\n        response:\n          add:\n            Access-Control-Allow-Origin: "https://app.example.com"',
      ),
    },
    {
      name: 'Gateway API: one origin set by hand',
      filename: 'route.yaml',
      code: httpRoute(RHM('set', 'Access-Control-Allow-Origin', 'https://app.example.com')),
    },
    { name: 'Gateway API: other response headers', filename: 'route.yaml', code: httpRoute(RHM('add', 'X-Frame-Options', 'DENY')) },
  ],
  invalid: [
    {
      name: 'add_header without always: safe fix adds it (block scalar, exact position)',
      code: values(
        `${SNIPPET}\n      add_header Access-Control-Allow-Origin "https://dashboard.example.com";\n      add_header X-Frame-Options DENY;`,
      ),
      errors: [
        off('https://dashboard.example.com'),
        {
          messageId: 'noAlways',
          message: NO_ALWAYS('Access-Control-Allow-Origin'),
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 78,
          severity: 'warning',
          fixTitles: [ALWAYS_FIX],
        },
      ],
      output: values(
        `${SNIPPET}\n      add_header Access-Control-Allow-Origin "https://dashboard.example.com" always;\n      add_header X-Frame-Options DENY;`,
      ),
    },
    {
      name: 'add_header without always in a double-quoted snippet',
      code: values('configuration-snippet: "add_header Access-Control-Allow-Origin https://dashboard.example.com;"'),
      errors: [
        off('https://dashboard.example.com'),
        {
          messageId: 'noAlways',
          message: NO_ALWAYS('Access-Control-Allow-Origin'),
          line: 5,
          column: 57,
          endLine: 5,
          endColumn: 126,
          severity: 'warning',
          fixTitles: [ALWAYS_FIX],
        },
      ],
      output: values('configuration-snippet: "add_header Access-Control-Allow-Origin https://dashboard.example.com always;"'),
    },
    {
      name: 'Traefik: a list of origins in one header',
      filename: 'middleware.yaml',
      code: middleware('      Access-Control-Allow-Origin: "https://a.example.com, https://b.example.com"'),
      errors: [
        {
          messageId: 'list',
          message:
            "spec.headers.customResponseHeaders sends `https://a.example.com, https://b.example.com`. The browser compares the whole header with the page's origin, so a list never matches: send one origin, chosen from the request's `Origin`. `accessControlAllowOriginList` takes a list and answers each request with the origin that matches.",
          line: 8,
          column: 36,
          endLine: 8,
          endColumn: 82,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'ingress-nginx: a list of origins in one header: the advice names cors-allow-origin and the snippet idiom',
      code: values(`${SNIPPET}\n      add_header Access-Control-Allow-Origin "https://a.example.com, https://b.example.com" always;`),
      errors: [
        off('https://a.example.com, https://b.example.com'),
        {
          messageId: 'list',
          message:
            "configuration-snippet sends `https://a.example.com, https://b.example.com`. The browser compares the whole header with the page's origin, so a list never matches: send one origin, chosen from the request's `Origin`. `cors-allow-origin` takes a comma-separated list and answers each request with the origin that matches; in a snippet, echo `$http_origin` under `if ($http_origin ~* …)`.",
          line: 6,
          column: 46,
          endLine: 6,
          endColumn: 92,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: "Traefik: a `*` inside a literal origin: the advice is Traefik's regex list, not an nginx idiom",
      filename: 'middleware.yaml',
      code: middleware('      Access-Control-Allow-Origin: "https://*.example.com"'),
      errors: [
        {
          messageId: 'wildcard',
          data: { value: '`https://*.example.com`' },
          message:
            "spec.headers.customResponseHeaders sends `https://*.example.com` as it is; browsers compare it character for character with the page's origin, and no origin contains a `*`. Use `accessControlAllowOriginListRegex` with an anchored regex such as `^https://[a-z0-9-]+\\.example\\.com$`.",
          line: 8,
          column: 36,
          endLine: 8,
          endColumn: 59,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: "Gateway API: a `*` inside a literal origin: the advice is the CORS filter's wildcard",
      filename: 'route.yaml',
      code: httpRoute(RHM('set', 'Access-Control-Allow-Origin', 'https://*.example.com')),
      errors: [
        {
          messageId: 'wildcard',
          data: { value: '`https://*.example.com`' },
          message:
            "responseHeaderModifier.set sends `https://*.example.com` as it is; browsers compare it character for character with the page's origin, and no origin contains a `*`. Use `https://*.example.com` in the `CORS` filter's `allowOrigins` (`*` spans any number of labels).",
          line: 12,
          column: 24,
          endLine: 12,
          endColumn: 47,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'a `*` inside a literal origin (more_set_headers)',
      code: values(`${SNIPPET}\n      more_set_headers 'Access-Control-Allow-Origin: https://*.example.com';`),
      errors: [
        // ingress-nginx's own cors-allow-origin does read `https://*.example.com` as one subdomain label.
        off('https://*.example.com'),
        {
          messageId: 'wildcard',
          data: { value: '`https://*.example.com`' },
          message:
            'configuration-snippet sends `https://*.example.com` as it is; browsers compare it character for character with the page\'s origin, and no origin contains a `*`. Use `cors-allow-origin: "https://*.example.com"` (one label in place of `*`), or echo `$http_origin` under an `if ($http_origin ~* "^https://[a-z0-9-]+\\.example\\.com$")`.',
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 76,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'two add_header Access-Control-Allow-Origin at one level',
      code: values(
        `${SNIPPET}\n      add_header Access-Control-Allow-Origin $http_origin always;\n      add_header Access-Control-Allow-Origin "https://dashboard.example.com" always;`,
      ),
      errors: [
        off('https://dashboard.example.com'),
        {
          messageId: 'twice',
          message:
            '2 `add_header Access-Control-Allow-Origin` directives apply to the same responses; `add_header` appends, so the response carries the header 2 times and browsers refuse it ("multiple values").',
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 85,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: "hand-written next to the controller's own CORS",
      code: values(
        `enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"\n${SNIPPET}\n      add_header Access-Control-Allow-Origin $http_origin always;`,
      ),
      errors: [
        { ...off('', 7), message: OFF_CORE },
        {
          messageId: 'native',
          message:
            "ingress-nginx's own CORS is on and configuration-snippet writes Access-Control-Allow-Origin too: `add_header` appends a second header next to the controller's, and browsers refuse a response with two values. Keep one of the two: the controller's CORS settings, or the hand-written headers.",
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 66,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: "more_set_headers next to the controller's own CORS: they overwrite each other",
      code: values(
        `enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"\n${SNIPPET}\n      more_set_headers 'Access-Control-Allow-Origin: $http_origin';`,
      ),
      errors: [
        { ...off('', 7), message: OFF_CORE },
        {
          messageId: 'nativeOverwrite',
          message:
            "ingress-nginx's own CORS is on and configuration-snippet sets Access-Control-Allow-Origin too. With ingress-nginx, the controller's value wins for the origins it allows and the hand-written one is sent to every other origin, so the policy shown is not the whole story. Keep one of the two: the controller's CORS settings, or the hand-written headers.",
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 68,
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'server-snippet add_header hidden by a configuration-snippet add_header',
      code: values(
        `server-snippet: |\n      add_header Access-Control-Allow-Origin "https://dashboard.example.com" always;\n${SNIPPET}\n      add_header X-Frame-Options DENY always;`,
      ),
      errors: [
        // No origin is left (the header is hidden): the suggestion carries a placeholder origin.
        off('https://dashboard.example.com', 5, 47),
        {
          messageId: 'shadowed',
          message:
            "nginx inherits `add_header` from the server level only into locations that have no `add_header` of their own, and the configuration-snippet adds `X-Frame-Options`: `Access-Control-Allow-Origin` is not sent on this Ingress's paths. Use `more_set_headers`, which is not hidden this way, or write the header in the configuration-snippet.",
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 85,
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'Istio: set and add of Access-Control-Allow-Origin send two lines; a `*` inside the added origin',
      filename: 'vs.yaml',
      code: virtualService(
        '    - headers:\n        response:\n          set:\n            Access-Control-Allow-Origin: "https://a.example.com"\n          add:\n            access-control-allow-origin: "https://*.example.com"',
      ),
      errors: [
        {
          messageId: 'twice',
          message:
            'Access-Control-Allow-Origin is written 2 times in headers.response; `add` appends another header line, so the response carries it 2 times and browsers refuse it ("multiple values").',
          line: 12,
          column: 13,
          endLine: 12,
          endColumn: 65,
          severity: 'error',
        },
        {
          messageId: 'wildcard',
          data: { value: '`https://*.example.com`' },
          message:
            "headers.response.add sends `https://*.example.com` as it is; browsers compare it character for character with the page's origin, and no origin contains a `*`. Use a `regex:` entry in `corsPolicy.allowOrigins`, such as `https://[a-z0-9-]+\\.example\\.com` (matched whole).",
          line: 12,
          column: 42,
          endLine: 12,
          endColumn: 65,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'Istio: corsPolicy and a hand-written Access-Control-Allow-Origin on the same route',
      filename: 'vs.yaml',
      code: virtualService(
        '    - corsPolicy:\n        allowOrigins:\n          - exact: https://app.example.com\n      headers:\n        response:\n          add:\n            Access-Control-Allow-Origin: https://app.example.com',
      ),
      errors: [
        {
          messageId: 'nativeOverwrite',
          message: `Istio's own CORS is on and headers.response.add sets Access-Control-Allow-Origin too. ${ENVOY_WINS} ${KEEP}`,
          line: 13,
          column: 13,
          endLine: 13,
          endColumn: 65,
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: a list of origins in one ResponseHeaderModifier header',
      filename: 'route.yaml',
      code: httpRoute(RHM('set', 'Access-Control-Allow-Origin', 'https://a.example.com https://b.example.com')),
      errors: [
        {
          messageId: 'list',
          message:
            "responseHeaderModifier.set sends `https://a.example.com https://b.example.com`. The browser compares the whole header with the page's origin, so a list never matches: send one origin, chosen from the request's `Origin`. The `CORS` filter's `allowOrigins` takes a list and answers each request with the origin that matches.",
          line: 12,
          column: 24,
          endLine: 12,
          endColumn: 69,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: a CORS filter and a ResponseHeaderModifier writing Access-Control-Allow-Origin',
      filename: 'route.yaml',
      code: httpRoute(
        '        - type: CORS\n          cors:\n            allowOrigins:\n              - https://app.example.com\n' +
          RHM('add', 'Access-Control-Allow-Origin', 'https://app.example.com'),
      ),
      errors: [
        {
          messageId: 'nativeOverwrite',
          message: `The Gateway API implementation's own CORS is on and responseHeaderModifier.add sets Access-Control-Allow-Origin too. ${ENVOY_WINS} ${KEEP}`,
          line: 15,
          column: 17,
          endLine: 16,
          endColumn: 49,
          severity: 'warning',
        },
      ],
      output: null,
    },
  ],
});
