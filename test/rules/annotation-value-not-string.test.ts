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

const REJECT = 'Helm renders it unquoted and the API server rejects the release ("annotations … of type string")';
// The headline (checked with the message) says whether the value is a boolean or a number.
const scalar = (key: string, v: string) => `\`${key}\`: Kubernetes annotations hold strings only. ${REJECT}. Quote it: \`"${v}"\`.`;
const boolWord = (key: string, v: string, to: string) =>
  `\`${key}\`: Kubernetes annotations hold strings only. ${REJECT}. Write \`"${to}"\` (ingress-nginx does not understand \`${v}\` either).`;
const nullValue = (key: string, v: string) =>
  `\`${key}\`: YAML reads an unquoted \`${v}\` as the absence of a value, not as text. Give it a quoted string, or remove the key.`;
const collection = (key: string, kind: string) =>
  `\`${key}\` must be a string, not a ${kind}: the API server rejects the release ("cannot unmarshal … into Go struct field ObjectMeta.metadata.annotations of type string").`;
const N = (s: string) => 'nginx.ingress.kubernetes.io/' + s;

ruleTester('annotation-value-not-string', {
  valid: [
    {
      name: 'a manifest with quoted annotations',
      filename: 'k8s/ingress.yaml',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    a.example.com/n: "600"\n',
    },
    {
      name: 'a chart template: a templated annotation value is not typed',
      filename: 'c/templates/ingress.yaml',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    a.example.com/n: {{ .Values.n }}\n',
    },
    { name: 'seed example', code: SEED },
    { name: 'single quotes are strings too', code: values("enable-cors: 'true'\ncors-max-age: '600'") },
    {
      name: 'plain strings (origins, method lists, a date-like value)',
      code: values('cors-allow-origin: https://a.example.com\ncors-allow-methods: GET, POST\nexample.com/since: 2001-12-14'),
    },
    {
      name: 'literal and folded block scalars are strings',
      code: values('cors-allow-origin: |-\n      https://a.example.com\ncors-allow-headers: >-\n      Authorization,\n      Content-Type'),
    },
    {
      name: 'values outside the Ingress annotations are not checked',
      code: 'service:\n  annotations:\n    example.com/port: 8080\ningress:\n  enabled: true\n',
    },
  ],
  invalid: [
    {
      name: 'a plain Ingress manifest: unquoted true and 600 (the API server rejects the object), with the quote fix',
      filename: 'k8s/ingress.yaml',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: true\n    nginx.ingress.kubernetes.io/cors-max-age: 600\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n',
      errors: [
        {
          message:
            '`nginx.ingress.kubernetes.io/enable-cors`: Kubernetes annotations hold strings only. The API server rejects the object ("annotations … of type string"). Quote it: `"true"`.',
          line: 6,
          column: 46,
          fixTitles: ['Quote the value: "true"'],
        },
        {
          message:
            '`nginx.ingress.kubernetes.io/cors-max-age`: Kubernetes annotations hold strings only. The API server rejects the object ("annotations … of type string"). Quote it: `"600"`.',
          line: 7,
          column: 47,
        },
      ],
      output:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n',
    },
    {
      name: 'any object: a Service annotation with a YAML 1.1 boolean',
      filename: 'k8s/svc.yaml',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: yes\n',
      errors: [
        {
          messageId: 'boolean',
          message:
            /^`service\.beta\.kubernetes\.io\/aws-load-balancer-internal`: Kubernetes annotations hold strings only\. The API server rejects the object/,
          line: 6,
          column: 60,
        },
      ],
      output:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: "yes"\n',
    },
    {
      name: "another chart's values file: Helm renders it",
      filename: 'charts/grafana/values.yaml',
      code: 'ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: true\n',
      errors: [
        {
          messageId: 'boolean',
          message: /: Kubernetes annotations hold strings only\. Helm renders it unquoted and the API server rejects the release/,
          line: 3,
          column: 46,
        },
      ],
      output: 'ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
    {
      name: 'unquoted true',
      code: values('enable-cors: true\ncors-allow-origin: "https://dashboard.example.com"'),
      errors: [
        {
          message: scalar(N('enable-cors'), 'true'),
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 50,
          severity: 'error',
          fixTitles: ['Quote the value: "true"'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'unquoted number',
      code: values('enable-cors: "true"\ncors-max-age: 3600'),
      errors: [{ message: scalar(N('cors-max-age'), '3600'), line: 6, column: 47, endLine: 6, endColumn: 51 }],
      output: values('enable-cors: "true"\ncors-max-age: "3600"'),
    },
    {
      name: 'YAML 1.1 booleans on the two boolean annotations: replaced with the value ingress-nginx understands',
      code: values('enable-cors: yes\ncors-allow-credentials: off'),
      errors: [
        {
          message: boolWord(N('enable-cors'), 'yes', 'true'),
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 49,
          fixTitles: ['Replace with "true"'],
        },
        {
          message: boolWord(N('cors-allow-credentials'), 'off', 'false'),
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 60,
          fixTitles: ['Replace with "false"'],
        },
      ],
      output: values('enable-cors: "true"\ncors-allow-credentials: "false"'),
    },
    {
      name: 'YAML 1.1 booleans on other annotations are quoted as written',
      code: values('example.com/enabled: on'),
      errors: [
        {
          message: scalar('example.com/enabled', 'on'),
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 28,
          fixTitles: ['Quote the value: "on"'],
        },
      ],
      output: values('example.com/enabled: "on"'),
    },
    {
      name: 'floats, hex and signed numbers',
      code: values('example.com/ratio: 1.5\nexample.com/mask: 0x1F\ncors-max-age: -1'),
      errors: [
        { message: scalar('example.com/ratio', '1.5'), line: 5, column: 24, endLine: 5, endColumn: 27 },
        { message: scalar('example.com/mask', '0x1F'), line: 6, column: 23, endLine: 6, endColumn: 27 },
        { message: scalar(N('cors-max-age'), '-1'), line: 7, column: 47, endLine: 7, endColumn: 49 },
      ],
      output: values('example.com/ratio: "1.5"\nexample.com/mask: "0x1F"\ncors-max-age: "-1"'),
    },
    {
      name: 'null and ~',
      code: values('example.com/a: null\nexample.com/b: ~'),
      errors: [
        {
          message: nullValue('example.com/a', 'null'),
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 24,
          fixTitles: ['Quote the value: "null"'],
        },
        { message: nullValue('example.com/b', '~'), line: 6, column: 20, endLine: 6, endColumn: 21 },
      ],
      // Quoting `null` could newly allow the `null` origin on cors-allow-origin: offered, never applied automatically.
      output: null,
    },
    {
      name: 'a flow list: no fix',
      code: values('cors-allow-methods: [GET, POST]'),
      errors: [{ message: collection(N('cors-allow-methods'), 'list'), line: 5, column: 53, endLine: 5, endColumn: 64, fixTitles: [] }],
      output: null,
    },
    {
      name: 'a block list',
      code: values('cors-allow-origin:\n      - https://a.example.com\n      - https://b.example.com\nenable-cors: "true"'),
      errors: [{ message: collection(N('cors-allow-origin'), 'list'), line: 6, column: 7, endLine: 8, endColumn: 1 }],
      output: null,
    },
    {
      name: 'a mapping',
      code: values('example.com/config: {a: b}'),
      errors: [{ message: collection('example.com/config', 'mapping'), line: 5, column: 25, endLine: 5, endColumn: 31 }],
      output: null,
    },
    {
      name: 'commonAnnotations are checked too',
      code: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: false\n',
      errors: [{ message: scalar(N('enable-cors'), 'false'), line: 2, column: 44, endLine: 2, endColumn: 49 }],
      output: 'commonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "false"\n',
    },
    {
      name: 'an anchored value keeps its anchor',
      code: values('enable-cors: &on true'),
      errors: [{ message: scalar(N('enable-cors'), 'true'), line: 5, column: 50, endLine: 5, endColumn: 54 }],
      output: values('enable-cors: &on "true"'),
    },
    {
      name: 'development files too',
      env: 'development',
      code: values('enable-cors: True'),
      errors: [{ message: scalar(N('enable-cors'), 'True'), line: 5, column: 46, severity: 'error' }],
      output: values('enable-cors: "True"'),
    },
  ],
});

const lint = (code: string) =>
  lintText(code, { filePath: 'vcluster-platform.yaml' }).findings.filter((f) => f.ruleId === 'annotation-value-not-string');

test('annotation-value-not-string: an empty value gets a fix that keeps the YAML valid', () => {
  const f = lint('ingress:\n  annotations:\n    example.com/a:\n    example.com/b: "x"\n');
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'noValue');
  assert.match(
    f[0].message,
    /^An annotation has no value: Helm reads null and drops the annotation\. With --reuse-values, this explicit null also removes the value an earlier release set\. Give `example\.com\/a` a quoted string value\.$/,
  );
  for (const fx of f[0].fixes) for (const e of fx.edits) assert.notEqual(e.newText, '""');
});

test('annotation-value-not-string: an explicit !!str tag is a string', () => {
  assert.equal(lint('ingress:\n  annotations:\n    example.com/a: !!str true\n').length, 0);
});

test('annotation-value-not-string: an alias is not rewritten into the string "*name"', () => {
  const f = lint('ingress:\n  annotations:\n    example.com/a: &anc true\n    example.com/b: *anc\n');
  const b = f.find((x) => x.message.includes('`example.com/b`'));
  assert.ok(!b || b.fixes.every((x) => !x.safe || x.edits.every((e) => e.newText !== '"*anc"')));
});

test('annotation-value-not-string: YAML 1.2-only numbers are named', () => {
  const f = lint('ingress:\n  annotations:\n    example.com/a: 0o17\n');
  assert.doesNotMatch(f[0].message, /not a string in YAML, not a string/);
});

test('annotation-value-not-string: base-60 values are strings for Helm', () => {
  assert.equal(lint('ingress:\n  annotations:\n    example.com/window: 1:20\n').length, 0);
});
