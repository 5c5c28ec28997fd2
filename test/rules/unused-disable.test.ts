/**
 * Suppression comments end to end: what they suppress (valid cases: the directive is used, so
 * unused-disable stays quiet) and what unused-disable reports, with its fixes.
 * The parser of the comments is unit-tested in test/unit/suppressions.test.ts.
 */
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

const ORIGIN = 'cors-allow-origin: "https://dashboard.example.com"';
/** `example.com/replicas: 3` is reported by annotation-value-not-string (a number, not a string). */
const NUMBER = 'example.com/replicas: 3';
const NEXT = (id: string) => `\`${id}\` is disabled here but reports nothing: remove it. The comment covers the next line.`;
const SAME = (id: string) => `\`${id}\` is disabled here but reports nothing: remove it. The comment covers this line.`;
const FILE = (id: string) => `\`${id}\` is disabled here but reports nothing: remove it. The comment covers this file.`;
const NOTHING = 'This disable comment suppresses nothing: remove it.';

ruleTester('unused-disable', {
  valid: [
    { name: 'seed example', code: SEED },
    {
      name: 'next-line directive that suppresses a finding',
      code: values(`${ORIGIN}\n# vcluster-cors-disable-next-line annotation-value-not-string\n${NUMBER}`),
    },
    {
      name: 'same-line directive, with a reason',
      code: values(`${ORIGIN}\n${NUMBER} # vcluster-cors-disable-line annotation-value-not-string -- chart reads it as a number`),
    },
    {
      name: 'file-level directive, anywhere in the file',
      code: values(`${ORIGIN}\n${NUMBER}`, { after: '# vcluster-cors-disable annotation-value-not-string\n' }),
    },
    {
      name: 'no ids: every rule on the next line',
      code: values(`${ORIGIN}\n# vcluster-cors-disable-next-line -- generated file\n${NUMBER}`),
    },
    {
      name: 'two ids, both used (no space after the comma)',
      code: values(
        `${ORIGIN}\n# vcluster-cors-disable-next-line annotation-value-not-string\n${NUMBER}\n# vcluster-cors-disable-next-line duplicate-key,annotation-value-not-string\n${NUMBER}`,
      ),
    },
    {
      name: 'a parse error can be suppressed too',
      code: 'ingress:\n  # vcluster-cors-disable-next-line yaml-syntax\n  host: "platform.example.com" typo\n',
    },
    {
      name: 'unused-disable turned off in the configuration',
      code: values(`${ORIGIN}\n# vcluster-cors-disable-next-line null-origin`),
      config: { rules: { 'unused-disable': 'off' } },
    },
  ],
  invalid: [
    {
      name: 'next-line directive whose rule reports nothing: the comment line is removed',
      code: values(`# vcluster-cors-disable-next-line null-origin -- legacy\n${ORIGIN}`),
      errors: [
        {
          message: NEXT('null-origin'),
          line: 5,
          column: 39,
          endLine: 5,
          endColumn: 50,
          severity: 'info',
          fixTitles: ['Remove the unused disable comment'],
        },
      ],
      output: values(ORIGIN),
    },
    {
      name: 'same-line directive: the comment and the spaces before it are removed',
      code: values(`${ORIGIN}  # vcluster-cors-disable-line invalid-origin`),
      errors: [{ message: SAME('invalid-origin'), line: 5, column: 114, endLine: 5, endColumn: 128 }],
      output: values(ORIGIN),
    },
    {
      name: 'file-level directive',
      code: `# vcluster-cors-disable wildcard-origin\n${values(ORIGIN)}`,
      errors: [{ message: FILE('wildcard-origin'), line: 1, column: 25, endLine: 1, endColumn: 40 }],
      output: values(ORIGIN),
    },
    {
      name: 'no ids and nothing to suppress',
      code: values('example.com/team: "platform" # vcluster-cors-disable-line'),
      errors: [{ message: NOTHING, line: 5, column: 34, endLine: 5, endColumn: 62 }],
      output: values('example.com/team: "platform"'),
    },
    {
      name: 'an unknown rule id',
      code: values(`${ORIGIN}\n# vcluster-cors-disable-next-line annotation-value-not-strng\n${NUMBER}`),
      errors: [
        {
          message: '`annotation-value-not-strng` is not a rule id: this disable comment suppresses nothing.',
          line: 6,
          column: 39,
          endLine: 6,
          endColumn: 65,
        },
      ],
      output: values(`${ORIGIN}\n${NUMBER}`),
    },
    {
      name: 'a partly used list: only the unused id is removed, the reason stays',
      code: values(`${ORIGIN}\n# vcluster-cors-disable-next-line annotation-value-not-string, null-origin -- chart quirk\n${NUMBER}`),
      errors: [
        {
          message: NEXT('null-origin'),
          line: 6,
          column: 68,
          endLine: 6,
          endColumn: 79,
          fixTitles: ['Remove `null-origin` from the disable comment'],
        },
      ],
      output: values(`${ORIGIN}\n# vcluster-cors-disable-next-line annotation-value-not-string -- chart quirk\n${NUMBER}`),
    },
    {
      name: 'the used id last, no spaces after the commas',
      code: values(`${ORIGIN}\n# vcluster-cors-disable-next-line null-origin,annotation-value-not-string\n${NUMBER}`),
      errors: [{ message: NEXT('null-origin'), line: 6, column: 39, endLine: 6, endColumn: 50 }],
      output: values(`${ORIGIN}\n# vcluster-cors-disable-next-line annotation-value-not-string\n${NUMBER}`),
    },
    {
      name: 'two unused ids next to a used one: one finding each; each fix removes both, so one pass is enough (a long list never runs out of passes)',
      code: values(`${ORIGIN}\n# vcluster-cors-disable-next-line null-origin, annotation-value-not-string, same-origin\n${NUMBER}`),
      errors: [
        { message: NEXT('null-origin'), line: 6, column: 39, endLine: 6, endColumn: 50 },
        { message: NEXT('same-origin'), line: 6, column: 81, endLine: 6, endColumn: 92 },
      ],
      output: values(`${ORIGIN}\n# vcluster-cors-disable-next-line annotation-value-not-string\n${NUMBER}`),
    },
    {
      name: 'a next-line directive two lines above the finding does not reach it',
      code: values(`# vcluster-cors-disable-next-line annotation-value-not-string\n${ORIGIN}\n${NUMBER}`),
      errors: [{ message: NEXT('annotation-value-not-string'), line: 5, column: 39, endLine: 5, endColumn: 66 }],
      output: values(`${ORIGIN}\n${NUMBER}`),
    },
    {
      name: 'CRLF line breaks: the whole comment line goes',
      code: 'ingress:\r\n  enabled: true\r\n  # vcluster-cors-disable-next-line duplicate-key\r\n  host: "platform.example.com"\r\n',
      errors: [{ message: NEXT('duplicate-key'), line: 3, column: 37, endLine: 3, endColumn: 50 }],
      output: 'ingress:\r\n  enabled: true\r\n  host: "platform.example.com"\r\n',
    },
    {
      name: 'severity from the configuration',
      code: values(`${ORIGIN} # vcluster-cors-disable-line null-origin`),
      config: { rules: { 'unused-disable': 'warning' } },
      errors: [{ message: SAME('null-origin'), line: 5, column: 113, endLine: 5, endColumn: 124, severity: 'warning' }],
      output: values(ORIGIN),
    },
    {
      name: 'a rule that is off in development makes its directive unused there',
      env: 'development',
      code: values(
        'enable-cors: "true"\n# vcluster-cors-disable-next-line localhost-in-prod -- local dashboard\ncors-allow-origin: "http://localhost:3000"',
      ),
      errors: [{ message: NEXT('localhost-in-prod'), line: 6, column: 39, endLine: 6, endColumn: 56 }],
      output: values('enable-cors: "true"\ncors-allow-origin: "http://localhost:3000"'),
    },
  ],
});

