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

ruleTester('invalid-max-age', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: '"0" switches caching off',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "0"'),
    },
    {
      name: '"+600": Go Atoi accepts a sign',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "+600"'),
    },
  ],
  invalid: [
    {
      name: 'duration "1h" → "3600"',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "1h"'),
      errors: [
        {
          message:
            "`cors-max-age` `1h` is a duration, but ingress-nginx expects a number of seconds (Go's strconv.Atoi): ingress-nginx falls back to `1728000` (20 days), far above every browser cap.",
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 51,
          severity: 'error',
          fixTitles: ['Set cors-max-age to "3600" (1h in seconds)'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "3600"'),
    },
    {
      name: 'duration "2h" → "7200", single quotes kept',
      code: values('enable-cors: "true"\ncors-max-age: \'2h\''),
      errors: [
        {
          message:
            "`cors-max-age` `2h` is a duration, but ingress-nginx expects a number of seconds (Go's strconv.Atoi): ingress-nginx falls back to `1728000` (20 days), far above every browser cap.",
          line: 6,
          column: 47,
          endLine: 6,
          endColumn: 51,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-max-age: \'7200\''),
    },
    {
      name: 'duration "3600s"',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "3600s"'),
      errors: [
        {
          message:
            "`cors-max-age` `3600s` is a duration, but ingress-nginx expects a number of seconds (Go's strconv.Atoi): ingress-nginx falls back to `1728000` (20 days), far above every browser cap.",
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 54,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "3600"'),
    },
    {
      name: 'duration above the cap "24h" → "7200"',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "24h"'),
      errors: [
        {
          message:
            "`cors-max-age` `24h` is a duration, but ingress-nginx expects a number of seconds (Go's strconv.Atoi): ingress-nginx falls back to `1728000` (20 days), far above every browser cap.",
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 52,
          severity: 'error',
          fixTitles: ['Set cors-max-age to "7200" (24h is above the Chromium cap of 7200 s)'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "7200"'),
    },
    {
      name: 'not a number: unsafe fix only',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "abc"'),
      errors: [
        {
          message:
            "`cors-max-age` `abc` is not an integer (ingress-nginx parses it with Go's strconv.Atoi): ingress-nginx falls back to `1728000` (20 days), far above every browser cap.",
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 52,
          severity: 'error',
          fixTitles: ['Set cors-max-age to "7200" (the Chromium cap)'],
        },
      ],
      output: null,
    },
    {
      name: 'negative: safe fix "0"',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "-1"'),
      errors: [
        {
          message:
            '`cors-max-age` `-1` is negative: ingress-nginx sends `Access-Control-Max-Age: -1`, which is not a valid delta-seconds value, so browsers do not cache the preflight (Chromium treats it as 0, Firefox ignores it, the Fetch Standard falls back to 5 s). Use "0" to switch preflight caching off explicitly.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 51,
          severity: 'error',
          fixTitles: ['Set cors-max-age to "0"'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "0"'),
    },
    {
      name: 'spaces around the number fail the validator',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: " 600"'),
      errors: [
        {
          message:
            "`cors-max-age` ` 600` has whitespace around the number, which ingress-nginx's validator rejects: ingress-nginx falls back to `1728000` (20 days), far above every browser cap.",
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 53,
          severity: 'error',
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "600"'),
    },
    {
      name: 'empty',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: ""'),
      errors: [
        {
          message: '`cors-max-age` is empty: ingress-nginx falls back to `1728000` (20 days), far above every browser cap.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 49,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'out of int64 range',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: "99999999999999999999"'),
      errors: [
        {
          message:
            '`cors-max-age` `99999999999999999999` does not fit in a 64-bit integer: ingress-nginx falls back to `1728000` (20 days), far above every browser cap.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 69,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'unquoted float: Helm renders a number',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"\ncors-max-age: 1.5'),
      errors: [
        {
          message:
            '`cors-max-age`: `1.5` is a number in YAML 1.1, which Helm uses: the API server rejects the unquoted value (see annotation-value-not-string), and quoted as `"1.5"` it is still not accepted as an integer: ingress-nginx falls back to `1728000` (20 days), far above every browser cap.',
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 50,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'reported while CORS is off too, in development',
      code: values('cors-max-age: "10m"'),
      env: 'development',
      errors: [
        {
          message:
            "`cors-max-age` `10m` is a duration, but ingress-nginx expects a number of seconds (Go's strconv.Atoi): ingress-nginx falls back to `1728000` (20 days), far above every browser cap.",
          line: 5,
          column: 47,
          endLine: 5,
          endColumn: 52,
          severity: 'error',
        },
      ],
      output: values('cors-max-age: "600"'),
    },
  ],
});
