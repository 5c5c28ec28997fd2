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

ruleTester('forbidden-method', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'not set: the default list has none', code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\n') },
    {
      name: 'rejected value: the default list is sent',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET , TRACE"'),
    },
    { name: 'CORS off', code: values('cors-allow-methods: "GET, TRACE"') },
    {
      name: 'names that only contain a forbidden one',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "TRACEX, CONNECTED"'),
    },
  ],
  invalid: [
    {
      name: 'TRACE in the middle and connect at the end',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, TRACE, POST, connect"'),
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACE` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 59,
          endLine: 7,
          endColumn: 64,
          severity: 'warning',
          fixTitles: ['Remove `TRACE` from the allowed methods'],
        },
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `connect` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 72,
          endLine: 7,
          endColumn: 79,
          severity: 'warning',
          fixTitles: ['Remove `connect` from the allowed methods'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, POST"'),
    },
    {
      name: 'first entry',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "TRACK, GET"'),
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACK` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 59,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET"'),
    },
    {
      name: 'space-separated plain scalar',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: GET TRACE PUT'),
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACE` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 57,
          endLine: 7,
          endColumn: 62,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: GET PUT'),
    },
    {
      name: 'the only method: no safe fix (an empty value means the default list)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "TRACE"'),
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACE` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 54,
          endLine: 7,
          endColumn: 59,
          severity: 'warning',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'adjacent ones: one fix per pass',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, TRACE, TRACK"'),
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACE` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 59,
          endLine: 7,
          endColumn: 64,
          severity: 'warning',
        },
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACK` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 66,
          endLine: 7,
          endColumn: 71,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, TRACK"'),
    },
    {
      name: 'escaped scalar: the value is rewritten',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET, \\x54RACE"'),
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACE` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 68,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET"'),
    },
    {
      name: 'development: same warning',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "PUT,CONNECT"'),
      env: 'development',
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `CONNECT` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 7,
          column: 58,
          endLine: 7,
          endColumn: 65,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-methods: "PUT"'),
    },
    {
      name: 'Traefik Middleware: the item line is removed',
      code: 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowMethods:\n      - GET\n      - TRACE # debugging\n      - PUT\n',
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `TRACE` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 14,
          severity: 'warning',
        },
      ],
      output:
        'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowMethods:\n      - GET\n      - PUT\n',
    },
    {
      name: 'Istio VirtualService: flow sequence',
      code: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: platform\nspec:\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - exact: https://a.example.com\n        allowMethods: [GET, connect]\n',
      errors: [
        {
          message:
            'The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing `connect` in Access-Control-Allow-Methods has no effect. Remove it.',
          line: 10,
          column: 29,
          endLine: 10,
          endColumn: 36,
          severity: 'warning',
        },
      ],
      output:
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: platform\nspec:\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - exact: https://a.example.com\n        allowMethods: [GET]\n',
    },
  ],
});
