import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, values } from './_ruleTester';
import { lintText } from '../../server/src/engine/lint';

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

/** Helm keeps the last duplicate silently (helm/helm#4107); strict tools reject the file. */
const dup = (key: string, line: number, kept: string) =>
  `\`${key}\` is already defined on line ${line} of this mapping: Helm silently keeps the last one (${kept}) and drops the others, while strict YAML tools (yamllint, kustomize, Argo CD) reject the file.`;
const ENABLE = 'nginx.ingress.kubernetes.io/enable-cors';

ruleTester('duplicate-key', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'the same key in ingress.annotations and commonAnnotations (annotation-conflict reports it)',
      code: values('enable-cors: "true"', { after: `commonAnnotations:\n  ${ENABLE}: "true"\n` }),
    },
    { name: 'the same key in two documents', code: 'ingress:\n  enabled: true\n---\ningress:\n  enabled: false\n' },
    { name: 'merge keys may repeat', code: 'a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n' },
    { name: 'keys that differ only in case are different keys', code: values('enable-cors: "true"\nEnable-Cors: "true"') },
  ],
  invalid: [
    {
      name: 'an annotation set twice: the last one wins, the first is silently lost',
      code: values('enable-cors: "false"\ncors-allow-origin: "https://dashboard.example.com"\nenable-cors: "true"'),
      errors: [{ message: dup(ENABLE, 5, '`true`, line 7'), line: 7, column: 5, endLine: 7, endColumn: 44, severity: 'error' }],
      output: null,
    },
    {
      name: 'ingress.enabled twice',
      code: 'ingress:\n  enabled: true\n  host: "platform.example.com"\n  enabled: false\n',
      errors: [{ message: dup('enabled', 2, '`false`, line 4'), line: 4, column: 3, endLine: 4, endColumn: 10 }],
      output: null,
    },
    {
      name: 'a second top-level ingress block',
      code: 'ingress:\n  enabled: true\ncommonAnnotations: {}\ningress:\n  host: "platform.example.com"\n',
      errors: [{ message: dup('ingress', 1, 'line 4'), line: 4, column: 1, endLine: 4, endColumn: 8 }],
      output: null,
    },
    {
      name: 'quoted and plain spellings of the same key',
      code: values(`"${ENABLE}": "true"\n${ENABLE}: "true"`),
      errors: [{ message: dup(ENABLE, 5, '`true`, line 6'), line: 6, column: 5, endLine: 6, endColumn: 44 }],
      output: null,
    },
    {
      name: 'three times: each repeat points at the first',
      code: 'ingress:\n  tls:\n    enabled: true\n    enabled: false\n    enabled: true\n',
      errors: [
        { message: dup('enabled', 3, '`true`, line 5'), line: 4, column: 5, endLine: 4, endColumn: 12 },
        { message: dup('enabled', 3, '`true`, line 5'), line: 5, column: 5, endLine: 5, endColumn: 12 },
      ],
      output: null,
    },
    {
      name: 'flow mapping',
      code: 'commonAnnotations: {team: a, owner: b, team: c}\n',
      errors: [{ message: dup('team', 1, '`c`, line 1'), line: 1, column: 40, endLine: 1, endColumn: 44 }],
      output: null,
    },
    {
      name: 'null keys (~ and null are the same key)',
      code: 'commonAnnotations:\n  ~: a\n  null: b\n',
      errors: [{ message: dup('null', 2, '`b`, line 3'), line: 3, column: 3, endLine: 3, endColumn: 7 }],
      output: null,
    },
    {
      name: 'inside an umbrella chart',
      code: `vcluster-platform:\n  ingress:\n    annotations:\n      ${ENABLE}: "true"\n      ${ENABLE}: "true"\n`,
      errors: [{ message: dup(ENABLE, 4, '`true`, line 5'), line: 5, column: 7 }],
      output: null,
    },
    {
      name: 'development files too',
      filename: 'vcluster-platform.dev.yaml',
      code: 'ingress:\n  enabled: true\n  enabled: true\n',
      errors: [{ message: dup('enabled', 2, '`true`, line 3'), line: 3, column: 3, severity: 'error' }],
      output: null,
    },
  ],
});

test('duplicate-key: the related information points at the first occurrence', () => {
  const res = lintText('ingress:\n  enabled: true\n  enabled: false\n', { filePath: 'vcluster-platform.yaml' });
  const f = res.findings.find((x) => x.ruleId === 'duplicate-key')!;
  assert.deepEqual(f.related, [{ range: { start: 11, end: 18 }, message: 'first `enabled`' }]);
});

test('duplicate-key: the message says what Helm really does', () => {
  const res = lintText('ingress:\n  enabled: false\n  enabled: true\n', { filePath: 'vcluster-platform.yaml' });
  assert.equal(
    res.findings[0].message,
    'A key repeats in one mapping: Helm keeps the last value, strict YAML tools reject the file. ' + dup('enabled', 2, '`true`, line 3'),
  );
});
