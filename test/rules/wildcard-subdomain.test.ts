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

const msg = (one: string, apex: string, deep: string, creds: boolean) =>
  `ingress-nginx echoes any Origin with exactly one label in place of \`*\` (such as \`${one}\`), but neither \`${apex}\` nor deeper hosts such as \`${deep}\`. A cross-site scripting hole or a taken-over DNS record on any of those subdomains can read the API's responses${creds ? " with the user's credentials (cookies)" : ''}. List the subdomains that need access.`;

const EXAMPLE = (creds: boolean) => msg('https://app.example.com', 'https://example.com', 'https://a.b.example.com', creds);

ruleTester('wildcard-subdomain', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'CORS off', code: values('enable-cors: "false"\ncors-allow-origin: "https://*.example.com"') },
    {
      name: 'a `*` elsewhere fails validation: the value becomes `*` (wildcard-origin reports it)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://app.*.example.com"'),
    },
    {
      name: 'explicit subdomains',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://app.example.com, https://admin.example.com"'),
    },
  ],
  invalid: [
    {
      name: 'credentials default to true: warning',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com"'),
      errors: [{ message: EXAMPLE(true), line: 6, column: 53, endLine: 6, endColumn: 74, severity: 'warning', fixTitles: [] }],
      output: null,
    },
    {
      name: 'credentials off: info',
      code: values(
        'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://*.example.com"\ncors-allow-credentials: "false"',
      ),
      errors: [{ message: EXAMPLE(false), line: 6, column: 84, endLine: 6, endColumn: 105, severity: 'info' }],
      output: null,
    },
    {
      name: 'an invalid credentials value falls back to true: warning',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com"\ncors-allow-credentials: "yes"'),
      errors: [{ message: EXAMPLE(true), line: 6, column: 53, endLine: 6, endColumn: 74, severity: 'warning' }],
      output: null,
    },
    {
      name: 'with a port: the examples carry it',
      code: values("enable-cors: 'true'\ncors-allow-origin: 'https://*.apps.example.com:8443'\ncors-allow-credentials: 'false'"),
      errors: [
        {
          message: msg('https://app.apps.example.com:8443', 'https://apps.example.com:8443', 'https://a.b.apps.example.com:8443', false),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 84,
          severity: 'info',
        },
      ],
      output: null,
    },
    {
      name: 'development: same severity',
      env: 'development',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com"'),
      errors: [{ message: EXAMPLE(true), line: 6, column: 53, endLine: 6, endColumn: 74, severity: 'warning' }],
      output: null,
    },
    {
      name: 'configured severity wins over the credentials-based one',
      config: { rules: { 'wildcard-subdomain': 'error' } },
      code: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com"\ncors-allow-credentials: "false"'),
      errors: [{ message: EXAMPLE(false), line: 6, column: 53, endLine: 6, endColumn: 74, severity: 'error' }],
      output: null,
    },
  ],
});
