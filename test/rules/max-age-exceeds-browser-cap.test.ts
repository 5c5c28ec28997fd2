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

ruleTester('max-age-exceeds-browser-cap', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'exactly 7200', code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"') },
    { name: 'CORS off: the default is never sent', code: values('cors-allow-origin: "https://a.example.com"') },
    {
      name: 'invalid value falls back to 1728000: invalid-max-age reports it',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "2h"'),
    },
  ],
  invalid: [
    {
      name: 'not set: the implicit 1728000, fix adds cors-max-age',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\n'),
      errors: [
        {
          message:
            'Without it, ingress-nginx sends `Access-Control-Max-Age: 1728000` (20 days), but browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari, so no browser keeps it longer than 24 hours. Set `cors-max-age` to 7200 or less.',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 44,
          severity: 'warning',
          fixTitles: ['Add cors-max-age: "7200"'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"'),
    },
    {
      name: '86400: only Firefox keeps it',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "86400"'),
      errors: [
        {
          message:
            '`cors-max-age` `86400`: ingress-nginx sends `Access-Control-Max-Age: 86400` (1 day), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 54,
          severity: 'warning',
          fixTitles: ['Set cors-max-age to "7200"'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"'),
    },
    {
      name: '7201, single quotes kept',
      code: values('enable-cors: "true"\ncors-max-age: \'7201\''),
      errors: [
        {
          message:
            '`cors-max-age` `7201`: ingress-nginx sends `Access-Control-Max-Age: 7201` (7201 s), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 6,
          column: 47,
          endLine: 6,
          endColumn: 53,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-max-age: \'7200\''),
    },
    {
      name: 'written 1728000',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "1728000"'),
      errors: [
        {
          message:
            '`cors-max-age` `1728000`: ingress-nginx sends `Access-Control-Max-Age: 1728000` (20 days), so no browser keeps it longer than 24 hours. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 56,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"'),
    },
    {
      name: 'unquoted number: the fix also quotes it',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: 100000'),
      errors: [
        {
          message:
            '`cors-max-age` `100000`: ingress-nginx sends `Access-Control-Max-Age: 100000` (100000 s), so no browser keeps it longer than 24 hours. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 53,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"'),
    },
    {
      name: '"+9000"',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "+9000"'),
      errors: [
        {
          message:
            '`cors-max-age` `+9000`: ingress-nginx sends `Access-Control-Max-Age: 9000` (150 minutes), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 54,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"'),
    },
    {
      name: 'enable-cors in commonAnnotations, inserted into ingress.annotations',
      code: values('cors-allow-origin: "https://a.example.com"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      }),
      errors: [
        {
          message:
            'Without it, ingress-nginx sends `Access-Control-Max-Age: 1728000` (20 days), but browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari, so no browser keeps it longer than 24 hours. Set `cors-max-age` to 7200 or less.',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 42,
          severity: 'warning',
        },
      ],
      output: values('cors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      }),
    },
    {
      name: 'no ingress.annotations map: no fix',
      code: 'ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      errors: [
        {
          message:
            'Without it, ingress-nginx sends `Access-Control-Max-Age: 1728000` (20 days), but browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari, so no browser keeps it longer than 24 hours. Set `cors-max-age` to 7200 or less.',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 42,
          severity: 'warning',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'development: same warning',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "10000"'),
      env: 'development',
      errors: [
        {
          message:
            '`cors-max-age` `10000`: ingress-nginx sends `Access-Control-Max-Age: 10000` (10000 s), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 54,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"'),
    },
    {
      name: 'Istio VirtualService: a duration, fixed as "7200s"',
      code: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: platform\nspec:\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - exact: https://a.example.com\n        maxAge: "24h"\n',
      errors: [
        {
          message:
            '`spec.http[0].corsPolicy.maxAge` `24h`: Istio sends `Access-Control-Max-Age: 86400` (1 day), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 22,
          severity: 'warning',
          fixTitles: ['Set spec.http[0].corsPolicy.maxAge to 7200s'],
        },
      ],
      output:
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: platform\nspec:\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - exact: https://a.example.com\n        maxAge: "7200s"\n',
    },
    {
      name: 'Traefik Middleware: an integer field stays an integer',
      code: 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlMaxAge: 86400\n',
      errors: [
        {
          message:
            '`spec.headers.accessControlMaxAge` `86400`: Traefik sends `Access-Control-Max-Age: 86400` (1 day), so only Firefox keeps it that long. Browsers cache a preflight for at most 7200 s in Chromium, 86400 s in Firefox and 600 s in Safari. Use 7200 or less.',
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 31,
          severity: 'warning',
          fixTitles: ['Set spec.headers.accessControlMaxAge to 7200'],
        },
      ],
      output:
        'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlMaxAge: 7200\n',
    },
  ],
});
