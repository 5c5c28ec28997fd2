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
  `On a visitor's own machine, \`${origin}\` is the origin of any page served there (a local dev server or any local app), and ingress-nginx echoes it back in \`Access-Control-Allow-Origin\`${creds ? ' together with `Access-Control-Allow-Credentials: true` (cookies)' : ''}. Keep development origins in a development values file.`;

const DEV_LIST = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, http://localhost:3000"';

ruleTester('localhost-in-prod', {
  valid: [
    {
      name: "native-app origins (Capacitor, Ionic on iOS) are an app's fixed origin, not a page on the visitor's machine",
      code: values('enable-cors: "true"\ncors-allow-origin: "capacitor://localhost, ionic://localhost"'),
    },
    { name: 'seed example', code: SEED },
    { name: 'development (env)', env: 'development', code: values(DEV_LIST) },
    { name: 'development (file name token)', filename: 'deploy/vcluster-platform.local.yaml', code: values(DEV_LIST) },
    { name: 'development (comment)', code: values(DEV_LIST, { before: '# vcluster-cors: env=development\n' }) },
    {
      name: 'names that only look like loopback',
      code: values(
        'enable-cors: "true"\ncors-allow-origin: "https://localhost.example.com, https://my-localhost.dev, https://127.0.0.1.example.com"',
      ),
    },
    {
      name: 'IPv6 loopback fails validation: the value becomes `*` (wildcard-origin reports it)',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://[::1]:3000"'),
    },
    { name: 'CORS off', code: values('enable-cors: "false"\ncors-allow-origin: "http://localhost:3000"') },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: loopback prefix in a development file',
      env: 'development',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
          - prefix: "http://localhost:"
      route:
        - destination: { host: loft }
`,
    },
  ],
  invalid: [
    {
      name: 'localhost next to a real origin: the safe fix removes it',
      code: values(DEV_LIST),
      errors: [
        {
          message: msg('http://localhost:3000'),
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 105,
          severity: 'error',
          fixTitles: ['Remove `http://localhost:3000`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'the only origin: no fix',
      code: values('enable-cors: "true"\ncors-allow-origin: "http://localhost:3000"'),
      errors: [{ message: msg('http://localhost:3000'), line: 6, column: 53, endLine: 6, endColumn: 74, severity: 'error', fixTitles: [] }],
      output: null,
    },
    {
      name: '127.0.0.0/8, 0.0.0.0 and *.localhost; one fix per pass (they rewrite the same value)',
      code: values(
        "enable-cors: 'true'\ncors-allow-origin: 'http://127.0.0.2:8080,https://dashboard.example.com,http://0.0.0.0:8080,http://*.localhost:5173'\ncors-allow-credentials: 'false'",
      ),
      errors: [
        { message: msg('http://127.0.0.2:8080', false), line: 6, column: 53, endLine: 6, endColumn: 74, severity: 'error' },
        { message: msg('http://0.0.0.0:8080', false), line: 6, column: 105, endLine: 6, endColumn: 124, severity: 'error' },
        { message: msg('http://*.localhost:5173', false), line: 6, column: 125, endLine: 6, endColumn: 148, severity: 'error' },
      ],
      output: values(
        "enable-cors: 'true'\ncors-allow-origin: 'https://dashboard.example.com, http://0.0.0.0:8080, http://*.localhost:5173'\ncors-allow-credentials: 'false'",
      ),
    },
    {
      name: 'upper-case host and https (still loopback; hosts are case-insensitive)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://LOCALHOST:8443, https://dashboard.example.com"'),
      errors: [{ message: msg('https://LOCALHOST:8443'), line: 6, column: 53, endLine: 6, endColumn: 75, severity: 'error' }],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'plain scalar keeps its style',
      code: values('enable-cors: "true"\ncors-allow-origin: https://dashboard.example.com,http://app.localhost'),
      errors: [{ message: msg('http://app.localhost'), line: 6, column: 82, endLine: 6, endColumn: 102, severity: 'error' }],
      output: values('enable-cors: "true"\ncors-allow-origin: https://dashboard.example.com'),
    },
    {
      name: 'production forced by a comment even in a dev-named file',
      filename: 'vcluster-platform.dev.yaml',
      code: values(DEV_LIST, { before: '# vcluster-cors: env=production\n' }),
      errors: [{ message: msg('http://localhost:3000'), line: 7, column: 84, endLine: 7, endColumn: 105, severity: 'error' }],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"', {
        before: '# vcluster-cors: env=production\n',
      }),
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: loopback `prefix:` origin',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
          - prefix: "http://localhost:"
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            "On a visitor's own machine, `http://localhost:` is the origin of any page served there (a local dev server or any local app), and Istio echoes it back in `Access-Control-Allow-Origin`. Keep development origins in a development values file.",
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 40,
          severity: 'error',
          fixTitles: ['Remove `http://localhost:`'],
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
          - exact: https://dashboard.example.com
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Traefik: loopback list entry',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList:
      - https://dashboard.example.com
      - http://127.0.0.1:8080
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "On a visitor's own machine, `http://127.0.0.1:8080` is the origin of any page served there (a local dev server or any local app), and Traefik echoes it back in `Access-Control-Allow-Origin`. Keep development origins in a development values file.",
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 30,
          severity: 'error',
          fixTitles: ['Remove `http://127.0.0.1:8080`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList:
      - https://dashboard.example.com
    addVaryHeader: true
`,
    },
  ],
});
