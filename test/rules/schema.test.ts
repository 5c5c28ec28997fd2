/* Generated from cases with the engine, then reviewed: exact messages, positions, fix titles and fixed text. */
import { ruleTester } from './_ruleTester';

ruleTester('schema', {
  valid: [
    {
      name: 'values file that fits the chart schema',
      code: `ingress:
  enabled: true
  host: platform.example.com
`,
    },
    {
      name: 'Gateway API: a complete valid filter',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com", "https://*.example.com", "http://localhost:3000"]
            allowMethods: [GET, POST, PATCH]
            allowHeaders: [Authorization, Content-Type]
            exposeHeaders: [X-Request-Id]
            allowCredentials: true
            maxAge: 7200
      backendRefs:
        - name: loft
          port: 80
`,
    },
    {
      name: 'Gateway API: `*` alone in origins, methods and headers',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["*"]
            allowMethods: ["*"]
            allowHeaders: ["*"]
      backendRefs:
        - name: loft
          port: 80
`,
    },
    {
      name: 'Gateway API: 64 origins (maxItems)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://a0.example.com", "https://a1.example.com", "https://a2.example.com", "https://a3.example.com", "https://a4.example.com", "https://a5.example.com", "https://a6.example.com", "https://a7.example.com", "https://a8.example.com", "https://a9.example.com", "https://a10.example.com", "https://a11.example.com", "https://a12.example.com", "https://a13.example.com", "https://a14.example.com", "https://a15.example.com", "https://a16.example.com", "https://a17.example.com", "https://a18.example.com", "https://a19.example.com", "https://a20.example.com", "https://a21.example.com", "https://a22.example.com", "https://a23.example.com", "https://a24.example.com", "https://a25.example.com", "https://a26.example.com", "https://a27.example.com", "https://a28.example.com", "https://a29.example.com", "https://a30.example.com", "https://a31.example.com", "https://a32.example.com", "https://a33.example.com", "https://a34.example.com", "https://a35.example.com", "https://a36.example.com", "https://a37.example.com", "https://a38.example.com", "https://a39.example.com", "https://a40.example.com", "https://a41.example.com", "https://a42.example.com", "https://a43.example.com", "https://a44.example.com", "https://a45.example.com", "https://a46.example.com", "https://a47.example.com", "https://a48.example.com", "https://a49.example.com", "https://a50.example.com", "https://a51.example.com", "https://a52.example.com", "https://a53.example.com", "https://a54.example.com", "https://a55.example.com", "https://a56.example.com", "https://a57.example.com", "https://a58.example.com", "https://a59.example.com", "https://a60.example.com", "https://a61.example.com", "https://a62.example.com", "https://a63.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
    },
    {
      name: 'Istio: a complete valid corsPolicy',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
          - prefix: "https://dashboard.example.com:"
          - regex: 'https://[a-z]+\\.example\\.com'
        allowMethods: [GET, POST, PATCH]
        allowHeaders: [authorization]
        exposeHeaders: [x-request-id]
        maxAge: 2h
        allowCredentials: yes
        unmatchedPreflights: IGNORE
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Traefik: valid field types (YAML 1.1 booleans count)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    accessControlAllowOriginListRegex: ['^https://[a-z]+\\.example\\.com$']
    accessControlAllowCredentials: on
    accessControlMaxAge: 600
    frameDeny: true
    addVaryHeader: true
`,
    },
  ],
  invalid: [
    {
      name: '"did you mean": the rename is offered (on request: the chart starts using the value)',
      code: 'ingress:\n  enabled: true\n  ingressClassName: nginx\n  tls:\n    secretName: tls\n',
      errors: [
        {
          message: "`ingressClassName` is not a key of this chart's `ingress` block; did you mean `ingressClass`?",
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 19,
          severity: 'error',
          fixTitles: ['Rename to `ingressClass`'],
        },
        {
          message: "`secretName` is not a key of this chart's `ingress.tls` block; did you mean `secret`?",
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 15,
          severity: 'error',
          fixTitles: ['Rename to `secret`'],
        },
      ],
      output: null,
      unsafeOutput: 'ingress:\n  enabled: true\n  ingressClass: nginx\n  tls:\n    secret: tls\n',
    },
    {
      name: 'no rename when the suggested key is there already (it would be a duplicate key)',
      code: 'ingress:\n  enabled: true\n  ingressClass: nginx\n  ingressClassName: nginx\n',
      errors: [
        {
          message: "`ingressClassName` is not a key of this chart's `ingress` block; did you mean `ingressClass`?",
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 19,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: `*` must be alone in allowOrigins (CEL)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["*", "https://dashboard.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowOrigins[0]` `*` must be the only entry of allowOrigins (CEL rule): the API server rejects the HTTPRoute.',
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 31,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: origin pattern (trailing slash)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com/"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowOrigins[0]` `https://dashboard.example.com/` does not match the CRD pattern for origins (`*`, or `http(s)://host[:port]` with an optional leading `*.`, no path or trailing slash): the API server rejects the HTTPRoute.',
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 60,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: origin pattern (no scheme)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: [dashboard.example.com]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowOrigins[0]` `dashboard.example.com` does not match the CRD pattern for origins (`*`, or `http(s)://host[:port]` with an optional leading `*.`, no path or trailing slash): the API server rejects the HTTPRoute.',
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 49,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: empty origin (minLength)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: [""]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message: '`spec.rules[0].filters[0].cors.allowOrigins[0]` must not be empty (minLength 1): the API server rejects the HTTPRoute.',
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 30,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: origin longer than 253 (maxLength)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message: '`spec.rules[0].filters[0].cors.allowOrigins[0]` is 263 characters long; the CRD allows at most 253 (maxLength).',
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 293,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: more than 64 origins (maxItems)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://a0.example.com", "https://a1.example.com", "https://a2.example.com", "https://a3.example.com", "https://a4.example.com", "https://a5.example.com", "https://a6.example.com", "https://a7.example.com", "https://a8.example.com", "https://a9.example.com", "https://a10.example.com", "https://a11.example.com", "https://a12.example.com", "https://a13.example.com", "https://a14.example.com", "https://a15.example.com", "https://a16.example.com", "https://a17.example.com", "https://a18.example.com", "https://a19.example.com", "https://a20.example.com", "https://a21.example.com", "https://a22.example.com", "https://a23.example.com", "https://a24.example.com", "https://a25.example.com", "https://a26.example.com", "https://a27.example.com", "https://a28.example.com", "https://a29.example.com", "https://a30.example.com", "https://a31.example.com", "https://a32.example.com", "https://a33.example.com", "https://a34.example.com", "https://a35.example.com", "https://a36.example.com", "https://a37.example.com", "https://a38.example.com", "https://a39.example.com", "https://a40.example.com", "https://a41.example.com", "https://a42.example.com", "https://a43.example.com", "https://a44.example.com", "https://a45.example.com", "https://a46.example.com", "https://a47.example.com", "https://a48.example.com", "https://a49.example.com", "https://a50.example.com", "https://a51.example.com", "https://a52.example.com", "https://a53.example.com", "https://a54.example.com", "https://a55.example.com", "https://a56.example.com", "https://a57.example.com", "https://a58.example.com", "https://a59.example.com", "https://a60.example.com", "https://a61.example.com", "https://a62.example.com", "https://a63.example.com", "https://a64.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message: '`spec.rules[0].filters[0].cors.allowOrigins` has 65 items; the CRD allows at most 64 (maxItems).',
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 25,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: duplicate origin (list-type set)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com", "https://dashboard.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowOrigins[1]` `https://dashboard.example.com` is listed twice; the list is a set (x-kubernetes-list-type: set): the API server rejects the HTTPRoute.',
          line: 10,
          column: 61,
          endLine: 10,
          endColumn: 92,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: allowOrigins not a list',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: "https://dashboard.example.com"
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message: '`spec.rules[0].filters[0].cors.allowOrigins` must be an array, not a string: the API server rejects the HTTPRoute.',
          line: 10,
          column: 27,
          endLine: 10,
          endColumn: 58,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: maxAge 0 (minimum 1)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            maxAge: 0
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.maxAge` is 0; the CRD requires at least 1 (minimum): the API server rejects the HTTPRoute.',
          line: 11,
          column: 21,
          endLine: 11,
          endColumn: 22,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: maxAge beyond int32',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            maxAge: 3000000000
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.maxAge` is 3000000000, more than an int32 holds (2147483647): the API server rejects the HTTPRoute.',
          line: 11,
          column: 21,
          endLine: 11,
          endColumn: 31,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: maxAge as a string',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            maxAge: "600"
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.maxAge` must be an integer, not a string (remove the quotes): the API server rejects the HTTPRoute.',
          line: 11,
          column: 21,
          endLine: 11,
          endColumn: 26,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: allowMethods enum (case-sensitive)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowMethods: [GET, patch]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowMethods[1]` `patch` is not one of `GET`, `HEAD`, `POST`, `PUT`, `DELETE`, `CONNECT`, `OPTIONS`, `TRACE`, `PATCH`, `*` (enum, case-sensitive): the API server rejects the HTTPRoute.',
          line: 11,
          column: 33,
          endLine: 11,
          endColumn: 38,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: `*` must be alone in allowMethods (CEL)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowMethods: ["*", GET]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowMethods[0]` `*` must be the only method (CEL rule): the API server rejects the HTTPRoute.',
          line: 11,
          column: 28,
          endLine: 11,
          endColumn: 31,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: more than 9 methods (maxItems)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowMethods: [GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, GET]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message: '`spec.rules[0].filters[0].cors.allowMethods` has 10 items; the CRD allows at most 9 (maxItems).',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 25,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: header name pattern',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowHeaders: ["Content Type"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            "`spec.rules[0].filters[0].cors.allowHeaders[0]` `Content Type` is not a header name (CRD pattern `^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$`): the API server rejects the HTTPRoute.",
          line: 11,
          column: 28,
          endLine: 11,
          endColumn: 42,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: `*` must be alone in allowHeaders (CEL)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowHeaders: ["*", Authorization]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowHeaders[0]` `*` must be the only header (CEL rule): the API server rejects the HTTPRoute.',
          line: 11,
          column: 28,
          endLine: 11,
          endColumn: 31,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: `*` next to other exposeHeaders is allowed, a bad name is not',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            exposeHeaders: ["*", "X:Id"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            "`spec.rules[0].filters[0].cors.exposeHeaders[1]` `X:Id` is not a header name (CRD pattern `^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$`): the API server rejects the HTTPRoute.",
          line: 11,
          column: 34,
          endLine: 11,
          endColumn: 40,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: header longer than 256 (maxLength)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowHeaders: [X-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message: '`spec.rules[0].filters[0].cors.allowHeaders[0]` is 262 characters long; the CRD allows at most 256 (maxLength).',
          line: 11,
          column: 28,
          endLine: 11,
          endColumn: 290,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: more than 64 headers (maxItems)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            exposeHeaders: [X-H0, X-H1, X-H2, X-H3, X-H4, X-H5, X-H6, X-H7, X-H8, X-H9, X-H10, X-H11, X-H12, X-H13, X-H14, X-H15, X-H16, X-H17, X-H18, X-H19, X-H20, X-H21, X-H22, X-H23, X-H24, X-H25, X-H26, X-H27, X-H28, X-H29, X-H30, X-H31, X-H32, X-H33, X-H34, X-H35, X-H36, X-H37, X-H38, X-H39, X-H40, X-H41, X-H42, X-H43, X-H44, X-H45, X-H46, X-H47, X-H48, X-H49, X-H50, X-H51, X-H52, X-H53, X-H54, X-H55, X-H56, X-H57, X-H58, X-H59, X-H60, X-H61, X-H62, X-H63, X-H64]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message: '`spec.rules[0].filters[0].cors.exposeHeaders` has 65 items; the CRD allows at most 64 (maxItems).',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 26,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: allowCredentials as a string',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowCredentials: "true"
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowCredentials` must be a boolean, not a string (remove the quotes): the API server rejects the HTTPRoute.',
          line: 11,
          column: 31,
          endLine: 11,
          endColumn: 37,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: unknown field',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowOrigin: ["https://dashboard.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0].cors.allowOrigin` is not a field of the HTTPRoute CRD (`allowOrigins`, `allowCredentials`, `allowMethods`, `allowHeaders`, `exposeHeaders`, `maxAge`): the API server rejects it or drops it.',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 24,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: CORS filter repeated in one rule (CEL)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
        - type: CORS
          cors:
            allowOrigins: ["https://admin.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[1]` is a second CORS filter in this rule: "CORS filter cannot be repeated" (CEL rule), the API server rejects the HTTPRoute.',
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 21,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: type CORS without cors (CEL)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[0]` has `type: CORS` but no `cors` block: "filter.cors must be specified for CORS filter.type" (CEL rule), the API server rejects the HTTPRoute.',
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 21,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: cors on another filter type (CEL)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
        - type: RequestHeaderModifier
          cors:
            allowOrigins: ["https://admin.example.com"]
      backendRefs:
        - name: loft
          port: 80
`,
      errors: [
        {
          message:
            '`spec.rules[0].filters[1].cors` is set on a filter of type `RequestHeaderModifier`: "filter.cors must be nil if the filter.type is not CORS" (CEL rule), the API server rejects the HTTPRoute.',
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 15,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: lower-case method (case-sensitive enum)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        allowMethods: [GET, patch]
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowMethods[1]` `patch` is not one of `GET`, `HEAD`, `POST`, `PUT`, `PATCH`, `DELETE`, `CONNECT`, `OPTIONS`, `TRACE` (write `PATCH`: the check is case-sensitive): Istio rejects the VirtualService.',
          line: 9,
          column: 29,
          endLine: 9,
          endColumn: 34,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: `*` is not a method',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        allowMethods: ["*"]
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowMethods[0]` `*` is not one of `GET`, `HEAD`, `POST`, `PUT`, `PATCH`, `DELETE`, `CONNECT`, `OPTIONS`, `TRACE`: Istio rejects the VirtualService.',
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 27,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: origin match sets two kinds (oneof)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
            prefix: https://dashboard
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowOrigins[0]` sets `exact` and `prefix`; a StringMatch is exactly one of them (oneof): the API server rejects the VirtualService.',
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 19,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: origin match sets none',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - {}
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowOrigins[0]` sets none of `exact`, `prefix`, `regex`: Istio rejects an empty origin match.',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 15,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: origin item is a string, not a StringMatch',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - https://dashboard.example.com
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowOrigins[0]` must be a StringMatch object (`exact:`, `prefix:` or `regex:`), not a string: the API server rejects the VirtualService.',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 42,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: empty exact',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: ""
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message: '`spec.http[0].corsPolicy.allowOrigins[0].exact` is empty: Istio rejects empty origin matches.',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 22,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: regex that does not compile',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: "https://(a"
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowOrigins[0].regex` `https://(a` does not compile (Unterminated group): Istio rejects the VirtualService.',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 32,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: regex with lookahead (not RE2)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - regex: "(?!evil)https://.*"
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowOrigins[0].regex` `(?!evil)https://.*` does not compile (lookaround assertions are not supported by RE2): Istio rejects the VirtualService.',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 40,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: unknown StringMatch key',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
            ignoreCase: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowOrigins[0].ignoreCase` is not a StringMatch field (`exact`, `prefix`, `regex`): the API server drops or rejects it.',
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 23,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: maxAge not a duration',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        maxAge: 3600
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.maxAge` `3600` is a number, not a duration string: write `3600s`. The API server rejects the VirtualService.',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 21,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: maxAge below 1ms (CEL)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        maxAge: 500us
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "`spec.http[0].corsPolicy.maxAge` `500us` is below 1ms (CEL `duration(self) >= duration('1ms')`): the API server rejects the VirtualService.",
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 22,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: maxAge not whole seconds',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        maxAge: 1.5s
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.maxAge` `1.5s` is not whole seconds: Istio rejects it ("max_age duration is accurate only to seconds precision").',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 21,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: allowCredentials as a string',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        allowCredentials: "true"
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowCredentials` must be a boolean, not a string (remove the quotes): the API server rejects the VirtualService.',
          line: 9,
          column: 27,
          endLine: 9,
          endColumn: 33,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: unmatchedPreflights enum',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        unmatchedPreflights: DROP
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.unmatchedPreflights` `DROP` is not one of `UNSPECIFIED`, `FORWARD`, `IGNORE`: the API server rejects the VirtualService.',
          line: 9,
          column: 30,
          endLine: 9,
          endColumn: 34,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: empty header name',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        allowHeaders: [""]
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message: '`spec.http[0].corsPolicy.allowHeaders[0]` is empty: Istio rejects empty header names.',
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 26,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: unknown corsPolicy field',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
        allowPrivateNetworkAccess: true
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.allowPrivateNetworkAccess` is not a field of the VirtualService CRD (`allowOrigins`, `allowOrigin`, `allowMethods`, `allowHeaders`, `exposeHeaders`, `maxAge`, `allowCredentials`, `unmatchedPreflights`): the API server rejects it or drops it.',
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 34,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: boolean field as a string',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    accessControlAllowCredentials: "true"
    addVaryHeader: true
`,
      errors: [
        {
          message:
            '`spec.headers.accessControlAllowCredentials` must be a boolean, not a string (remove the quotes): the API server rejects the Middleware.',
          line: 8,
          column: 36,
          endLine: 8,
          endColumn: 42,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: list field as a string',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: https://dashboard.example.com
    addVaryHeader: true
`,
      errors: [
        {
          message: '`spec.headers.accessControlAllowOriginList` must be an array, not a string: the API server rejects the Middleware.',
          line: 7,
          column: 35,
          endLine: 7,
          endColumn: 64,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: list item not a string',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    accessControlAllowHeaders: [Authorization, 42]
    addVaryHeader: true
`,
      errors: [
        {
          message: '`spec.headers.accessControlAllowHeaders[1]` must be a string, not an integer: the API server rejects the Middleware.',
          line: 8,
          column: 48,
          endLine: 8,
          endColumn: 50,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: maxAge as a string',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    accessControlMaxAge: "600"
    addVaryHeader: true
`,
      errors: [
        {
          message:
            '`spec.headers.accessControlMaxAge` must be an integer, not a string (remove the quotes): the API server rejects the Middleware.',
          line: 8,
          column: 26,
          endLine: 8,
          endColumn: 31,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: regex that does not compile',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex: ['^https://(a$']
    addVaryHeader: true
`,
      errors: [
        {
          message:
            '`spec.headers.accessControlAllowOriginListRegex[0]` `^https://(a$` does not compile as a Go regexp (Unterminated group): Traefik cannot build the middleware.',
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 55,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: "Traefik: repeat count above RE2's 1000",
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex: ['^https://a{2000}\\.example\\.com$']
    addVaryHeader: true
`,
      errors: [
        {
          message:
            '`spec.headers.accessControlAllowOriginListRegex[0]` `^https://a{2000}\\.example\\.com$` does not compile as a Go regexp (repeat count above 1000): Traefik cannot build the middleware.',
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 74,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
  ],
});
