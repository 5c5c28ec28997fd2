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

const msg = (origin: string, creds = true) =>
  `\`${origin}\` is a plain-HTTP origin: ingress-nginx echoes it back in \`Access-Control-Allow-Origin\`, so a page delivered without TLS can read the API's responses${creds ? " with the user's credentials (cookies)" : ''}; anyone on the network path (public Wi-Fi, a proxy) can inject script into that page and use this access. Use \`https://\`.`;

ruleTester('insecure-origin', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'loopback http origins are localhost-in-prod’s job',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://localhost:3000, http://127.0.0.1:8080, http://*.localhost"'),
    },
    { name: 'other schemes (native app shells)', code: values('enable-cors: "true"\ncors-allow-origin: "capacitor://app.example.com"') },
    { name: 'development (env)', env: 'development', code: values('enable-cors: "true"\ncors-allow-origin: "http://dev.example.com"') },
    {
      name: 'development (folder token)',
      filename: 'envs/dev/vcluster-platform.yaml',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://dev.example.com"'),
    },
    {
      name: 'upper-case scheme is dropped by ingress-nginx (invalid-origin reports it), so not used',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, HTTP://app.example.com"'),
      config: { annotationValidation: false },
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: https prefix',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://dashboard.example.com:"
      route:
        - destination: { host: loft }
`,
    },
  ],
  invalid: [
    {
      name: 'http origin; the fix (unsafe) switches to https',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, http://app.example.com"'),
      errors: [
        {
          message: msg('http://app.example.com'),
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 106,
          severity: 'warning',
          fixTitles: ['Use `https://app.example.com`'],
        },
      ],
      output: null,
      unsafeOutput: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://app.example.com"'),
    },
    {
      name: 'http with :80: the fix drops the port together with the scheme',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://app.example.com:80"'),
      errors: [
        {
          message: msg('http://app.example.com:80'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 78,
          severity: 'warning',
          fixTitles: ['Use `https://app.example.com`'],
        },
      ],
      output: null,
    },
    {
      name: 'http with another port keeps it',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://app.example.com:8080"'),
      errors: [
        {
          message: msg('http://app.example.com:8080'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 80,
          severity: 'warning',
          fixTitles: ['Use `https://app.example.com:8080`'],
        },
      ],
      output: null,
    },
    {
      name: 'wildcard subdomain over http, without credentials',
      code: values("enable-cors: 'true'\ncors-allow-origin: 'http://*.example.com'\ncors-allow-credentials: 'false'"),
      errors: [
        {
          message: msg('http://*.example.com', false),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 73,
          severity: 'warning',
          fixTitles: ['Use `https://*.example.com`'],
        },
      ],
      output: null,
    },
    {
      name: 'two http origins, one loopback (not reported)',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://localhost:3000,http://a.example.com,http://b.example.com"'),
      errors: [
        { message: msg('http://a.example.com'), line: 6, column: 75, endLine: 6, endColumn: 95, severity: 'warning' },
        { message: msg('http://b.example.com'), line: 6, column: 96, endLine: 6, endColumn: 116, severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'IP address host',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://10.0.0.5:8080"'),
      errors: [{ message: msg('http://10.0.0.5:8080'), line: 6, column: 53, endLine: 6, endColumn: 73, severity: 'warning' }],
      output: null,
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: plain-HTTP `prefix:` origin (fix keeps `prefix:`)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: http://dashboard.example.com
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "`http://dashboard.example.com` is a plain-HTTP origin: Istio echoes it back in `Access-Control-Allow-Origin`, so a page delivered without TLS can read the API's responses; anyone on the network path (public Wi-Fi, a proxy) can inject script into that page and use this access. Use `https://`.",
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 49,
          severity: 'warning',
          fixTitles: ['Use `https://dashboard.example.com`'],
        },
      ],
      output: null,
    },
    {
      name: 'Istio: plain-HTTP `exact:` origin',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: http://dashboard.example.com
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "`http://dashboard.example.com` is a plain-HTTP origin: Istio echoes it back in `Access-Control-Allow-Origin`, so a page delivered without TLS can read the API's responses; anyone on the network path (public Wi-Fi, a proxy) can inject script into that page and use this access. Use `https://`.",
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 48,
          severity: 'warning',
          fixTitles: ['Use `https://dashboard.example.com`'],
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API: plain-HTTP origin',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["http://dashboard.example.com"]
`,
      errors: [
        {
          message:
            "`http://dashboard.example.com` is a plain-HTTP origin: the Gateway API implementation echoes it back in `Access-Control-Allow-Origin`, so a page delivered without TLS can read the API's responses; anyone on the network path (public Wi-Fi, a proxy) can inject script into that page and use this access. Use `https://`.",
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 58,
          severity: 'warning',
          fixTitles: ['Use `https://dashboard.example.com`'],
        },
      ],
      output: null,
    },
  ],
});
