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

const STRICT = 'while strict tools (Argo CD, Flux/kustomize post-render, kubeconform --strict) fail with "mapping key … already defined".';
const twice = (key: string, line: number, outcome: string) =>
  `\`${key}\` is also set in \`commonAnnotations\` (line ${line}): the chart writes both blocks into the Ingress, so the key appears twice. Lenient parsers keep the last one (${outcome}), ${STRICT}`;
const ENABLE = 'nginx.ingress.kubernetes.io/enable-cors';

ruleTester('annotation-conflict', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'different keys in the two maps',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"', {
        after: 'commonAnnotations:\n  team: platform\n  nginx.ingress.kubernetes.io/cors-max-age: "600"\n',
      }),
    },
    { name: 'a key repeated inside one map is duplicate-key, not this rule', code: values('enable-cors: "true"\nenable-cors: "true"') },
    {
      name: 'websocket-services elsewhere (service annotations) is not on the Ingress',
      code: 'service:\n  annotations:\n    nginx.org/websocket-services: loft\n',
    },
  ],
  invalid: [
    {
      name: 'same value in both maps: safe removal from ingress.annotations',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"', {
        after: `commonAnnotations:\n  ${ENABLE}: "true"\n`,
      }),
      errors: [
        {
          message: twice(ENABLE, 8, 'both are `"true"`'),
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 44,
          severity: 'warning',
          fixTitles: ['Remove the duplicate from ingress.annotations'],
        },
      ],
      output: values('cors-allow-origin: "https://a.example.com"', { after: `commonAnnotations:\n  ${ENABLE}: "true"\n` }),
    },
    {
      name: 'different values: commonAnnotations wins, both removals offered but unsafe',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"', {
        after: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n',
      }),
      errors: [
        {
          message: twice(
            'nginx.ingress.kubernetes.io/cors-allow-origin',
            8,
            'the Ingress gets `"*"` from `commonAnnotations`, not `"https://a.example.com"`',
          ),
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 50,
          fixTitles: [
            'Keep `"*"` (remove the key from ingress.annotations)',
            'Keep `"https://a.example.com"` (remove the key from commonAnnotations)',
          ],
        },
      ],
      output: null,
    },
    {
      name: 'quote style does not matter, and non-CORS keys count too',
      code: values('enable-cors: "true"\ncert-manager.io/cluster-issuer: \'lets-encrypt-http-issuer\'', {
        after: 'commonAnnotations:\n  cert-manager.io/cluster-issuer: lets-encrypt-http-issuer\n',
      }),
      errors: [
        {
          message: twice('cert-manager.io/cluster-issuer', 8, "both are `'lets-encrypt-http-issuer'`"),
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 35,
        },
      ],
      output: values('enable-cors: "true"', { after: 'commonAnnotations:\n  cert-manager.io/cluster-issuer: lets-encrypt-http-issuer\n' }),
    },
    {
      name: 'a key repeated in ingress.annotations: reported once, on the last occurrence, and no safe fix',
      code: values('enable-cors: "false"\nenable-cors: "true"', { after: `commonAnnotations:\n  ${ENABLE}: "true"\n` }),
      errors: [
        {
          message: twice(ENABLE, 8, 'both are `"true"`'),
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 44,
          fixTitles: ['Remove the duplicate from ingress.annotations'],
        },
      ],
      output: null,
    },
    {
      name: 'the chart already writes nginx.org/websocket-services: loft',
      code: values('enable-cors: "true"\nnginx.org/websocket-services: loft'),
      errors: [
        {
          message: `The chart already writes \`nginx.org/websocket-services: loft\` on the Ingress, so \`nginx.org/websocket-services\` appears twice. Lenient parsers keep the last one (the same value), ${STRICT}`,
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 33,
          fixTitles: ['Remove `nginx.org/websocket-services` (the chart sets it)'],
        },
      ],
      output: values('enable-cors: "true"'),
    },
    {
      name: 'websocket-services with another value in commonAnnotations: no fix',
      code: 'commonAnnotations:\n  nginx.org/websocket-services: "loft,other"\n',
      errors: [
        {
          message: `The chart already writes \`nginx.org/websocket-services: loft\` on the Ingress, so \`nginx.org/websocket-services\` appears twice. Lenient parsers keep the last one (\`"loft,other"\`), ${STRICT}`,
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 31,
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'umbrella chart values under vcluster-platform:',
      code: `vcluster-platform:\n  ingress:\n    enabled: true\n    annotations:\n      ${ENABLE}: "true"\n  commonAnnotations:\n    ${ENABLE}: "false"\n`,
      errors: [
        {
          message: twice(ENABLE, 7, 'the Ingress gets `"false"` from `commonAnnotations`, not `"true"`'),
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 46,
        },
      ],
      output: null,
    },
    {
      name: 'development files are checked the same way',
      filename: 'vcluster-platform.dev.yaml',
      code: values('enable-cors: "true"', { after: `commonAnnotations:\n  ${ENABLE}: "true"\n` }),
      errors: [{ message: twice(ENABLE, 7, 'both are `"true"`'), line: 5, column: 5, severity: 'warning' }],
      output: `ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\ncommonAnnotations:\n  ${ENABLE}: "true"\n`,
    },
  ],
});
