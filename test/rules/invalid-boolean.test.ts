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

ruleTester('invalid-boolean', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'Go ParseBool spellings', code: values('enable-cors: "T"\ncors-allow-credentials: "FALSE"') },
    { name: 'unquoted true: only annotation-value-not-string', code: values('enable-cors: true\ncors-allow-credentials: false') },
  ],
  invalid: [
    {
      name: 'enable-cors "yes": CORS stays off',
      code: values('enable-cors: "yes"\ncors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            "`enable-cors` `yes` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored.",
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 51,
          severity: 'error',
          fixTitles: ['Set enable-cors to "true"'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"'),
    },
    {
      name: 'credentials "no" falls back to true',
      code: values('enable-cors: "true"\ncors-allow-credentials: "no"'),
      errors: [
        {
          message:
            "`cors-allow-credentials` `no` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx falls back to `true` and sends `Access-Control-Allow-Credentials: true`, the opposite of what `no` says.",
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 61,
          severity: 'error',
          fixTitles: ['Set cors-allow-credentials to "false"'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-credentials: "false"'),
    },
    {
      name: 'single quotes kept',
      code: values("enable-cors: 'on'\ncors-allow-credentials: 'off'"),
      errors: [
        {
          message:
            "`enable-cors` `on` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored.",
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 50,
          severity: 'error',
        },
        {
          message:
            "`cors-allow-credentials` `off` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx falls back to `true` and sends `Access-Control-Allow-Credentials: true`, the opposite of what `off` says.",
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 62,
          severity: 'error',
        },
      ],
      output: values("enable-cors: 'true'\ncors-allow-credentials: 'false'"),
    },
    {
      name: 'trailing space fails the validator',
      code: values('enable-cors: "True "'),
      errors: [
        {
          message:
            "`enable-cors` `True ` has whitespace around the boolean, which ingress-nginx's validator rejects: ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored.",
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 53,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"'),
    },
    {
      name: 'enabled / disabled',
      code: values('enable-cors: "enabled"\ncors-allow-credentials: "disabled"'),
      errors: [
        {
          message:
            "`enable-cors` `enabled` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored.",
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 55,
          severity: 'error',
        },
        {
          message:
            "`cors-allow-credentials` `disabled` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx falls back to `true` and sends `Access-Control-Allow-Credentials: true`, the opposite of what `disabled` says.",
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 67,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-credentials: "false"'),
    },
    {
      name: 'unclear intent: no fix',
      code: values('enable-cors: "true"\ncors-allow-credentials: "maybe"'),
      errors: [
        {
          message:
            "`cors-allow-credentials` `maybe` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx falls back to `true` and sends `Access-Control-Allow-Credentials: true`.",
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 64,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'empty credentials',
      code: values('enable-cors: "true"\ncors-allow-credentials: ""'),
      errors: [
        {
          message:
            '`cors-allow-credentials` is empty: ingress-nginx falls back to `true` and sends `Access-Control-Allow-Credentials: true`.',
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 59,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'unquoted YAML 1.1 boolean yes: Helm makes it a bool',
      code: values('enable-cors: yes\ncors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            '`enable-cors`: `yes` is a boolean in YAML 1.1, which Helm uses: the API server rejects the unquoted value (see annotation-value-not-string), and quoted as `"yes"` it is still not accepted: ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored.',
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 49,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"'),
    },
    {
      name: 'unquoted number 2',
      code: values('enable-cors: "true"\ncors-allow-credentials: 2'),
      errors: [
        {
          message:
            '`cors-allow-credentials`: `2` is a number in YAML 1.1, which Helm uses: the API server rejects the unquoted value (see annotation-value-not-string), and quoted as `"2"` it is still not accepted: ingress-nginx falls back to `true` and sends `Access-Control-Allow-Credentials: true`.',
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 58,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'development: still an error',
      code: values('enable-cors: "Yes"'),
      filename: 'vcluster-platform.dev.yaml',
      errors: [
        {
          message:
            "`enable-cors` `Yes` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored.",
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 51,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"'),
    },
    {
      name: 'in commonAnnotations',
      code: 'ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "y"\n',
      errors: [
        {
          message:
            "`enable-cors` `y` is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only `true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`): ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored.",
          line: 4,
          column: 44,
          endLine: 4,
          endColumn: 47,
          severity: 'error',
        },
      ],
      output: 'ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
  ],
});
