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

const tls = (v: string) => `  tls:\n    enabled: ${v}\n`;
const ONE = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"';
const HTTP =
  'the Ingress serves the Platform API over plain http. Browsers block calls from pages served over https to an http API (mixed content)';
const END = 'Enable TLS, or suppress this finding if TLS is terminated in front of the Ingress (for example by a load balancer).';
const msg = (written: string, origins: string) =>
  `\`ingress.tls.enabled\` is \`${written}\` while CORS is enabled: ${HTTP}${origins}. ${END}`;
const DASH = ', and a page served over http has an `http://` origin that the allowed `https://dashboard.example.com` never matches';

ruleTester('tls-disabled', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'tls.enabled missing: the chart default is true', code: values(ONE) },
    {
      name: 'CORS is off',
      code: values('enable-cors: "false"\ncors-allow-origin: "https://dashboard.example.com"', { after: tls('false') }),
    },
    { name: 'the Ingress is not rendered (ingress-disabled reports it)', code: values(ONE, { enabled: 'false', after: tls('false') }) },
    { name: 'the string "false" is true in a Go template: TLS stays on', code: values(ONE, { after: tls('"false"') }) },
  ],
  invalid: [
    {
      name: 'tls.enabled: false with one https origin',
      code: values(ONE, { after: tls('false') }),
      errors: [{ message: msg('false', DASH), line: 8, column: 14, endLine: 8, endColumn: 19, severity: 'warning' }],
      output: null,
    },
    {
      name: 'several https origins, a wildcard subdomain and an http origin',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com, https://*.example.com, http://b.example.com"', {
        after: tls('false'),
      }),
      errors: [
        {
          message: msg(
            'false',
            ', and a page served over http has an `http://` origin that the allowed `https://a.example.com`, `https://*.example.com` never match',
          ),
          line: 8,
          column: 14,
        },
      ],
      output: null,
    },
    {
      name: 'any origin: only the mixed-content part applies',
      code: values('enable-cors: "true"\ncors-allow-origin: "*"\ncors-allow-credentials: "false"', { after: tls('no') }),
      errors: [{ message: msg('no', ''), line: 9, column: 14, endLine: 9, endColumn: 16 }],
      output: null,
    },
    {
      name: 'null removes the chart default, so TLS is off',
      code: values(ONE, { after: '  tls:\n    enabled: ~\n    secret: tls-vcluster-platform\n' }),
      errors: [{ message: msg('~', DASH), line: 8, column: 14, endLine: 8, endColumn: 15 }],
      output: null,
    },
    {
      name: 'CORS switched on from commonAnnotations',
      code: 'ingress:\n  enabled: true\n  tls:\n    enabled: false\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"\n',
      errors: [{ message: msg('false', DASH), line: 4, column: 14, endLine: 4, endColumn: 19 }],
      output: null,
    },
    {
      name: 'development files too',
      filename: 'vcluster-platform.dev.yaml',
      code: values(ONE, { after: tls('false') }),
      errors: [{ message: msg('false', DASH), line: 8, column: 14, severity: 'warning' }],
      output: null,
    },
  ],
});
