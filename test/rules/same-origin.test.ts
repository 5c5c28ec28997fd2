import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, values } from './_ruleTester';
import { lintText } from '../../server/src/engine/lint';

const SEED = values(
  `# CORS
enable-cors: "true"
cors-allow-origin: "https://dashboard.example.com"
cors-allow-methods: "GET, POST, PUT, DELETE, PATCH, OPTIONS"
cors-allow-headers: "Authorization, Content-Type"
cors-allow-credentials: "true"
cors-max-age: "3600"`,
  { after: '  tls:\n    enabled: true\n    secret: tls-vcluster-platform\n' },
);

const msg = (origin: string, host = 'platform.example.com') =>
  `\`${origin}\` is the Platform's own origin (ingress.host is \`${host}\`): the UI served from it calls the API same-origin, and browsers do not apply CORS to same-origin requests, so this entry is not needed.`;

const BOTH = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://platform.example.com"';

ruleTester('same-origin', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'http://<host> is another origin than the https API',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, http://platform.example.com"'),
    },
    { name: 'another port is another origin', code: values('enable-cors: "true"\ncors-allow-origin: "https://platform.example.com:8443"') },
    { name: 'a subdomain of the host', code: values('enable-cors: "true"\ncors-allow-origin: "https://app.platform.example.com"') },
    {
      name: 'no ingress.host',
      code: 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://platform.example.com"\n',
    },
    { name: 'CORS off', code: values('enable-cors: "false"\ncors-allow-origin: "https://platform.example.com"') },
  ],
  invalid: [
    {
      name: 'own origin next to another: the safe fix removes it',
      code: values(BOTH),
      errors: [
        {
          message: msg('https://platform.example.com'),
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 112,
          severity: 'info',
          fixTitles: ['Remove `https://platform.example.com`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'the only origin: no fix (an empty value would mean `*`)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://platform.example.com"'),
      errors: [
        { message: msg('https://platform.example.com'), line: 6, column: 53, endLine: 6, endColumn: 81, severity: 'info', fixTitles: [] },
      ],
      output: null,
    },
    {
      name: 'host names compare case-insensitively; the message quotes the host as written',
      code: values("enable-cors: 'true'\ncors-allow-origin: 'https://PLATFORM.example.com,https://dashboard.example.com'").replace(
        'host: "platform.example.com"',
        'host: Platform.Example.com',
      ),
      errors: [
        {
          message: msg('https://PLATFORM.example.com', 'Platform.Example.com'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 81,
          severity: 'info',
        },
      ],
      output: values("enable-cors: 'true'\ncors-allow-origin: 'https://dashboard.example.com'").replace(
        'host: "platform.example.com"',
        'host: Platform.Example.com',
      ),
    },
    {
      name: 'development: still info',
      env: 'development',
      code: values(BOTH),
      errors: [{ message: msg('https://platform.example.com'), line: 6, column: 84, endLine: 6, endColumn: 112, severity: 'info' }],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'origin annotation in commonAnnotations',
      code:
        'ingress:\n  enabled: true\n  host: platform.example.com\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n' +
        'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://platform.example.com, https://dashboard.example.com"\n',
      errors: [{ message: msg('https://platform.example.com'), line: 7, column: 51, endLine: 7, endColumn: 79, severity: 'info' }],
      output:
        'ingress:\n  enabled: true\n  host: platform.example.com\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n' +
        'commonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"\n',
    },
    {
      name: 'a generic Ingress manifest (Grafana): no vCluster wording',
      filename: 'grafana/ingress.yaml',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: grafana\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://grafana.example.com"\nspec:\n  rules:\n    - host: grafana.example.com\n',
      errors: [
        {
          message:
            '`https://grafana.example.com` is the origin this Ingress serves (the Ingress host is `grafana.example.com`): the UI served from it calls the API same-origin, and browsers do not apply CORS to same-origin requests, so this entry is not needed.',
          line: 7,
          column: 53,
        },
      ],
      output: null,
    },
  ],
});

test('same-origin points at ingress.host as related information', () => {
  const code = values(BOTH);
  const f = lintText(code, { filePath: 'vcluster-platform.yaml' }).findings.find((x) => x.ruleId === 'same-origin');
  assert.ok(f);
  const host = code.indexOf('"platform.example.com"');
  assert.deepEqual(f.related, [
    { range: { start: host, end: host + '"platform.example.com"'.length }, message: 'ingress.host is `platform.example.com`' },
  ]);
});
