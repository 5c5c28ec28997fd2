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

ruleTester('missing-authorization-header', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'not set: the default list includes Authorization',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\n'),
    },
    {
      name: 'case-insensitive',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "content-type, AUTHORIZATION"'),
    },
    {
      name: 'rejected value: the default list (with Authorization) is sent',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "*"'),
    },
    {
      name: 'empty value: the default list is sent',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: ""'),
    },
    { name: 'CORS off', code: values('cors-allow-headers: "Content-Type"') },
    {
      name: 'a name that only contains Authorization',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "X-Authorization, Authorization"'),
    },
  ],
  invalid: [
    {
      name: 'missing: fix appends it',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "Content-Type, X-Requested-With"'),
      errors: [
        {
          message:
            'vCluster Platform API calls carry `Authorization: Bearer …`, so their preflight asks for `authorization`, and ingress-nginx answers with `cors-allow-headers` `Content-Type, X-Requested-With`, which does not include it.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 85,
          severity: 'warning',
          fixTitles: ['Add Authorization to the allowed headers'],
        },
      ],
      output: values(
        'enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "Content-Type, X-Requested-With, Authorization"',
      ),
    },
    {
      name: 'plain scalar with trailing comma',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: Content-Type,'),
      errors: [
        {
          message:
            'vCluster Platform API calls carry `Authorization: Bearer …`, so their preflight asks for `authorization`, and ingress-nginx answers with `cors-allow-headers` `Content-Type,`, which does not include it.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 66,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: Content-Type, Authorization,'),
    },
    {
      name: 'single quotes',
      code: values('enable-cors: "true"\ncors-allow-headers: \'Content-Type\''),
      errors: [
        {
          message:
            'vCluster Platform API calls carry `Authorization: Bearer …`, so their preflight asks for `authorization`, and ingress-nginx answers with `cors-allow-headers` `Content-Type`, which does not include it.',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 67,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-headers: \'Content-Type, Authorization\''),
    },
    {
      name: 'X-Authorization is not Authorization',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "X-Authorization"'),
      errors: [
        {
          message:
            'vCluster Platform API calls carry `Authorization: Bearer …`, so their preflight asks for `authorization`, and ingress-nginx answers with `cors-allow-headers` `X-Authorization`, which does not include it.',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 70,
          severity: 'warning',
        },
      ],
      output: values(
        'enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-allow-headers: "X-Authorization, Authorization"',
      ),
    },
    {
      name: 'folded block scalar: rewritten double-quoted',
      code: 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-headers: >-\n      Content-Type,\n      X-Id\n',
      errors: [
        {
          message:
            'vCluster Platform API calls carry `Authorization: Bearer …`, so their preflight asks for `authorization`, and ingress-nginx answers with `cors-allow-headers` `Content-Type, X-Id`, which does not include it.',
          line: 5,
          column: 53,
          endLine: 7,
          endColumn: 11,
          severity: 'warning',
        },
      ],
      output:
        'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, X-Id, Authorization"\n',
    },
    {
      name: 'from commonAnnotations, development',
      code: values('enable-cors: "true"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type"\n',
      }),
      env: 'development',
      errors: [
        {
          message:
            'vCluster Platform API calls carry `Authorization: Bearer …`, so their preflight asks for `authorization`, and ingress-nginx answers with `cors-allow-headers` `Content-Type`, which does not include it.',
          line: 7,
          column: 51,
          endLine: 7,
          endColumn: 65,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, Authorization"\n',
      }),
    },
    {
      name: 'Traefik Middleware: appended as a sequence item',
      code: 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowHeaders:\n      - Content-Type\n',
      errors: [
        {
          message:
            'Calls to an API that uses `Authorization` send a preflight that asks for `authorization`, and Traefik answers with `spec.headers.accessControlAllowHeaders` `Content-Type`, which does not include it.',
          line: 10,
          column: 7,
          endLine: 10,
          endColumn: 21,
          severity: 'warning',
        },
      ],
      output:
        'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowHeaders:\n      - Content-Type\n      - Authorization\n',
    },
    {
      name: 'Traefik `*` does not cover Authorization in the Fetch Standard',
      code: 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowHeaders: ["*"]\n',
      errors: [
        {
          message:
            '`spec.headers.accessControlAllowHeaders` `*` relies on `*` for `Authorization`: the Fetch Standard never lets `*` cover Authorization, and Chromium and Firefox accept it today only with a deprecation warning, so calls that send `Authorization` will start failing their preflight. List `Authorization` explicitly.',
          line: 9,
          column: 32,
          endLine: 9,
          endColumn: 37,
          severity: 'warning',
        },
      ],
      output:
        'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://a.example.com\n    accessControlAllowHeaders: ["*", "Authorization"]\n',
    },
    {
      name: 'a generic Ingress manifest: no vCluster wording',
      filename: 'grafana/ingress.yaml',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: grafana\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://ops.example.com"\n    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type"\n',
      errors: [
        {
          message:
            'Calls to an API that uses `Authorization` send a preflight that asks for `authorization`, and ingress-nginx answers with `cors-allow-headers` `Content-Type`, which does not include it.',
          line: 8,
          column: 53,
        },
      ],
      output:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: grafana\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://ops.example.com"\n    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, Authorization"\n',
    },
  ],
});