test('unused-disable: the same localhost directive is used in production', () => {
  const code = values(
    'enable-cors: "true"\n# vcluster-cors-disable-next-line localhost-in-prod -- local dashboard\ncors-allow-origin: "http://localhost:3000"',
  );
  const res = lintText(code, { filePath: 'vcluster-platform.yaml' });
  assert.deepEqual(
    res.findings.filter((f) => f.ruleId === 'localhost-in-prod' || f.ruleId === 'unused-disable'),
    [],
  );
});

test('unused-disable: suppressed findings are gone, others on the same line stay', () => {
  const code = values(`${ORIGIN}\n# vcluster-cors-disable-next-line duplicate-key\n${NUMBER}`);
  const ids = lintText(code, { filePath: 'vcluster-platform.yaml' }).findings.map((f) => f.ruleId);
  assert.ok(ids.includes('annotation-value-not-string'));
  assert.ok(ids.includes('unused-disable'));
});

test('unused-disable: findings are marked unnecessary', () => {
  const res = lintText(values(`${ORIGIN} # vcluster-cors-disable-line null-origin`), { filePath: 'vcluster-platform.yaml' });
  const f = res.findings.find((x) => x.ruleId === 'unused-disable')!;
  assert.equal(f.unnecessary, true);
});

test('unused-disable: text inside a quoted value is not a directive', () => {
  const code = values('example.com/note: "see # vcluster-cors-disable-line null-origin"');
  assert.deepEqual(
    lintText(code, { filePath: 'vcluster-platform.yaml' }).findings.filter((f) => f.ruleId === 'unused-disable'),
    [],
  );
});

test('unused-disable: text inside a block scalar is not a directive', () => {
  const code = values(
    `${ORIGIN}\nexample.com/notes: |\n      text\n      # vcluster-cors-disable-next-line annotation-value-not-string\n${NUMBER}`,
  );
  const ids = lintText(code, { filePath: 'vcluster-platform.yaml' }).findings.map((f) => f.ruleId);
  assert.ok(ids.includes('annotation-value-not-string'));
});
