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

ruleTester('invalid-headers', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'spaces only as separators',
      code: values(
        'enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "Authorization Content-Type X_Custom"',
      ),
    },
    {
      name: 'space before a comma is fine here (the regex allows spaces)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "Authorization , Content-Type"'),
    },
    { name: 'not set', code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\n') },
  ],
  invalid: [
    {
      name: '`*` (kubernetes/ingress-nginx#10501): unsafe fix only',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "*"'),
      errors: [
        {
          message:
            '`cors-allow-headers` `*` is invalid: ingress-nginx does not accept `*` in allow-headers (kubernetes/ingress-nginx#10501), so it ignores the value and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`. List the request headers your clients send instead, e.g. `Authorization, Content-Type`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 56,
          severity: 'error',
          fixTitles: ['Replace `*` with `Authorization, Content-Type`'],
        },
      ],
      output: null,
      unsafeOutput: values(
        'enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "Authorization, Content-Type"',
      ),
    },
    {
      name: '`*` mixed with names',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "*, X-Custom, content-type"'),
      errors: [
        {
          message:
            '`cors-allow-headers` `*, X-Custom, content-type` is invalid: ingress-nginx does not accept `*` in allow-headers (kubernetes/ingress-nginx#10501), so it ignores the value and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`. List the request headers your clients send instead, e.g. `Authorization, Content-Type`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 80,
          severity: 'error',
          fixTitles: ['Replace `*` with `Authorization, Content-Type`'],
        },
      ],
      output: null,
    },
    {
      name: 'a dot',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "Authorization, X-Foo.Bar"'),
      errors: [
        {
          message:
            '`cors-allow-headers` `Authorization, X-Foo.Bar` is invalid (only letters, digits, `-`, `_`, commas and spaces are allowed, and it contains `.`): ingress-nginx ignores it and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 79,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'semicolons: unsafe rewrite',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: \'Authorization; Content-Type\''),
      errors: [
        {
          message:
            '`cors-allow-headers` `Authorization; Content-Type` is invalid (only letters, digits, `-`, `_`, commas and spaces are allowed, and it contains `;`): ingress-nginx ignores it and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 82,
          severity: 'error',
          fixTitles: ['Rewrite as `Authorization, Content-Type`'],
        },
      ],
      output: null,
    },
    {
      name: 'a tab (the validator strips only spaces)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "Content-Type\\t, X-A"'),
      errors: [
        {
          message:
            '`cors-allow-headers` `Content-Type\\t, X-A` is invalid (only letters, digits, `-`, `_`, commas and spaces are allowed, and it contains a tab): ingress-nginx ignores it and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 74,
          severity: 'error',
          fixTitles: ['Rewrite as `Content-Type, X-A`'],
        },
      ],
      output: null,
    },
    {
      name: 'empty',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: ""'),
      errors: [
        {
          message:
            '`cors-allow-headers` is empty: ingress-nginx ignores it and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 55,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'reported with CORS off, in development',
      code: values('cors-allow-headers: "*"'),
      env: 'development',
      errors: [
        {
          message:
            '`cors-allow-headers` `*` is invalid: ingress-nginx does not accept `*` in allow-headers (kubernetes/ingress-nginx#10501), so it ignores the value and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`. List the request headers your clients send instead, e.g. `Authorization, Content-Type`.',
          line: 5,
          column: 53,
          endLine: 5,
          endColumn: 56,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'annotation validation off: the re-check still rejects it',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "X;Y"'),
      config: { annotationValidation: false },
      errors: [
        {
          message:
            '`cors-allow-headers` `X;Y` is invalid (only letters, digits, `-`, `_`, commas and spaces are allowed, and it contains `;`): ingress-nginx ignores it and sends its default list `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 58,
          severity: 'error',
        },
      ],
      output: null,
    },
  ],
});
