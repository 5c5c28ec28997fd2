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

ruleTester('invalid-methods', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'space-separated and trailing comma are accepted by the regex',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET POST,"'),
    },
    {
      name: 'lower case passes the regex (method-case reports it)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "get, patch"'),
    },
    { name: 'not set: default list, nothing rejected', code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\n') },
  ],
  invalid: [
    {
      name: 'space before a comma fails the unstripped re-check',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET , POST"'),
      errors: [
        {
          message:
            '`cors-allow-methods` `GET , POST` is invalid (it has a space before a comma, and ingress-nginx checks the value a second time without removing spaces): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 65,
          severity: 'error',
          fixTitles: ['Rewrite as `GET, POST`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, POST"'),
    },
    {
      name: 'also with annotation validation off',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET , POST"'),
      config: { annotationValidation: false },
      errors: [
        {
          message:
            '`cors-allow-methods` `GET , POST` is invalid (it has a space before a comma, and ingress-nginx checks the value a second time without removing spaces): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 65,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, POST"'),
    },
    {
      name: '`*` is not accepted: unsafe fix only',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "*"'),
      errors: [
        {
          message:
            '`cors-allow-methods` `*` is invalid (only letters, commas and spaces are allowed, and it contains `*`): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 56,
          severity: 'error',
          fixTitles: ['Replace `*` with `GET, POST, PUT, DELETE, PATCH, OPTIONS`'],
        },
      ],
      output: null,
    },
    {
      name: 'digits',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, P0ST"'),
      errors: [
        {
          message:
            '`cors-allow-methods` `GET, P0ST` is invalid (only letters, commas and spaces are allowed, and it contains `0`): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 64,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'semicolons: rewritten, single quotes kept',
      code: values('enable-cors: "true"\ncors-allow-methods: \'GET;POST;PUT\''),
      errors: [
        {
          message:
            '`cors-allow-methods` `GET;POST;PUT` is invalid (only letters, commas and spaces are allowed, and it contains `;`): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 67,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-methods: \'GET, POST, PUT\''),
    },
    {
      name: 'empty entry between commas',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET,,POST"'),
      errors: [
        {
          message:
            '`cors-allow-methods` `GET,,POST` is invalid (it has an empty entry between commas): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 64,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, POST"'),
    },
    {
      name: 'two spaces in a row',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET,  POST"'),
      errors: [
        {
          message:
            '`cors-allow-methods` `GET,  POST` is invalid (it has two spaces in a row, and ingress-nginx checks the value a second time without removing spaces): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 65,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, POST"'),
    },
    {
      name: 'empty',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: ""'),
      errors: [
        {
          message:
            '`cors-allow-methods` is empty: ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
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
      name: 'block scalar keeps line breaks',
      code: 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-methods: |\n      GET,\n      POST\n',
      errors: [
        {
          message:
            '`cors-allow-methods` `GET,\\nPOST\\n` is invalid (it contains a line break): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 5,
          column: 53,
          endLine: 7,
          endColumn: 11,
          severity: 'error',
        },
      ],
      output:
        'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST"\n',
    },
    {
      name: 'development: same error',
      code: values('cors-allow-methods: "GET , PATCH"'),
      filename: 'dev/vcluster-platform.yaml',
      errors: [
        {
          message:
            '`cors-allow-methods` `GET , PATCH` is invalid (it has a space before a comma, and ingress-nginx checks the value a second time without removing spaces): ingress-nginx ignores it and sends the default methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`.',
          line: 5,
          column: 53,
          endLine: 5,
          endColumn: 66,
          severity: 'error',
        },
      ],
      output: values('cors-allow-methods: "GET, PATCH"'),
    },
  ],
});
