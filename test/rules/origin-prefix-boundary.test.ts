/* Generated from cases with the engine, then reviewed: exact messages, positions, fix titles and fixed text. */
import { ruleTester } from './_ruleTester';

ruleTester('origin-prefix-boundary', {
  valid: [
    {
      name: 'exact match',
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
      name: 'prefix ending in `:` (any port of one host)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://dashboard.example.com:"
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'prefix with a five-digit port cannot be extended',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://dashboard.example.com:10443"
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'a prefix that matches `*` is any origin (wildcard-origin reports it)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: ""
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Gateway API and Traefik have no prefix matchers',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
    },
  ],
  invalid: [
    {
      name: 'host without boundary: unsafe fix to exact',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: https://dashboard.example.com
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Envoy compares only the start of the Origin with `prefix: https://dashboard.example.com`, so `https://dashboard.example.com.evil.io` and `https://dashboard.example.com-evil.io` match too and are echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies). Use `exact:` for one origin.",
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 50,
          severity: 'error',
          fixTitles: ['Match exactly: `exact: https://dashboard.example.com`'],
        },
      ],
      output: null,
    },
    {
      name: 'quoted, credentials off',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://dashboard.example.com"
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            'Envoy compares only the start of the Origin with `prefix: https://dashboard.example.com`, so `https://dashboard.example.com.evil.io` and `https://dashboard.example.com-evil.io` match too and are echoed in `Access-Control-Allow-Origin`. Use `exact:` for one origin.',
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 52,
          severity: 'error',
          fixTitles: ['Match exactly: `exact: https://dashboard.example.com`'],
        },
      ],
      output: null,
    },
    {
      name: 'short port can be extended',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://dashboard.example.com:80"
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Envoy compares only the start of the Origin with `prefix: https://dashboard.example.com:80`, so `https://dashboard.example.com:800` matches too and is echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies). Use `exact:` for one origin.",
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 55,
          severity: 'error',
          fixTitles: ['Match exactly: `exact: https://dashboard.example.com:80`'],
        },
      ],
      output: null,
    },
    {
      name: 'scheme only: every https origin',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://"
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Envoy compares only the start of the Origin with `prefix: https://`, so `https://evil.io` matches too and is echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies). Use `exact:` for one origin.",
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 31,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'a bare scheme name',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: http
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Envoy compares only the start of the Origin with `prefix: http`, so `https://evil.io` matches too and is echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies). Use `exact:` for one origin.",
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 25,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'host ending in a dot: no exact fix',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: https://dashboard.
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Envoy compares only the start of the Origin with `prefix: https://dashboard.`, so `https://dashboard.evil.io` matches too and is echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies). Use `exact:` for one origin.",
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 39,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'flow mapping item, next to an exact one',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://a.example.com
          - { prefix: https://b.example.com }
        allowCredentials: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "Envoy compares only the start of the Origin with `prefix: https://b.example.com`, so `https://b.example.com.evil.io` and `https://b.example.com-evil.io` match too and are echoed in `Access-Control-Allow-Origin` with the user's credentials (cookies). Use `exact:` for one origin.",
          line: 10,
          column: 23,
          endLine: 10,
          endColumn: 44,
          severity: 'error',
          fixTitles: ['Match exactly: `exact: https://b.example.com`'],
        },
      ],
      output: null,
    },
  ],
});
