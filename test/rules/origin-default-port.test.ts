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

const msg = (origin: string, port: string, scheme: string, sent: string) =>
  `\`${origin}\` spells out \`:${port}\`, the default port of \`${scheme}\`: browsers leave the default port out of the Origin header (they send ${sent}) and ingress-nginx compares ports exactly, so this entry never matches.`;

ruleTester('origin-default-port', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'a non-default port', code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com:8443"') },
    {
      name: 'the other scheme’s default port is a real port',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com:80, http://b.example.com:443"'),
    },
    { name: 'CORS off', code: values('enable-cors: "false"\ncors-allow-origin: "https://dashboard.example.com:443"') },
    {
      name: 'a dropped entry is not matched at all (validation off; invalid-origin reports it)',
      config: { annotationValidation: false },
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://a.example.com:443/"'),
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: prefix with a non-default port',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://dashboard.example.com:8443"
      route:
        - destination: { host: loft }
`,
    },
  ],
  invalid: [
    {
      name: 'https with :443: the safe fix strips the port',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com:443"'),
      errors: [
        {
          message: msg('https://dashboard.example.com:443', '443', 'https', '`https://dashboard.example.com`'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 86,
          severity: 'warning',
          fixTitles: ['Remove the default port: `https://dashboard.example.com`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'http with :80, in a list, plain scalar',
      code: values('enable-cors: "true"\ncors-allow-origin: https://dashboard.example.com, http://app.example.com:80'),
      errors: [
        {
          message: msg('http://app.example.com:80', '80', 'http', '`http://app.example.com`'),
          line: 6,
          column: 83,
          endLine: 6,
          endColumn: 108,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: https://dashboard.example.com, http://app.example.com'),
    },
    {
      name: 'wildcard subdomain with :443',
      code: values("enable-cors: 'true'\ncors-allow-origin: 'https://*.example.com:443'"),
      errors: [
        {
          message: msg('https://*.example.com:443', '443', 'https', 'for example `https://app.example.com`'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 78,
          severity: 'warning',
        },
      ],
      output: values("enable-cors: 'true'\ncors-allow-origin: 'https://*.example.com'"),
    },
    {
      name: 'stripping the port gives an origin already listed: the fix keeps one',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://dashboard.example.com:443"'),
      errors: [
        {
          message: msg('https://dashboard.example.com:443', '443', 'https', '`https://dashboard.example.com`'),
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 117,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'browsers send the host in lower case; the fix keeps the host as written',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://Dashboard.Example.com:443"'),
      errors: [
        {
          message: msg('https://Dashboard.Example.com:443', '443', 'https', '`https://dashboard.example.com`'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 86,
          severity: 'warning',
          fixTitles: ['Remove the default port: `https://Dashboard.Example.com`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://Dashboard.Example.com"'),
    },
    {
      name: 'development: still a warning',
      env: 'development',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com:443"'),
      errors: [
        {
          message: msg('https://dashboard.example.com:443', '443', 'https', '`https://dashboard.example.com`'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 86,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    // Manifests (Traefik, Istio, Gateway API)
    {
      name: 'Istio: `prefix:` with the default port (safe fix keeps `prefix:`)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - prefix: "https://dashboard.example.com:443"
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            '`https://dashboard.example.com:443` spells out `:443`, the default port of `https`: browsers leave the default port out of the Origin header (they send `https://dashboard.example.com`) and Istio compares ports exactly, so this entry never matches.',
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 56,
          severity: 'warning',
          fixTitles: ['Remove the default port: `https://dashboard.example.com`'],
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
          - prefix: "https://dashboard.example.com"
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Traefik: list entry with the default port',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: ["https://dashboard.example.com:443"]
    addVaryHeader: true
`,
      errors: [
        {
          message:
            '`https://dashboard.example.com:443` spells out `:443`, the default port of `https`: browsers leave the default port out of the Origin header (they send `https://dashboard.example.com`) and Traefik compares ports exactly, so this entry never matches.',
          line: 7,
          column: 36,
          endLine: 7,
          endColumn: 71,
          severity: 'warning',
          fixTitles: ['Remove the default port: `https://dashboard.example.com`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: ["https://dashboard.example.com"]
    addVaryHeader: true
`,
    },
  ],
});
