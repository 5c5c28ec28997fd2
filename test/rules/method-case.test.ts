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

ruleTester('method-case', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'not set: the default list is upper case', code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\n') },
    {
      name: 'rejected value: the default list is sent (invalid-methods reports it)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "get , patch"'),
    },
    { name: 'CORS off: semantic rules do not run', code: values('cors-allow-methods: "patch"') },
    {
      name: 'forbidden methods are left to forbidden-method',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, trace"'),
    },
  ],
  invalid: [
    {
      name: 'one finding per method, exact ranges',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "get, patch, Put, DELETE"'),
      errors: [
        {
          message:
            '`get` in Access-Control-Allow-Methods never matches a request, but GET is CORS-safelisted and never needs to be listed, so the entry does nothing.',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 57,
          severity: 'warning',
          fixTitles: ['Upper-case `get` to `GET`'],
        },
        {
          message:
            'A `PATCH` request does not match `patch` in Access-Control-Allow-Methods, so its preflight fails and the browser blocks it.',
          line: 7,
          column: 59,
          endLine: 7,
          endColumn: 64,
          severity: 'warning',
          fixTitles: ['Upper-case `patch` to `PATCH`'],
        },
        {
          message:
            "Browsers send a script's `Put` request as `PUT`, which does not match `Put` in Access-Control-Allow-Methods, so the preflight fails and the browser blocks the request.",
          line: 7,
          column: 66,
          endLine: 7,
          endColumn: 69,
          severity: 'warning',
          fixTitles: ['Upper-case `Put` to `PUT`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, PATCH, PUT, DELETE"'),
    },
    {
      name: 'plain scalar',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: GET,patch'),
      errors: [
        {
          message:
            'A `PATCH` request does not match `patch` in Access-Control-Allow-Methods, so its preflight fails and the browser blocks it.',
          line: 7,
          column: 57,
          endLine: 7,
          endColumn: 62,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: GET,PATCH'),
    },
    {
      name: 'single quotes',
      code: values('enable-cors: "true"\ncors-allow-methods: \'Options\''),
      errors: [
        {
          message:
            "Browsers send a script's `Options` request as `OPTIONS`, which does not match `Options` in Access-Control-Allow-Methods, so the preflight fails and the browser blocks the request.",
          line: 6,
          column: 54,
          endLine: 6,
          endColumn: 61,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-methods: \'OPTIONS\''),
    },
    {
      name: 'same method twice',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "patch patch"'),
      errors: [
        {
          message:
            'A `PATCH` request does not match `patch` in Access-Control-Allow-Methods, so its preflight fails and the browser blocks it.',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 59,
          severity: 'warning',
        },
        {
          message:
            'A `PATCH` request does not match `patch` in Access-Control-Allow-Methods, so its preflight fails and the browser blocks it.',
          line: 7,
          column: 60,
          endLine: 7,
          endColumn: 65,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "PATCH PATCH"'),
    },
    {
      name: 'escaped scalar: range is the value, fix rewrites the value',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, \\x70atch"'),
      errors: [
        {
          message:
            'A `PATCH` request does not match `patch` in Access-Control-Allow-Methods, so its preflight fails and the browser blocks it.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 68,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, PATCH"'),
    },
    {
      name: 'folded block scalar',
      code: 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-methods: >-\n      GET, delete\n',
      errors: [
        {
          message:
            "Browsers send a script's `delete` request as `DELETE`, which does not match `delete` in Access-Control-Allow-Methods, so the preflight fails and the browser blocks the request.",
          line: 5,
          column: 53,
          endLine: 6,
          endColumn: 18,
          severity: 'warning',
        },
      ],
      output:
        'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, DELETE"\n',
    },
    {
      name: 'from commonAnnotations, development',
      code: values('enable-cors: "true"', { after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-methods: "put"\n' }),
      env: 'development',
      errors: [
        {
          message:
            "Browsers send a script's `put` request as `PUT`, which does not match `put` in Access-Control-Allow-Methods, so the preflight fails and the browser blocks the request.",
          line: 7,
          column: 52,
          endLine: 7,
          endColumn: 55,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"', { after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-methods: "PUT"\n' }),
    },
    {
      name: 'Traefik Middleware: a block sequence item',
      code: 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowMethods:\n      - GET\n      - patch\n',
      errors: [
        {
          message:
            'A `PATCH` request does not match `patch` in Access-Control-Allow-Methods, so its preflight fails and the browser blocks it.',
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 14,
          severity: 'warning',
        },
      ],
      output:
        'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowMethods:\n      - GET\n      - PATCH\n',
    },
    {
      name: 'Gateway API HTTPRoute: a flow sequence item',
      code: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: platform\nspec:\n  rules:\n    - filters:\n        - type: CORS\n          cors:\n            allowOrigins: ["https://a.example.com"]\n            allowMethods: [GET, delete]\n',
      errors: [
        {
          message:
            "Browsers send a script's `delete` request as `DELETE`, which does not match `delete` in Access-Control-Allow-Methods, so the preflight fails and the browser blocks the request.",
          line: 11,
          column: 33,
          endLine: 11,
          endColumn: 39,
          severity: 'warning',
        },
      ],
      output:
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: platform\nspec:\n  rules:\n    - filters:\n        - type: CORS\n          cors:\n            allowOrigins: ["https://a.example.com"]\n            allowMethods: [GET, DELETE]\n',
    },
  ],
});
