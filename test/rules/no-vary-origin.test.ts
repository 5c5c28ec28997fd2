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

const MSG =
  'ingress-nginx echoes the request Origin in `Access-Control-Allow-Origin` but never sends `Vary: Origin` (PR kubernetes/ingress-nginx#10490 is unmerged): a shared cache (CDN, proxy) can serve the response it stored for one origin (or for a request without an Origin) to another origin, and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing.';

/** The rule is off by default (a correct configuration lints silent): every case turns it on, as a project does. */
const ON = { rules: { 'no-vary-origin': 'info' as const } };

ruleTester('no-vary-origin', {
  valid: [
    { name: 'off by default: the seed example lints silent', code: SEED },
    { config: ON, name: 'literal `*`: a static header value needs no Vary', code: values('enable-cors: "true"\ncors-allow-origin: "*"') },
    { config: ON, name: 'origin not set: the default `*` is static too', code: values('enable-cors: "true"') },
    { config: ON, name: 'CORS off', code: values('enable-cors: "false"\ncors-allow-origin: "https://dashboard.example.com"') },
    {
      name: 'validation off and every entry dropped: no CORS headers at all',
      config: { ...ON, annotationValidation: false },
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com/"'),
    },
    { name: 'rule switched off in the config', config: { rules: { 'no-vary-origin': 'off' } }, code: SEED },
    // Manifests (Traefik, Istio, Gateway API)
    {
      config: ON,
      name: 'Traefik: missing-vary-header reports it (Traefik can add the header)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
`,
    },
    {
      config: ON,
      name: 'Istio: `exact: "*"` (any origin) is reported by wildcard-origin, not here',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: "*"
      route:
        - destination: { host: loft }
`,
    },
  ],
  invalid: [
    {
      name: 'seed example: one echoed origin',
      config: ON,
      code: SEED,
      errors: [{ message: MSG, line: 7, column: 52, endLine: 7, endColumn: 83, severity: 'info', fixTitles: [] }],
      output: null,
    },
    {
      name: 'list with a wildcard subdomain',
      config: ON,
      code: values(
        'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://*.example.com"\ncors-allow-credentials: "false"',
      ),
      errors: [{ message: MSG, line: 6, column: 52, endLine: 6, endColumn: 106, severity: 'info' }],
      output: null,
    },
    {
      name: 'validation off: one entry kept',
      config: { ...ON, annotationValidation: false },
      code: values("enable-cors: 'true'\ncors-allow-origin: 'https://a.example.com/, https://b.example.com'"),
      errors: [{ message: MSG, line: 6, column: 52, endLine: 6, endColumn: 99, severity: 'info' }],
      output: null,
    },
    {
      name: 'development: still info',
      config: ON,
      env: 'development',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://localhost:3000"'),
      errors: [{ message: MSG, line: 6, column: 52, endLine: 6, endColumn: 75, severity: 'info' }],
      output: null,
    },
    {
      name: 'folded block scalar: reported on the whole value',
      config: ON,
      code: values('enable-cors: "true"\ncors-allow-origin: >-') + '      https://a.example.com,\n      https://b.example.com\n',
      errors: [{ message: MSG, line: 6, column: 52, endLine: 8, endColumn: 28, severity: 'info' }],
      output: null,
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: Envoy never adds Vary',
      config: ON,
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
      errors: [
        {
          message:
            'Istio echoes the request Origin in `Access-Control-Allow-Origin` but Envoy never adds `Vary: Origin` and Istio has no setting for it (envoyproxy/envoy#35873): a shared cache (CDN, proxy) can serve the response it stored for one origin (or for a request without an Origin) to another origin, and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing. Add `Vary: Origin` in the backend, or keep shared caches from storing these responses.',
          line: 9,
          column: 11,
          endLine: 10,
          endColumn: 1,
          severity: 'info',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: the filter has no Vary setting',
      config: ON,
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
`,
      errors: [
        {
          message:
            'The Gateway API implementation echoes the request Origin in `Access-Control-Allow-Origin` but the CORS filter has no setting to add `Vary: Origin` and the spec does not require it (kubernetes-sigs/gateway-api#4666): a shared cache (CDN, proxy) can serve the response it stored for one origin (or for a request without an Origin) to another origin, and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing. Add `Vary: Origin` in the backend, or keep shared caches from storing these responses.',
          line: 10,
          column: 27,
          endLine: 10,
          endColumn: 60,
          severity: 'info',
          fixTitles: [],
        },
      ],
      output: null,
    },
  ],
});
