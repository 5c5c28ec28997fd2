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

ruleTester('cors-not-enabled', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'enable-cors "1" (Go ParseBool)', code: values('enable-cors: "1"\ncors-max-age: "600"') },
    {
      name: 'enable-cors in commonAnnotations',
      code: values('cors-allow-origin: "https://a.example.com"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "True"\n',
      }),
    },
    { name: 'only enable-cors "false"', code: values('enable-cors: "false"') },
    { name: 'misspelt key: unknown-cors-annotation reports it', code: values('cors-allow-origins: "https://a.example.com"') },
  ],
  invalid: [
    {
      name: 'enable-cors missing: one finding per key, fix adds it',
      code: values('cors-allow-origin: "https://a.example.com"\ncors-allow-credentials: "false"'),
      errors: [
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 50,
          severity: 'warning',
          fixTitles: ['Add enable-cors: "true"'],
        },
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 55,
          severity: 'warning',
          fixTitles: ['Add enable-cors: "true"'],
        },
      ],
      output: values('cors-allow-origin: "https://a.example.com"\ncors-allow-credentials: "false"\nenable-cors: "true"'),
    },
    {
      name: 'enable-cors "false": no safe fix',
      code: values('enable-cors: "false"\ncors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            '`enable-cors` is `false`: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 50,
          severity: 'warning',
          fixTitles: ['Set enable-cors to "true"'],
        },
      ],
      output: null,
    },
    {
      name: 'enable-cors "0"',
      code: values('enable-cors: "0"\ncors-allow-methods: "GET, POST"'),
      errors: [
        {
          message:
            '`enable-cors` is `0`, which ingress-nginx reads as `false`: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 51,
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'enable-cors not a Go boolean (invalid-boolean fixes it)',
      code: values('enable-cors: "yes"\ncors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            '`enable-cors` `yes` is not a boolean ingress-nginx accepts (see invalid-boolean) and defaults to `false`: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 50,
          severity: 'warning',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'enable-cors without a value',
      code: values('enable-cors:\ncors-max-age: "600"'),
      errors: [
        {
          message:
            '`enable-cors` has no value and defaults to `false`: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 45,
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'keys only in commonAnnotations: inserted there',
      code: 'ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n',
      errors: [
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 48,
          severity: 'warning',
        },
      ],
      output:
        'ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
    {
      name: 'key set twice: reported once (the winning entry), fix goes to ingress.annotations',
      code: values('cors-allow-origin: "https://a.example.com"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://b.example.com"\n',
      }),
      errors: [
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 48,
          severity: 'warning',
        },
      ],
      output: values('cors-allow-origin: "https://a.example.com"\nenable-cors: "true"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://b.example.com"\n',
      }),
    },
    {
      name: 'flow annotations map',
      code: 'ingress:\n  enabled: true\n  annotations: {nginx.ingress.kubernetes.io/cors-max-age: "600"}\n',
      errors: [
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 57,
          severity: 'warning',
        },
      ],
      output:
        'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
    {
      name: 'development environment: same warning',
      code: values('cors-allow-headers: "Authorization"'),
      env: 'development',
      errors: [
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 51,
          severity: 'warning',
        },
      ],
      output: values('cors-allow-headers: "Authorization"\nenable-cors: "true"'),
    },
    {
      name: 'all five cors-* keys',
      code: values(
        'cors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET"\ncors-allow-headers: "Authorization"\ncors-allow-credentials: "true"\ncors-expose-headers: "X-Id"\ncors-max-age: "600"',
      ),
      errors: [
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 50,
          severity: 'warning',
        },
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 51,
          severity: 'warning',
        },
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 51,
          severity: 'warning',
        },
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 55,
          severity: 'warning',
        },
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 52,
          severity: 'warning',
        },
        {
          message:
            '`enable-cors` is not set: ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 45,
          severity: 'warning',
        },
      ],
      output: values(
        'cors-allow-origin: "https://a.example.com"\ncors-allow-methods: "GET"\ncors-allow-headers: "Authorization"\ncors-allow-credentials: "true"\ncors-expose-headers: "X-Id"\ncors-max-age: "600"\nenable-cors: "true"',
      ),
    },
    {
      name: 'enable-cors is a map: not used, and no second key is added',
      code: values('enable-cors: {value: "true"}\ncors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            '`enable-cors` is a map, not a boolean string (see annotation-value-not-string): ingress-nginx reads no cors-* annotation until CORS is switched on with `enable-cors: "true"`.',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 50,
          severity: 'warning',
          fixTitles: [],
        },
      ],
      output: null,
    },
  ],
});
