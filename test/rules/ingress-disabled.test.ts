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

const TWO = 'the CORS annotations `enable-cors`, `cors-allow-origin` do nothing';
const SET = 'Set `enabled: true` to expose the Platform through the Ingress.';
const CORS = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"';

ruleTester('ingress-disabled', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'YAML 1.1 yes is true for Helm', code: values(CORS, { enabled: 'yes' }) },
    { name: 'a non-empty string is true in a Go template (even "false")', code: values(CORS, { enabled: '"false"' }) },
    {
      name: 'no CORS annotation: nothing to say',
      code: values('cert-manager.io/cluster-issuer: "lets-encrypt-http-issuer"', { enabled: 'false' }),
    },
    { name: 'an unknown CORS-like key is not counted', code: values('cors-enabled: "true"', { enabled: 'false' }) },
  ],
  invalid: [
    {
      name: 'enabled: false',
      code: values(CORS, { enabled: 'false' }),
      errors: [
        {
          message: `\`ingress.enabled\` is \`false\`, which Helm treats as false: the chart renders no Ingress, so ${TWO}. ${SET}`,
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 17,
          severity: 'warning',
          fixTitles: ['Set ingress.enabled to true'],
        },
      ],
      output: values(CORS, { enabled: 'true' }),
    },
    {
      name: 'YAML 1.1 off',
      code: values(CORS, { enabled: 'off' }),
      errors: [
        {
          message: `\`ingress.enabled\` is \`off\`, which Helm treats as false: the chart renders no Ingress, so ${TWO}. ${SET}`,
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 15,
        },
      ],
      output: values(CORS, { enabled: 'true' }),
    },
    {
      name: 'an empty string is false in a Go template',
      code: values(CORS, { enabled: '""' }),
      errors: [
        {
          message: `\`ingress.enabled\` is \`""\`, which Helm treats as false: the chart renders no Ingress, so ${TWO}. ${SET}`,
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 14,
        },
      ],
      output: values(CORS, { enabled: 'true' }),
    },
    {
      name: 'empty value (null)',
      code: 'ingress:\n  enabled:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      errors: [
        {
          message: `\`ingress.enabled\` is \`null\`, which Helm treats as false: the chart renders no Ingress, so the CORS annotation \`enable-cors\` does nothing. ${SET}`,
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 11,
        },
      ],
      output: 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
    {
      name: 'missing: inserted as the first key, above comments, with the map indentation',
      code: '# values\ningress:\n  # public host\n  host: "platform.example.com"\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      errors: [
        {
          message: `No ingress controller reads \`enable-cors\` while there is no Ingress object. ${SET}`,
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 8,
          fixTitles: ['Add enabled: true to ingress'],
        },
      ],
      output:
        '# values\ningress:\n  enabled: true\n  # public host\n  host: "platform.example.com"\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
    {
      name: 'missing, CRLF line breaks and 4-space indentation',
      code: 'ingress:\r\n    host: a.example.com\r\n    annotations:\r\n        nginx.ingress.kubernetes.io/enable-cors: "true"\r\n',
      errors: [
        {
          messageId: 'notEnabled',
          message: /^No ingress controller reads `enable-cors` while there is no Ingress object\. /,
          line: 1,
          column: 1,
        },
      ],
      output:
        'ingress:\r\n    enabled: true\r\n    host: a.example.com\r\n    annotations:\r\n        nginx.ingress.kubernetes.io/enable-cors: "true"\r\n',
    },
    {
      name: 'flow mapping, CORS only in commonAnnotations',
      code: 'ingress: {host: a.example.com}\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      errors: [
        {
          message:
            'No ingress controller reads `enable-cors` while there is no Ingress object (`commonAnnotations` also go to the Service, Deployment and Secrets, where no ingress controller reads them). Set `enabled: true` to expose the Platform through the Ingress.',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 8,
        },
      ],
      output: 'ingress: {enabled: true, host: a.example.com}\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
    {
      name: 'no ingress block at all: reported on the first CORS key, no fix',
      code: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      errors: [
        {
          message:
            'No ingress controller reads `enable-cors` while there is no Ingress object (`commonAnnotations` also go to the Service, Deployment and Secrets, where no ingress controller reads them). Set `enabled: true` to expose the Platform through the Ingress.',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 42,
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: 'development files too (0 is false)',
      env: 'development',
      code: values(CORS, { enabled: '0' }),
      errors: [
        {
          message: `\`ingress.enabled\` is \`0\`, which Helm treats as false: the chart renders no Ingress, so ${TWO}. ${SET}`,
          line: 2,
          column: 12,
          severity: 'warning',
        },
      ],
      output: values(CORS, { enabled: 'true' }),
    },
  ],
});
