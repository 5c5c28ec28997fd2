import { ruleTester, values } from './_ruleTester';

const SEED = values(
  `# CORS
enable-cors: "true"
cors-allow-origin: "https://dashboard.example.com"
cors-allow-methods: "GET, POST, PUT, DELETE, PATCH, OPTIONS"
cors-allow-headers: "Authorization, Content-Type"
cors-allow-credentials: "true"
cors-max-age: "3600"`,
  { after: '  tls:\n    enabled: true\n    secret: tls-vcluster-platform\n' },
);

const STAR_EFFECT =
  'ingress-nginx sends the literal `Access-Control-Allow-Origin: *` on every response, even to requests without an Origin header, which browsers accept for every request made without credentials.';
const LIST = ' List the origins that need access instead.';
const PLACEHOLDER_TITLE = 'Replace `*` with an explicit origin (https://dashboard.example.com)';

ruleTester('wildcard-origin', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'explicit origins', code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com, https://b.example.com"') },
    { name: 'CORS switched off: the default `*` is never sent', code: values('enable-cors: "false"\ncors-allow-origin: "*"') },
    { name: 'enable-cors missing', code: values('cors-allow-origin: "*"') },
    {
      name: 'validation off: an invalid entry is dropped, the others stay',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com, https://b.example.com/"'),
      config: { annotationValidation: false },
    },
    {
      name: 'every entry dropped: no CORS headers at all, not `*`',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://b.example.com/"'),
      config: { annotationValidation: false },
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: exact origin',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
      route:
        - destination: { host: loft }
`,
    },
  ],
  invalid: [
    {
      name: 'written `*`',
      code: values('enable-cors: "true"\ncors-allow-origin: "*"'),
      errors: [
        {
          message: STAR_EFFECT + LIST,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 54,
          severity: 'error',
          fixTitles: [PLACEHOLDER_TITLE],
        },
      ],
      output: null,
      unsafeOutput: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: '`*` next to other entries (fails the validator: the value becomes `*` anyway)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com, *"\ncors-allow-credentials: "false"'),
      errors: [
        {
          message: STAR_EFFECT + ' `*` in cors-allow-origin overrides the other entries.' + LIST,
          line: 6,
          column: 76,
          endLine: 6,
          endColumn: 77,
          severity: 'error',
          fixTitles: ['Remove `*` and keep the listed origins', PLACEHOLDER_TITLE],
        },
      ],
      output: null,
    },
    {
      name: 'validation off: a `*` entry wins in Parse',
      code: values("enable-cors: 'true'\ncors-allow-origin: '*, https://a.example.com'"),
      config: { annotationValidation: false },
      errors: [
        {
          message: STAR_EFFECT + ' `*` in cors-allow-origin overrides the other entries.' + LIST,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 54,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'cors-allow-origin missing: the default is `*`; the fix inserts a placeholder origin',
      code: values('enable-cors: "true"\ncors-allow-credentials: "false"'),
      errors: [
        {
          message: STAR_EFFECT + ' ingress-nginx defaults cors-allow-origin to `*`.' + LIST,
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 52,
          severity: 'error',
          fixTitles: ['Add cors-allow-origin: "https://dashboard.example.com"'],
        },
      ],
      output: null,
    },
    {
      name: "invalid value (trailing slash): the whole value falls back to `*`; the cause's fix (invalid-origin) comes first",
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com/"'),
      errors: [
        {
          message:
            STAR_EFFECT + ' ingress-nginx falls back to `*` because cors-allow-origin `https://dashboard.example.com/` is invalid.' + LIST,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 83,
          severity: 'error',
          fixTitles: [
            'Rewrite the origins as `https://dashboard.example.com`',
            'Replace the value with an explicit origin (https://dashboard.example.com)',
          ],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'empty value falls back to `*`',
      code: values('enable-cors: "true"\ncors-allow-origin: ""'),
      errors: [
        {
          message: STAR_EFFECT + ' ingress-nginx falls back to `*` because cors-allow-origin is empty.' + LIST,
          line: 6,
          column: 52,
          endLine: 6,
          endColumn: 54,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'development (env): warning',
      env: 'development',
      code: values('enable-cors: "true"\ncors-allow-origin: "*"'),
      errors: [{ message: STAR_EFFECT + LIST, line: 6, column: 53, endLine: 6, endColumn: 54, severity: 'warning' }],
      output: null,
    },
    {
      name: 'development (file name): warning',
      filename: 'vcluster-platform.dev.yaml',
      code: values('enable-cors: "true"\ncors-allow-origin: "*"'),
      errors: [{ message: STAR_EFFECT + LIST, line: 6, column: 53, endLine: 6, endColumn: 54, severity: 'warning' }],
      output: null,
    },
    {
      name: 'only commonAnnotations: no ingress.annotations map to insert into, so no fix',
      code: 'ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      errors: [
        {
          message: STAR_EFFECT + ' ingress-nginx defaults cors-allow-origin to `*`.' + LIST,
          line: 4,
          column: 44,
          endLine: 4,
          endColumn: 50,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'ingress disabled: still reported (the values say CORS is on)',
      code: values('enable-cors: "true"\ncors-allow-origin: "*"', { enabled: 'false' }),
      errors: [{ message: STAR_EFFECT + LIST, line: 6, column: 53, endLine: 6, endColumn: 54, severity: 'error' }],
      output: null,
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: `regex: ".*"` allows every origin (fix: `exact:` entry)',
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
            "Istio echoes every request Origin in `Access-Control-Allow-Origin` together with `Access-Control-Allow-Credentials: true`, so requests with the user's credentials (cookies) get through too. `.*` allows any origin. List the origins that need access instead.",
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 24,
          severity: 'error',
          fixTitles: ['Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: `*` among other entries',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList:
      - "*"
      - https://dashboard.example.com
    addVaryHeader: true
`,
      errors: [
        {
          message:
            'Traefik sends `Access-Control-Allow-Origin: *`, which browsers accept for every request made without credentials. `*` in accessControlAllowOriginList overrides the other entries. List the origins that need access instead.',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 12,
          severity: 'error',
          fixTitles: ['Remove `*` and keep the listed origins', 'Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: `*` without credentials (literal `*`)',
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
`,
      errors: [
        {
          message:
            'The Gateway API implementation sends `Access-Control-Allow-Origin: *`, which browsers accept for every request made without credentials. List the origins that need access instead.',
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 31,
          severity: 'error',
          fixTitles: ['Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
    },
  ],
});
