import { ruleTester, values } from './_ruleTester';

const SEED = `ingress:
  enabled: true
  host: "platform.example.com"
  annotations:
    # CORS
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, PUT, DELETE, PATCH, OPTIONS"
    nginx.ingress.kubernetes.io/cors-allow-headers: "Authorization, Content-Type"
    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"
    nginx.ingress.kubernetes.io/cors-max-age: "3600"
  tls:
    enabled: true
    secret: tls-vcluster-platform
`;

ruleTester('invalid-expose-headers', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'names and `*`',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-Request-Id, *"'),
    },
    {
      name: 'space-separated, trailing comma',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-Request-Id X-Trace,"'),
    },
    {
      name: 'empty: no header exposed, as written',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: ""'),
    },
  ],
  invalid: [
    {
      name: 'semicolons: safe rewrite',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-Request-Id; X-Trace"'),
      errors: [
        {
          message:
            '`cors-expose-headers` `X-Request-Id; X-Trace` is invalid (only letters, digits, `-`, `_`, `*`, commas and spaces are allowed, and it contains `;`): ingress-nginx ignores it and sends no `Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 77,
          severity: 'error',
          fixTitles: ['Rewrite as `X-Request-Id, X-Trace`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-Request-Id, X-Trace"'),
    },
    {
      name: 'space before a comma fails the unstripped re-check',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-Request-Id , X-Trace"'),
      errors: [
        {
          message:
            '`cors-expose-headers` `X-Request-Id , X-Trace` is invalid (it has a space before a comma, and ingress-nginx checks the value a second time without removing spaces): ingress-nginx ignores it and sends no `Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 78,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-Request-Id, X-Trace"'),
    },
    {
      name: 'a dot: no fix',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X.Request"'),
      errors: [
        {
          message:
            '`cors-expose-headers` `X.Request` is invalid (only letters, digits, `-`, `_`, `*`, commas and spaces are allowed, and it contains `.`): ingress-nginx ignores it and sends no `Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 65,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'empty entry between commas, single quotes',
      code: values('enable-cors: "true"\ncors-expose-headers: \'X-A,,X-B\''),
      errors: [
        {
          message:
            '`cors-expose-headers` `X-A,,X-B` is invalid (it has an empty entry between commas): ingress-nginx ignores it and sends no `Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          line: 6,
          column: 54,
          endLine: 6,
          endColumn: 64,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-expose-headers: \'X-A, X-B\''),
    },
    {
      name: 'two spaces in a row',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-A  X-B"'),
      errors: [
        {
          message:
            '`cors-expose-headers` `X-A  X-B` is invalid (it has two spaces in a row, and ingress-nginx checks the value a second time without removing spaces): ingress-nginx ignores it and sends no `Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 64,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "X-A, X-B"'),
    },
    {
      name: 'a slash',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-expose-headers: "Content-Disposition/X-Id"'),
      errors: [
        {
          message:
            '`cors-expose-headers` `Content-Disposition/X-Id` is invalid (only letters, digits, `-`, `_`, `*`, commas and spaces are allowed, and it contains `/`): ingress-nginx ignores it and sends no `Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 80,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'development, CORS off',
      code: values('cors-expose-headers: "X-Id ,X-Other"'),
      filename: 'values.dev.yaml',
      errors: [
        {
          message:
            '`cors-expose-headers` `X-Id ,X-Other` is invalid (it has a space before a comma, and ingress-nginx checks the value a second time without removing spaces): ingress-nginx ignores it and sends no `Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 69,
          severity: 'error',
        },
      ],
      output: values('cors-expose-headers: "X-Id, X-Other"'),
    },
  ],
});
