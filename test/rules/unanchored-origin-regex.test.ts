/* Generated from cases with the engine, then reviewed: exact messages, positions, fix titles and fixed text. */
import { ruleTester } from './_ruleTester';

ruleTester('unanchored-origin-regex', {
  valid: [
    {
      name: 'Traefik: anchored, dots escaped',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - "^https://dashboard\\\\.example\\\\.com$"
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: anchored character class and escaped dots',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - '^https://[a-z0-9-]+\\.example\\.com$'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: `.*` and `.+` are deliberate runs, not unescaped dots',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - '^https://.+\\.example\\.com$'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: a dot inside a character class is literal',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - '^https://[a-z.]+\\.example\\.com$'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: exact list entries are not regexes',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
    },
    {
      name: 'Istio: unanchored but escaped (Envoy full-matches)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: 'https://[a-z]+\\.example\\.com'
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Istio: `.*` is an any-origin matcher (wildcard-origin reports it)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: ".*"
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Istio: exact and prefix matchers are not regexes',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Gateway API has no regexes',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  rules:
    - filters:
        - type: CORS
          cors: { allowOrigins: ["https://*.example.com"] }
`,
    },
    {
      name: 'Traefik: a regex that does not compile is left to schema',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - '^https://(a$'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
  ],
  invalid: [
    {
      name: 'Traefik: plain origin as a regex: no anchors, unescaped dots (safe fix: anchors + escapes)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - https://dashboard.example.com
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "Traefik matches origin regexes with Go `regexp.MatchString`, which allows any origin that contains a match, so `https://dashboard.example.com.evil.io` is allowed too: add `^…$`; escape its 2 dots as `\\.` (unescaped, `https://dashboard-example.com` is allowed too). Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 38,
          severity: 'error',
          fixTitles: ['Anchor the regex and escape its dots: `^https://dashboard\\.example\\.com$`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - ^https://dashboard\\.example\\.com$
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: start anchor only (double-quoted, backslashes escaped)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - "^https://[a-z]+\\\\.example\\\\.com"
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "Traefik matches origin regexes with Go `regexp.MatchString`, which allows any origin that contains a match: add `$`. Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 42,
          severity: 'error',
          fixTitles: ['Anchor the regex with ^…$: `^https://[a-z]+\\.example\\.com$`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - "^https://[a-z]+\\\\.example\\\\.com$"
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: end anchor only',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - 'https://dashboard\\.example\\.com$'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "Traefik matches origin regexes with Go `regexp.MatchString`, which allows any origin that contains a match: add `^`. Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 43,
          severity: 'error',
          fixTitles: ['Anchor the regex with ^…$: `^https://dashboard\\.example\\.com$`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - '^https://dashboard\\.example\\.com$'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: anchored but unescaped dots',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - "^https://dashboard.example.com$"
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "Escape its 2 dots as `\\.` (unescaped, `https://dashboard-example.com` is allowed too). Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 42,
          severity: 'error',
          fixTitles: ['Escape the dots: `^https://dashboard\\.example\\.com$`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - "^https://dashboard\\\\.example\\\\.com$"
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: alternation gets a group: ^(?:…)$',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - 'https://a\\.example\\.com|https://b\\.example\\.com'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "Traefik matches origin regexes with Go `regexp.MatchString`, which allows any origin that contains a match: add `^…$`. Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 58,
          severity: 'error',
          fixTitles: ['Anchor the regex with ^…$: `^(?:https://a\\.example\\.com|https://b\\.example\\.com)$`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - '^(?:https://a\\.example\\.com|https://b\\.example\\.com)$'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: no scheme at the start: anchoring is unsafe (the regex may rely on a partial match)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex:
      - 'example\\.com'
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "Traefik matches origin regexes with Go `regexp.MatchString`, which allows any origin that contains a match, so `example.com.evil.io` is allowed too: add `^…$`. Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 23,
          severity: 'error',
          fixTitles: ['Anchor the regex with ^…$: `^example\\.com$`'],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: flow sequence, two entries',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginListRegex: ['^https://a\\.example\\.com$', 'https://b\\.example\\.com']
    addVaryHeader: true
`,
      errors: [
        {
          message:
            'Traefik matches origin regexes with Go `regexp.MatchString`, which allows any origin that contains a match, so `https://b.example.com.evil.io` is allowed too: add `^…$`. Origins that match get their Origin echoed in `Access-Control-Allow-Origin`.',
          line: 6,
          column: 70,
          endLine: 6,
          endColumn: 95,
          severity: 'error',
          fixTitles: ['Anchor the regex with ^…$: `^https://b\\.example\\.com$`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginListRegex: ['^https://a\\.example\\.com$', '^https://b\\.example\\.com$']
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik: credentials off: no credentials in the message',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginListRegex:
      - https://dashboard.example.com
    addVaryHeader: true
`,
      errors: [
        {
          message:
            'Traefik matches origin regexes with Go `regexp.MatchString`, which allows any origin that contains a match, so `https://dashboard.example.com.evil.io` is allowed too: add `^…$`; escape its 2 dots as `\\.` (unescaped, `https://dashboard-example.com` is allowed too). Origins that match get their Origin echoed in `Access-Control-Allow-Origin`.',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 38,
          severity: 'error',
          fixTitles: ['Anchor the regex and escape its dots: `^https://dashboard\\.example\\.com$`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginListRegex:
      - ^https://dashboard\\.example\\.com$
    addVaryHeader: true
`,
    },
    {
      name: 'Istio: unescaped dots (anchors are not needed: Envoy full-matches)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: 'https://[a-z]+.example.com'
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Escape its 2 dots as `\\.`. Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 48,
          severity: 'error',
          fixTitles: ['Escape the dots: `https://[a-z]+\\.example\\.com`'],
        },
      ],
      output: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: 'https://[a-z]+\\.example\\.com'
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Istio: one unescaped dot among escaped ones',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: "https://dashboard\\\\.example.com"
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Escape its `.` as `\\.` (unescaped, `https://dashboard.example-com` is allowed too). Origins that match get their Origin echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies).",
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 53,
          severity: 'error',
          fixTitles: ['Escape the dots: `https://dashboard\\.example\\.com`'],
        },
      ],
      output: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: "https://dashboard\\\\.example\\\\.com"
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
  ],
});
