import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, values } from './_ruleTester';
import { lintText } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/config';

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

/** The rule ends the parser's message with a period (unless it has one); the headline says what the error means. */
const HELM = '.';

/** A values file of `n` annotation lines of 70 characters. */
const big = (n: number) =>
  'ingress:\n  annotations:\n' +
  Array.from({ length: n }, (_, i) => `    example.com/k${String(i).padStart(3, '0')}: "${'x'.repeat(47)}"\n`).join('');

ruleTester('yaml-syntax', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'empty file', code: '' },
    { name: 'only comments', code: '# vcluster-platform values\n# nothing yet\n' },
    { name: 'several documents', code: 'ingress:\n  enabled: true\n---\ncommonAnnotations: {}\n' },
    { name: 'a %YAML 1.1 directive', code: '%YAML 1.1\n---\ningress:\n  enabled: true\n' },
    { name: 'a byte order mark', code: '\uFEFFingress:\n  enabled: true\n' },
    { name: 'a file exactly at the size limit', code: 'a: "' + 'x'.repeat(94) + '"\n', config: { maxFileSize: 100 } },
  ],
  invalid: [
    {
      name: 'unclosed double quote (reported at the opening quote)',
      code: 'ingress:\n  enabled: true\n  host: "platform.example.com\n  tls:\n    enabled: true\n',
      errors: [{ message: 'Missing closing "quote' + HELM, line: 3, column: 9, endLine: 3, endColumn: 10, severity: 'error' }],
      output: null,
    },
    {
      name: 'unclosed single quote in an annotation',
      code: values('enable-cors: \'true\ncors-allow-origin: "https://dashboard.example.com"'),
      errors: [{ message: "Missing closing 'quote" + HELM, line: 5, column: 46, endLine: 5, endColumn: 47 }],
      output: null,
    },
    {
      name: 'a key indented deeper than its sibling',
      code: 'ingress:\n  enabled: true\n    host: "platform.example.com"\n',
      errors: [
        { message: 'Nested mappings are not allowed in compact mappings' + HELM, line: 2, column: 12, endLine: 2, endColumn: 13 },
        { message: 'Implicit keys need to be on a single line' + HELM, line: 2, column: 12, endLine: 3, endColumn: 9 },
      ],
      output: null,
    },
    {
      name: 'tab indentation',
      code: 'ingress:\n\tenabled: true\n',
      errors: [{ message: 'Tabs are not allowed as indentation' + HELM, line: 2, column: 1, endLine: 2, endColumn: 2 }],
      output: null,
    },
    {
      name: 'text after a quoted annotation value',
      code: values('enable-cors: "true" yes'),
      errors: [{ message: 'Unexpected scalar at node end' + HELM, line: 5, column: 53, endLine: 5, endColumn: 56 }],
      output: null,
    },
    {
      name: 'regex-style escape in a double-quoted value',
      code: values('cors-allow-origin: "https://app\\.example\\.com"'),
      errors: [
        { message: 'Invalid escape sequence \\.', line: 5, column: 64, endLine: 5, endColumn: 65 },
        { message: 'Invalid escape sequence \\.', line: 5, column: 73, endLine: 5, endColumn: 74 },
      ],
      output: null,
    },
    {
      name: 'unclosed flow sequence in the second document',
      code: 'ingress:\n  enabled: true\n---\ningress:\n  labels: [a, b\n',
      errors: [
        {
          message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' + HELM,
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 12,
        },
      ],
      output: null,
    },
    {
      name: 'parser warnings are reported as warnings',
      code: 'ingress:\n  enabled: !flag true\n',
      errors: [{ message: 'Unresolved tag: !flag.', line: 2, column: 12, endLine: 2, endColumn: 17, severity: 'warning' }],
      output: null,
    },
    {
      name: 'a binary file (NUL byte) is not linted at all',
      code: 'ingress:\n  enabled: true\u0000\n  annotations:\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n',
      errors: [
        {
          message: 'This is a binary file (it contains a NUL byte), not YAML: it was not linted.',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'a file over maxFileSize is not linted',
      code: big(40),
      config: { maxFileSize: 2048 },
      errors: [
        {
          message:
            'This file is 3 KiB, over the 2 KiB limit: it was not linted. The limit applies to values files and manifests; raise `maxFileSize` in .vcluster-cors.yaml to lint it.',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
      output: null,
    },
    {
      name: 'a file over the default 10 MiB limit',
      code: '# ' + 'x'.repeat(10.5 * 1024 * 1024) + '\n',
      errors: [
        {
          message:
            'This file is 10.5 MiB, over the 10.0 MiB limit: it was not linted. The limit applies to values files and manifests; raise `maxFileSize` in .vcluster-cors.yaml to lint it.',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
      output: null,
    },
    {
      name: 'development files too',
      env: 'development',
      code: 'ingress:\n\tenabled: true\n',
      errors: [{ message: 'Tabs are not allowed as indentation' + HELM, line: 2, column: 1, severity: 'error' }],
      output: null,
    },
    {
      name: 'a kubectl manifest: no claim about Helm',
      filename: 'k8s/ingress.yaml',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n\tname: api\n',
      errors: [{ message: 'Tabs are not allowed as indentation.', line: 4, column: 1, severity: 'error' }],
      output: null,
    },
    {
      name: 'a chart template that does not parse around its actions: a warning that points at helm template',
      filename: 'chart/templates/cm.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: {{ .Values.a }}\n\tb: x\n',
      errors: [{ message: 'Tabs are not allowed as indentation.', line: 5, column: 1, severity: 'warning' }],
      output: null,
    },
  ],
});

/** Findings of other rules are not produced for a file that is not linted. */
test('yaml-syntax: an oversized file gets exactly one finding', () => {
  const res = lintText(big(40), { filePath: 'vcluster-platform.yaml', config: { ...DEFAULT_CONFIG, maxFileSize: 2048 } });
  assert.deepEqual(
    res.findings.map((f) => f.ruleId),
    ['yaml-syntax'],
  );
});

test('yaml-syntax: a small limit is not rounded up to "1 KiB over the 1 KiB limit"', () => {
  const res = lintText('a: "' + 'x'.repeat(144) + '"\n', {
    filePath: 'vcluster-platform.yaml',
    config: { ...DEFAULT_CONFIG, maxFileSize: 100 },
  });
  assert.match(res.findings[0].message, /^This file is 150 bytes, over the 100 bytes limit/);
});

test('yaml-syntax: an alias to an undefined anchor', () => {
  const res = lintText('a: &x 1\nb: *missing\n', { filePath: 'vcluster-platform.yaml' });
  assert.equal(res.findings.filter((f) => f.ruleId === 'yaml-syntax').length, 1);
});

test('yaml-syntax: an alias to an anchor on a mapping key is defined (valid YAML, Helm reads it)', () => {
  const text = 'ingress:\n  enabled: true\n  &k host: a.example.com\nother:\n  *k : x\nseq:\n  - &s item\n  - *s\n';
  const res = lintText(text, { filePath: 'vcluster-platform.yaml' });
  assert.deepEqual(
    res.findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.message),
    [],
  );
  const missing = lintText('&k a: 1\nb:\n  *j : 2\n', { filePath: 'vcluster-platform.yaml' });
  assert.deepEqual(
    missing.findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.message),
    ['The file is not valid YAML: Helm cannot read it, so `helm upgrade` fails. Alias `*j` refers to an anchor `&j` that is not defined.'],
  );
});

test('yaml-syntax: an alias in the value of a flow-sequence pair is checked too', () => {
  const res = lintText('a: [b: *nope]\n', { filePath: 'vcluster-platform.yaml' });
  assert.deepEqual(
    res.findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.message),
    [
      'The file is not valid YAML: Helm cannot read it, so `helm upgrade` fails. Alias `*nope` refers to an anchor `&nope` that is not defined.',
    ],
  );
});
