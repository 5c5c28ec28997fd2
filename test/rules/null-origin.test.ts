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

const BODY =
  "`null` is allowed: ingress-nginx answers `Origin: null` with `Access-Control-Allow-Origin: null`. Browsers send `Origin: null` from sandboxed iframes, `data:` and `file:` documents and after cross-origin redirects, so any website can create a `null` origin and read the API's responses";
const WITH_CREDS = BODY + " with the user's credentials (cookies).";

ruleTester('null-origin', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'CORS off', code: values('enable-cors: "false"\ncors-allow-origin: "null"') },
    {
      name: '`null` next to `*`: the whole value becomes `*`, `null` is not matched on its own',
      code: values('enable-cors: "true"\ncors-allow-origin: "null, *"'),
    },
    {
      name: '`NULL` is not the null keyword: ingress-nginx skips it (invalid-origin reports it)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com, NULL"'),
    },
    { name: 'a host that contains null', code: values('enable-cors: "true"\ncors-allow-origin: "https://null.example.com"') },
  ],
  invalid: [
    {
      name: '`null` next to another origin: unsafe removal',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, null"'),
      errors: [
        {
          message: WITH_CREDS,
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 88,
          severity: 'error',
          fixTitles: ['Remove `null` from the allowed origins'],
        },
      ],
      output: null,
      unsafeOutput: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: '`null` alone: no fix (removing it would leave an empty value, which means `*`)',
      code: values('enable-cors: "true"\ncors-allow-origin: "null"'),
      errors: [{ message: WITH_CREDS, line: 6, column: 53, endLine: 6, endColumn: 57, severity: 'error', fixTitles: [] }],
      output: null,
    },
    {
      name: 'credentials off: no credentials in the message',
      code: values("enable-cors: 'true'\ncors-allow-origin: 'null,https://dashboard.example.com'\ncors-allow-credentials: 'false'"),
      errors: [{ message: BODY + '.', line: 6, column: 53, endLine: 6, endColumn: 57, severity: 'error' }],
      output: null,
    },
    {
      name: 'development: still an error',
      env: 'development',
      code: values('enable-cors: "true"\ncors-allow-origin: "null"'),
      errors: [{ message: WITH_CREDS, line: 6, column: 53, endLine: 6, endColumn: 57, severity: 'error' }],
      output: null,
    },
    {
      name: 'plain scalar in commonAnnotations',
      code: 'ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n  nginx.ingress.kubernetes.io/cors-allow-origin: https://a.example.com, null\n',
      errors: [{ message: WITH_CREDS, line: 5, column: 73, endLine: 5, endColumn: 77, severity: 'error' }],
      output: null,
    },
    {
      name: 'validation off: `null` survives next to a dropped entry; no fix (nothing usable would be left)',
      config: { annotationValidation: false },
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com/, null"'),
      errors: [{ message: WITH_CREDS, line: 6, column: 77, endLine: 6, endColumn: 81, severity: 'error', fixTitles: [] }],
      output: null,
    },
  ],
});
