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

// The headline names the origin (the tester compares headline and explanation).
const TWICE = 'ingress-nginx matches it through the first one already. Remove the duplicate.';
const sameAs = (first: string) =>
  `ingress-nginx matches origins case-insensitively (\`~*\`), so \`${first}\` already covers it. Remove the duplicate.`;

const DUP = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://dashboard.example.com"';

ruleTester('duplicate-origin', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'scheme and port make different origins',
      code: values(
        'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, http://dashboard.example.com, https://dashboard.example.com:8443"',
      ),
    },
    {
      name: 'validation off: the second spelling is dropped (trailing slash), so it is not a duplicate',
      config: { annotationValidation: false },
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://dashboard.example.com/"'),
    },
    {
      name: 'duplicates next to `*`: the value is `*` (wildcard-origin reports it)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com, https://a.example.com, *"'),
    },
    {
      name: 'wildcard and a host it covers are different entries',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com, https://app.example.com"'),
    },
    { name: 'CORS off', code: values('enable-cors: "false"\n' + DUP.split('\n')[1]) },
  ],
  invalid: [
    {
      name: 'the same origin twice: the safe fix removes the second',
      code: values(DUP),
      errors: [
        {
          message: TWICE,
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 113,
          severity: 'warning',
          fixTitles: ['Remove the duplicate `https://dashboard.example.com`'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'host differs only in case',
      code: values("enable-cors: 'true'\ncors-allow-origin: 'https://app.example.com,https://App.Example.COM,https://b.example.com'"),
      errors: [{ message: sameAs('https://app.example.com'), line: 6, column: 77, endLine: 6, endColumn: 100, severity: 'warning' }],
      output: values("enable-cors: 'true'\ncors-allow-origin: 'https://app.example.com, https://b.example.com'"),
    },
    {
      name: 'three times: two findings, one removed per fix pass',
      code: values('enable-cors: "true"\ncors-allow-origin: https://a.example.com,https://a.example.com,https://a.example.com'),
      errors: [
        { message: TWICE, line: 6, column: 74, endLine: 6, endColumn: 95, severity: 'warning' },
        { message: TWICE, line: 6, column: 96, endLine: 6, endColumn: 117, severity: 'warning' },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: https://a.example.com, https://a.example.com'),
    },
    {
      name: '`null` twice',
      code: values('enable-cors: "true"\ncors-allow-origin: "null, https://a.example.com, null"'),
      errors: [{ message: TWICE, line: 6, column: 82, endLine: 6, endColumn: 86, severity: 'warning' }],
      output: values('enable-cors: "true"\ncors-allow-origin: "null, https://a.example.com"'),
    },
    {
      name: 'wildcard subdomain twice, different case',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com, https://*.EXAMPLE.com"'),
      errors: [{ message: sameAs('https://*.example.com'), line: 6, column: 76, endLine: 6, endColumn: 97, severity: 'warning' }],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com"'),
    },
    {
      name: 'development: still a warning',
      env: 'development',
      code: values(DUP),
      errors: [{ message: TWICE, line: 6, column: 84, endLine: 6, endColumn: 113, severity: 'warning' }],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
  ],
});

test('duplicate-origin points at the first occurrence as related information', () => {
  const code = values(DUP);
  const f = lintText(code, { filePath: 'vcluster-platform.yaml' }).findings.find((x) => x.ruleId === 'duplicate-origin');
  assert.ok(f);
  const first = code.indexOf('https://dashboard.example.com');
  assert.deepEqual(f.related, [
    {
      range: { start: first, end: first + 'https://dashboard.example.com'.length },
      message: 'first listed here as `https://dashboard.example.com`',
    },
  ]);
});
