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

const ORIGIN = 'nginx.ingress.kubernetes.io/cors-allow-origin';
const haproxyIngress = (cls: string | undefined, annotations: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n${annotations}\nspec:\n${cls ? `  ingressClassName: ${cls}\n` : ''}  rules:\n    - host: api.example.com\n`;
const ANY =
  'cors-allow-origin keeps its default, any origin (`*`). The key ingress-nginx reads is `nginx.ingress.kubernetes.io/cors-allow-origin`.';

ruleTester('unknown-cors-annotation', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'all seven keys and non-CORS ingress-nginx keys',
      code: values(
        [
          'enable-cors: "true"',
          'cors-allow-origin: "https://a.example.com"',
          'cors-allow-methods: "GET"',
          'cors-allow-headers: "Authorization"',
          'cors-allow-credentials: "false"',
          'cors-expose-headers: "X-Request-Id"',
          'cors-max-age: "600"',
          'proxy-body-size: "0"',
          'enable-access-log: "false"',
          'enable-opentelemetry: "true"',
          'configuration-snippet: "more_set_headers \\"X-Frame-Options: DENY\\";"',
          'cert-manager.io/cluster-issuer: "lets-encrypt-http-issuer"',
          'nginx.org/websocket-services: "loft"',
        ].join('\n'),
      ),
    },
    {
      name: 'HAProxy class: its own ingress.kubernetes.io/ CORS keys are fine',
      filename: 'k8s/ingress.yaml',
      code: haproxyIngress(
        'haproxy',
        '    ingress.kubernetes.io/cors-enable: "true"\n    ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"\n    ingress.kubernetes.io/cors-max-age: "600"',
      ),
    },
    {
      name: 'no class: HAProxy key names under the shared prefix are left alone',
      filename: 'k8s/ingress.yaml',
      code: haproxyIngress(undefined, '    ingress.kubernetes.io/cors-enable: "true"'),
    },
    {
      name: "another controller's own CORS annotations",
      code: values('haproxy.org/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-origin: "https://a.example.com"'),
    },
    {
      name: 'exact keys in commonAnnotations',
      code: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n  nginx.ingress.kubernetes.io/cors-max-age: "600"\n',
    },
  ],
  invalid: [
    {
      name: 'typo in the name: safe rename',
      code: values('enable-cors: "true"\ncors-allow-orgin: "https://dashboard.example.com"'),
      errors: [
        {
          message: `With \`nginx.ingress.kubernetes.io/cors-allow-orgin\` unread, ${ANY}`,
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 49,
          severity: 'warning',
          fixTitles: [`Rename to \`${ORIGIN}\``],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'plural, in commonAnnotations',
      code: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n  nginx.ingress.kubernetes.io/cors-allow-origins: "https://a.example.com"\n',
      errors: [
        {
          message: `With \`nginx.ingress.kubernetes.io/cors-allow-origins\` unread, ${ANY}`,
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 49,
          severity: 'warning',
        },
      ],
      output:
        'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n',
    },
    {
      name: 'F5 nginx.org prefix',
      code: values('enable-cors: "true"\nnginx.org/cors-allow-methods: "GET, POST"'),
      errors: [
        {
          message:
            '`nginx.org/cors-allow-methods` is read by no controller: it is ignored. `nginx.org/` is the prefix of the F5 NGINX Ingress Controller, which has no CORS annotations (it configures CORS with a `Policy` resource referenced by `nginx.org/policies`); ingress-nginx reads only `nginx.ingress.kubernetes.io/`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 33,
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'legacy ingress.kubernetes.io prefix on enable-cors',
      code: values('ingress.kubernetes.io/enable-cors: "true"\ncors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            "`ingress.kubernetes.io/` is read by HAProxy Ingress and HAProxy Technologies' Ingress Controller; ingress-nginx, which class `nginx` selects, reads `nginx.ingress.kubernetes.io/enable-cors`.",
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 38,
          fixTitles: ['Rename to `nginx.ingress.kubernetes.io/enable-cors`'],
        },
      ],
      // Unsafe: the prefix is HAProxy's, so the author's controller is not certain.
      output: null,
    },
    {
      name: "HAProxy class: a misspelt HAProxy key gets that controller's own name, never the nginx prefix",
      filename: 'k8s/ingress.yaml',
      code: haproxyIngress(
        'haproxy',
        '    ingress.kubernetes.io/enable-cors: "true"\n    ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"',
      ),
      errors: [
        {
          message:
            "`ingress.kubernetes.io/enable-cors` is not a HAProxy CORS annotation; did you mean `ingress.kubernetes.io/cors-enable`? `ingress.kubernetes.io/` is read by HAProxy Ingress and HAProxy Technologies' Ingress Controller, with the names `cors-enable`, `cors-allow-origin`, `cors-allow-origin-regex`, `cors-allow-methods`, `cors-allow-headers`, `cors-allow-credentials`, `cors-expose-headers`, `cors-max-age`, `cors-respond-to-options`; ingress-nginx reads only `nginx.ingress.kubernetes.io/`.",
          line: 6,
          column: 5,
          fixTitles: ['Rename to `ingress.kubernetes.io/cors-enable`'],
        },
      ],
      output: haproxyIngress(
        'haproxy',
        '    ingress.kubernetes.io/cors-enable: "true"\n    ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"',
      ),
    },
    {
      name: 'no class: the HAProxy prefix with an nginx name: the rename the message suggests, on request only',
      filename: 'k8s/ingress.yaml',
      code: haproxyIngress(undefined, '    ingress.kubernetes.io/enable-cors: "true"'),
      errors: [
        {
          message:
            /^`ingress\.kubernetes\.io\/enable-cors` is not a HAProxy CORS annotation; did you mean `ingress\.kubernetes\.io\/cors-enable`\?/,
          line: 6,
          column: 5,
          fixTitles: ['Rename to `ingress.kubernetes.io/cors-enable`'],
        },
      ],
      output: null,
      unsafeOutput: haproxyIngress(undefined, '    ingress.kubernetes.io/cors-enable: "true"'),
    },
    {
      name: 'class nginx (legacy annotation): a HAProxy key is ignored there',
      filename: 'k8s/ingress.yaml',
      code: haproxyIngress(undefined, '    kubernetes.io/ingress.class: nginx\n    ingress.kubernetes.io/cors-enable: "true"'),
      errors: [
        {
          message:
            "Class `nginx` selects another controller; `ingress.kubernetes.io/` is read by HAProxy Ingress and HAProxy Technologies' Ingress Controller, and ingress-nginx reads only `nginx.ingress.kubernetes.io/`.",
          line: 7,
          column: 5,
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'no prefix at all',
      code: 'ingress:\n  enabled: true\n  annotations:\n    enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n',
      errors: [
        {
          message:
            'With `enable-cors` unread (it has no `nginx.ingress.kubernetes.io/` prefix), CORS stays off (`enable-cors` defaults to `false`) and every cors-* annotation is ignored. The key ingress-nginx reads is `nginx.ingress.kubernetes.io/enable-cors`.',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 16,
        },
      ],
      output:
        'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n',
    },
    {
      name: 'wrong case while the right key exists in the same map: no fix',
      code: values('enable-cors: "true"\nEnable-CORS: "false"'),
      errors: [
        {
          message:
            'With `nginx.ingress.kubernetes.io/Enable-CORS` unread (annotation keys are case-sensitive), ingress-nginx uses `nginx.ingress.kubernetes.io/enable-cors` from line 5. The key ingress-nginx reads is `nginx.ingress.kubernetes.io/enable-cors`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 44,
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'cors-enabled means enable-cors',
      code: values('cors-enabled: "true"\ncors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            'With `nginx.ingress.kubernetes.io/cors-enabled` unread, CORS stays off (`enable-cors` defaults to `false`) and every cors-* annotation is ignored. The key ingress-nginx reads is `nginx.ingress.kubernetes.io/enable-cors`.',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 45,
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"'),
    },
    {
      name: 'camelCase name, quoted key keeps its quotes',
      code: values('enable-cors: "true"\n"nginx.ingress.kubernetes.io/corsMaxAge": "600"'),
      errors: [
        {
          message:
            'With `nginx.ingress.kubernetes.io/corsMaxAge` unread (the name is written `cors-max-age`), the default max-age `1728000` (20 days) is sent. The key ingress-nginx reads is `nginx.ingress.kubernetes.io/cors-max-age`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 45,
        },
      ],
      output: values('enable-cors: "true"\n"nginx.ingress.kubernetes.io/cors-max-age": "600"'),
    },
    {
      name: 'the right key is in commonAnnotations: renaming would duplicate it, so the fix is unsafe',
      code: values('enable-cors: "true"\ncors-allow-credential: "false"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-credentials: "true"\n',
      }),
      errors: [
        {
          message:
            'With `nginx.ingress.kubernetes.io/cors-allow-credential` unread, ingress-nginx uses `nginx.ingress.kubernetes.io/cors-allow-credentials` from line 8. The key ingress-nginx reads is `nginx.ingress.kubernetes.io/cors-allow-credentials`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 54,
          fixTitles: ['Rename to `nginx.ingress.kubernetes.io/cors-allow-credentials`'],
        },
      ],
      output: null,
    },
    {
      name: 'two misspellings of the same key: no safe rename (it would create a duplicate key)',
      code: values('enable-cors: "true"\ncors-allow-orgin: "https://a.example.com"\ncors-allowed-origins: "https://b.example.com"'),
      errors: [
        {
          message: `With \`nginx.ingress.kubernetes.io/cors-allow-orgin\` unread, ${ANY}`,
          line: 6,
          column: 5,
          fixTitles: [`Rename to \`${ORIGIN}\``],
        },
        {
          message: `With \`nginx.ingress.kubernetes.io/cors-allowed-origins\` unread, ${ANY}`,
          line: 7,
          column: 5,
          fixTitles: [`Rename to \`${ORIGIN}\``],
        },
      ],
      output: null,
    },
    {
      name: 'distant guess: the rename is offered but not applied automatically',
      code: values('enable-cors: "true"\ncors-allow-origin-list: "https://a.example.com"'),
      errors: [
        {
          message: `With \`nginx.ingress.kubernetes.io/cors-allow-origin-list\` unread, ${ANY}`,
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 55,
          fixTitles: [`Rename to \`${ORIGIN}\``],
        },
      ],
      output: null,
    },
    {
      name: 'no close match: no suggestion',
      code: values('enable-cors: "true"\ncors-policy: "strict"'),
      errors: [
        {
          message:
            'ingress-nginx reads only `enable-cors`, `cors-allow-origin`, `cors-allow-methods`, `cors-allow-headers`, `cors-allow-credentials`, `cors-expose-headers`, `cors-max-age` with the `nginx.ingress.kubernetes.io/` prefix, so `nginx.ingress.kubernetes.io/cors-policy` does nothing.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 44,
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik has no CORS annotation',
      code: values('traefik.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            'Traefik configures CORS in a headers Middleware (`accessControlAllowOriginList`, `accessControlAllowMethods`, …) that the Ingress references with `traefik.ingress.kubernetes.io/router.middlewares: "<namespace>-<name>@kubernetescrd"`.',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 52,
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'same warning in development',
      env: 'development',
      code: values('enable-cors: "true"\ncors-expose-header: "X-Request-Id"'),
      errors: [
        {
          message:
            'With `nginx.ingress.kubernetes.io/cors-expose-header` unread, no `Access-Control-Expose-Headers` header is sent. The key ingress-nginx reads is `nginx.ingress.kubernetes.io/cors-expose-headers`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 51,
          severity: 'warning',
        },
      ],
      output: values('enable-cors: "true"\ncors-expose-headers: "X-Request-Id"'),
    },
  ],
});
