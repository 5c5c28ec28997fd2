import { ruleTester, values } from './_ruleTester';

const STAR =
  'ingress-nginx sends `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials: true`, and every browser refuses that combination for credentialed requests.';

ruleTester('wildcard-with-credentials', {
  valid: [
    values(`enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"`),
    values(`enable-cors: "true"\ncors-allow-origin: "*"\ncors-allow-credentials: "false"`),
    values(`enable-cors: "true"\ncors-allow-credentials: "0"`),
    { name: 'CORS not enabled: nothing is sent', code: values(`cors-allow-origin: "*"`) },
    { name: 'enable-cors false', code: values(`enable-cors: "false"\ncors-allow-origin: "*"`) },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Traefik: `*` without credentials',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: ["*"]
    addVaryHeader: true
`,
    },
  ],
  invalid: [
    {
      name: 'explicit * with credentials defaulted: safe fix adds credentials false',
      code: values(`enable-cors: "true"\ncors-allow-origin: "*"`),
      errors: [
        {
          message: `cors-allow-origin allows any origin (\`*\`) and cors-allow-credentials is not set and defaults to \`true\`: ${STAR}`,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 54,
          severity: 'error',
          fixTitles: ['Add cors-allow-credentials: "false"', 'Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "*"\ncors-allow-credentials: "false"`),
      // The first unsafe fix: the explicit origin (the credentials fix is safe here).
      unsafeOutput: values(`enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"`),
    },
    {
      name: 'explicit * and explicit true',
      code: values(`enable-cors: "true"\ncors-allow-origin: "*"\ncors-allow-credentials: "true"`),
      errors: [
        { message: `cors-allow-origin allows any origin (\`*\`) and cors-allow-credentials is \`true\`: ${STAR}`, line: 6, column: 53 },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "*"\ncors-allow-credentials: "false"`),
    },
    {
      name: 'origin missing: reported on the credentials value',
      code: values(`enable-cors: "true"\ncors-allow-credentials: 'true'`),
      errors: [
        {
          message: `cors-allow-origin is not set, so any origin (\`*\`) is allowed and cors-allow-credentials is \`true\`: ${STAR}`,
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 63,
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-credentials: 'false'`),
    },
    {
      name: 'nothing set but enable-cors: reported on the ingress key',
      code: values(`enable-cors: "true"`),
      errors: [
        {
          message: `cors-allow-origin is not set, so any origin (\`*\`) is allowed and cors-allow-credentials is not set and defaults to \`true\`: ${STAR}`,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 8,
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-credentials: "false"`),
    },
    {
      name: "fallback from an invalid origin: the cause's fix (invalid-origin) first; credentials not changed automatically",
      code: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com/"\ncors-allow-credentials: "yes"`),
      errors: [
        {
          message: `cors-allow-origin \`https://a.com/\` is invalid, so ingress-nginx falls back to any origin (\`*\`) and cors-allow-credentials \`yes\` is invalid and falls back to \`true\`: ${STAR}`,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 67,
          fixTitles: ['Rewrite the origins as `https://a.com`', 'Set cors-allow-credentials to "false"'],
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com"\ncors-allow-credentials: "yes"`),
    },
    {
      name: 'still reported in development (browsers refuse it everywhere)',
      code: values(`enable-cors: "true"\ncors-allow-origin: "*"\ncors-allow-credentials: "true"`),
      filename: 'values-dev.yaml',
      errors: [
        {
          message: `cors-allow-origin allows any origin (\`*\`) and cors-allow-credentials is \`true\`: ${STAR}`,
          line: 6,
          column: 53,
          severity: 'error',
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "*"\ncors-allow-credentials: "false"`),
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Traefik: `*` with credentials (YAML boolean fix, `*` item replaced)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList:
      - "*"
      - https://dashboard.example.com
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
      errors: [
        {
          message:
            'Traefik echoes any Origin together with `Access-Control-Allow-Credentials: true`: spec.headers.accessControlAllowOriginList allows any origin (`*`) and spec.headers.accessControlAllowCredentials is `true`.',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 12,
          severity: 'error',
          fixTitles: ['Set accessControlAllowCredentials to false', 'Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: `regex: ".*"` with credentials',
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
      errors: [
        {
          message:
            'Istio echoes any Origin together with `Access-Control-Allow-Credentials: true`: spec.http[0].corsPolicy.allowOrigins allows any origin (`.*` matches the string `*`, which Istio treats as every origin) and spec.http[0].corsPolicy.allowCredentials is `true`.',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 24,
          severity: 'error',
          fixTitles: ['Set allowCredentials to false', 'Replace `.*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: `*` with credentials',
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
            allowCredentials: true
`,
      errors: [
        {
          message:
            'The Gateway API implementation echoes any Origin together with `Access-Control-Allow-Credentials: true`: spec.rules[0].filters[0].cors.allowOrigins allows any origin (`*`) and spec.rules[0].filters[0].cors.allowCredentials is `true`.',
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 31,
          severity: 'error',
          fixTitles: ['Set allowCredentials to false', 'Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
    },
  ],
});
