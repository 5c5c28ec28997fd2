import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, parseDocument, stringify } from 'yaml';
import fc from 'fast-check';
import { validateValuesSchema } from '../../server/src/engine/schema/chart';
import type { SchemaProblem } from '../../server/src/engine/schema/chart';
import schemaJson from '../../schemas/vcluster-platform-values.schema.json';

interface Expected {
  message: string;
  path: string;
  /** 1-based line and column (UTF-16 code units) of the start of the range. */
  line: number;
  column: number;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function run(text: string, rootKey?: string): { problems: SchemaProblem[]; text: string } {
  const doc = parseDocument(text, { uniqueKeys: false });
  let root: unknown = doc.contents;
  if (rootKey !== undefined) root = isMap(root) ? root.get(rootKey, true) : undefined;
  assert.ok(isMap(root), 'test input must have a mapping at its root');
  return { problems: validateValuesSchema(root, doc), text };
}

function check(text: string, rootKey?: string): Expected[] {
  const { problems } = run(text, rootKey);
  return problems.map((p) => ({ message: p.message, path: p.path, ...lineCol(text, p.range.start) }));
}

const y = (...lines: string[]): string => lines.join('\n') + '\n';

const SEED = y(
  'ingress:',
  '  enabled: true',
  '  host: "platform.example.com"',
  '  annotations:',
  '    # CORS',
  '    nginx.ingress.kubernetes.io/enable-cors: "true"',
  '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"',
  '    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, PUT, DELETE, PATCH, OPTIONS"',
  '    nginx.ingress.kubernetes.io/cors-allow-headers: "Authorization, Content-Type"',
  '    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"',
  '    nginx.ingress.kubernetes.io/cors-max-age: "3600"',
  '  tls:',
  '    enabled: true',
  '    secret: tls-vcluster-platform',
);

/** 10 levels of `&aN [*aN-1 x10]`: 10^9 strings once expanded. */
function aliasBomb(): string {
  const lines = ['ingress:', '  enabled: true', '  labels:', '    a0: &a0 "lol"'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `    a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return y(...lines);
}

const NOT_CHECKED = 'This value expands more than 100 aliases; `ingress` was not checked.';

const cases: Array<{ name: string; yaml: string; root?: string; want: Expected[] }> = [
  { name: 'seed file (docs CORS example) is valid', yaml: SEED, want: [] },
  {
    name: 'ingressClassName typo',
    yaml: y('ingress:', '  enabled: true', '  ingressClassName: nginx'),
    want: [
      {
        message: "`ingressClassName` is not a key of this chart's `ingress` block; did you mean `ingressClass`?",
        path: 'ingress.ingressClassName',
        line: 3,
        column: 3,
      },
    ],
  },
  {
    name: 'className',
    yaml: y('ingress:', '  className: traefik'),
    want: [
      {
        message: "`className` is not a key of this chart's `ingress` block; did you mean `ingressClass`?",
        path: 'ingress.className',
        line: 2,
        column: 3,
      },
    ],
  },
  {
    name: 'hosts list (the Dex chart shape)',
    yaml: y('ingress:', '  enabled: true', '  hosts:', '    - host: platform.example.com', '      paths: ["/"]'),
    want: [
      {
        message:
          "`hosts` is not a key of this chart's `ingress` block; did you mean `host`? This chart serves one host, written as a string.",
        path: 'ingress.hosts',
        line: 3,
        column: 3,
      },
    ],
  },
  {
    name: 'tls as a list',
    yaml: y('ingress:', '  tls:', '    - secretName: platform-tls', '      hosts:', '        - platform.example.com'),
    want: [{ message: '`ingress.tls` must be a mapping `{enabled, secret}`, not a list', path: 'ingress.tls', line: 3, column: 5 }],
  },
  {
    name: 'enabled: "true" (quoted) is a string',
    yaml: y('ingress:', '  enabled: "true"'),
    want: [{ message: '`ingress.enabled` must be a boolean (true/false), not a string', path: 'ingress.enabled', line: 2, column: 12 }],
  },
  {
    name: 'enabled: yes is a boolean for Helm (YAML 1.1)',
    yaml: y('ingress:', '  enabled: yes', '  tls:', '    enabled: Off'),
    want: [],
  },
  {
    name: 'enabled: yEs is not a YAML 1.1 boolean',
    yaml: y('ingress:', '  enabled: yEs'),
    want: [{ message: '`ingress.enabled` must be a boolean (true/false), not a string', path: 'ingress.enabled', line: 2, column: 12 }],
  },
  {
    name: 'enabled with no value is null',
    yaml: y('ingress:', '  enabled:', '  host: a.example.com'),
    want: [{ message: '`ingress.enabled` must be a boolean (true/false), not empty', path: 'ingress.enabled', line: 2, column: 3 }],
  },
  {
    name: 'annotations as a list',
    yaml: y('ingress:', '  annotations:', '    - nginx.ingress.kubernetes.io/enable-cors: "true"'),
    want: [
      {
        message: '`ingress.annotations` must be a mapping of annotation names to strings',
        path: 'ingress.annotations',
        line: 3,
        column: 5,
      },
    ],
  },
  {
    name: 'annotations: with no value is null, which Helm treats as empty',
    yaml: y('ingress:', '  enabled: true', '  annotations:', '  labels: ~', 'commonAnnotations:'),
    want: [],
  },
  {
    name: 'commonAnnotations as a string',
    yaml: y('commonAnnotations: "nginx.ingress.kubernetes.io/enable-cors=true"'),
    want: [
      { message: '`commonAnnotations` must be a mapping of annotation names to strings', path: 'commonAnnotations', line: 1, column: 20 },
    ],
  },
  {
    name: 'bad annotation keys (ingress.annotations and commonAnnotations)',
    yaml: y(
      'ingress:',
      '  annotations:',
      '    bad key!: "x"',
      '    Nginx.Ingress/enable-cors: "true"',
      `    ${'a'.repeat(64)}: "too long"`,
      `    ${'a'.repeat(63)}: "ok"`,
      'commonAnnotations:',
      '    /no-prefix: "x"',
      '    example.com/: "x"',
      '    example.com/ok_name.v2: "x"',
    ),
    want: [
      { message: '`bad key!` is not a valid Kubernetes annotation name', path: 'ingress.annotations["bad key!"]', line: 3, column: 5 },
      {
        message: '`Nginx.Ingress/enable-cors` is not a valid Kubernetes annotation name',
        path: 'ingress.annotations["Nginx.Ingress/enable-cors"]',
        line: 4,
        column: 5,
      },
      {
        message: `\`${'a'.repeat(64)}\` is not a valid Kubernetes annotation name`,
        path: `ingress.annotations.${'a'.repeat(64)}`,
        line: 5,
        column: 5,
      },
      { message: '`/no-prefix` is not a valid Kubernetes annotation name', path: 'commonAnnotations["/no-prefix"]', line: 8, column: 5 },
      {
        message: '`example.com/` is not a valid Kubernetes annotation name',
        path: 'commonAnnotations["example.com/"]',
        line: 9,
        column: 5,
      },
    ],
  },
  {
    name: 'path without a leading slash',
    yaml: y('ingress:', '  path: api'),
    want: [{ message: '`ingress.path` must start with `/`', path: 'ingress.path', line: 2, column: 9 }],
  },
  {
    name: 'unknown top-level keys are accepted',
    yaml: y('someUndeclaredKey: {a: 1}', 'x-anchors: [1, 2]', 'ingress:', '  enabled: false'),
    want: [],
  },
  {
    name: 'alias bomb under ingress.labels: one problem',
    yaml: aliasBomb(),
    want: [{ message: NOT_CHECKED, path: 'ingress.labels.a2', line: 6, column: 5 }],
  },
  {
    name: 'annotation value `true` (unquoted) is left to annotation-value-not-string',
    yaml: y(
      'ingress:',
      '  annotations:',
      '    nginx.ingress.kubernetes.io/enable-cors: true',
      '    nginx.ingress.kubernetes.io/cors-max-age: 3600',
      '    nginx.ingress.kubernetes.io/cors-allow-credentials: yes',
      'commonAnnotations:',
      '  example.com/x: [1]',
    ),
    want: [],
  },
  {
    name: 'unquoted yes in a string field is a boolean for Helm',
    yaml: y('ingress:', '  host: yes', '  labels:', '    backup: no', '  tls:', '    secret: 1_000'),
    want: [
      {
        message: '`ingress.host` must be a string, not a boolean (Helm reads the unquoted `yes` as true); quote it',
        path: 'ingress.host',
        line: 2,
        column: 9,
      },
      {
        message: '`ingress.labels.backup` must be a string, not a boolean (Helm reads the unquoted `no` as false); quote it',
        path: 'ingress.labels.backup',
        line: 4,
        column: 13,
      },
      { message: '`ingress.tls.secret` must be a string, not a number; quote it', path: 'ingress.tls.secret', line: 6, column: 13 },
    ],
  },
  {
    name: 'quoted strings and base-60 look-alikes in string fields are fine',
    yaml: y('ingress:', '  host: "yes"', '  name: 1:20', '  ingressClass: ""', '  tls:', '    secret: ""'),
    want: [],
  },
  {
    name: '0o17 is an int for Helm (go-yaml uses strconv.ParseInt with base 0)',
    yaml: y('ingress:', '  name: 0o17'),
    want: [{ message: '`ingress.name` must be a string, not a number; quote it', path: 'ingress.name', line: 2, column: 9 }],
  },
  {
    name: 'ingressClass: null is allowed (no ingressClassName)',
    yaml: y('ingress:', '  ingressClass: null', '  annotations:', '    kubernetes.io/ingress.class: "nginx"'),
    want: [],
  },
  {
    name: 'close typos get a suggestion; other keys are explained',
    yaml: y(
      'ingress:',
      '  enable: true',
      '  Host: a.example.com',
      '  pathType: Prefix',
      '  backend: {service: {name: loft}}',
      '  extraPaths: []',
      '  foo: 1',
      '  tls:',
      '    secretName: x',
      '    clusterIssuer: lets-encrypt-http-issuer',
    ),
    want: [
      {
        message: "`enable` is not a key of this chart's `ingress` block; did you mean `enabled`?",
        path: 'ingress.enable',
        line: 2,
        column: 3,
      },
      { message: "`Host` is not a key of this chart's `ingress` block; did you mean `host`?", path: 'ingress.Host', line: 3, column: 3 },
      {
        message: "`pathType` is not a key of this chart's `ingress` block: the chart always renders `pathType: ImplementationSpecific`.",
        path: 'ingress.pathType',
        line: 4,
        column: 3,
      },
      {
        message: "`backend` is not a key of this chart's `ingress` block: the chart always routes to the `loft` Service on port 80.",
        path: 'ingress.backend',
        line: 5,
        column: 3,
      },
      {
        message: "`extraPaths` is not a key of this chart's `ingress` block: the chart renders exactly one path, `ingress.path`.",
        path: 'ingress.extraPaths',
        line: 6,
        column: 3,
      },
      {
        message:
          "`foo` is not a key of this chart's `ingress` block (its keys are `enabled`, `name`, `host`, `ingressClass`, `path`, `labels`, `annotations`, `tls`).",
        path: 'ingress.foo',
        line: 7,
        column: 3,
      },
      {
        message: "`secretName` is not a key of this chart's `ingress.tls` block; did you mean `secret`?",
        path: 'ingress.tls.secretName',
        line: 9,
        column: 5,
      },
      {
        message:
          "`clusterIssuer` is not a key of this chart's `ingress.tls` block: it was never used and is gone since v3.4; set the `cert-manager.io/cluster-issuer` annotation in `ingress.annotations`.",
        path: 'ingress.tls.clusterIssuer',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a key written twice: the last one counts',
    yaml: y('ingress:', '  enabled: "yes"', '  enabled: true', '  host: a.example.com', '  host: 42'),
    want: [{ message: '`ingress.host` must be a string, not a number; quote it', path: 'ingress.host', line: 5, column: 9 }],
  },
  {
    name: 'empty ingress: null removes the chart defaults',
    yaml: y('ingress:', '  # enabled: true'),
    want: [
      {
        message:
          "`ingress` must be a mapping, not empty: an empty value is null, and a null removes all of the chart's defaults for this key",
        path: 'ingress',
        line: 1,
        column: 1,
      },
    ],
  },
  {
    name: 'loosely typed top-level keys: only types',
    yaml: y(
      'tls:',
      '  enabled: "false"',
      'replicaCount: "2"',
      'config:',
      '  loftHost: platform.example.com',
      '  anything: [goes]',
      'env: []',
      'agentOnly: no',
    ),
    want: [
      { message: '`tls.enabled` must be a boolean (true/false), not a string', path: 'tls.enabled', line: 2, column: 12 },
      { message: '`replicaCount` must be a whole number, not a string', path: 'replicaCount', line: 3, column: 15 },
      { message: '`env` must be a mapping, not a list', path: 'env', line: 7, column: 6 },
    ],
  },
  {
    name: 'merge keys are applied the way Helm does (errors point into the merged map)',
    yaml: y(
      'defaults: &defaults',
      '  enabled: "true"',
      '  host: platform.example.com',
      'cors: &cors',
      '  nginx.ingress.kubernetes.io/enable-cors: "true"',
      '  "bad key": "x"',
      'ingress:',
      '  <<: *defaults',
      '  annotations:',
      '    <<: [*cors]',
      '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"',
    ),
    want: [
      { message: '`ingress.enabled` must be a boolean (true/false), not a string', path: 'ingress.enabled', line: 2, column: 12 },
      { message: '`bad key` is not a valid Kubernetes annotation name', path: 'ingress.annotations["bad key"]', line: 6, column: 3 },
    ],
  },
  {
    name: 'a key after `<<` overrides the merged one; a merge of a scalar is an error',
    yaml: y('base: &base {enabled: "no"}', 'ingress:', '  <<: *base', '  enabled: false', '  labels:', '    <<: 5'),
    want: [
      {
        message: '`<<` (merge key) needs a mapping or a list of mappings; Helm fails to read this file',
        path: 'ingress.labels["<<"]',
        line: 6,
        column: 9,
      },
    ],
  },
  {
    name: 'embedded values (umbrella chart key): paths are relative to the values root',
    root: 'vcluster-platform',
    yaml: y('vcluster-platform:', '  ingress:', '    ingressClassName: nginx', 'other-chart:', '  ingress:', '    className: x'),
    want: [
      {
        message: "`ingressClassName` is not a key of this chart's `ingress` block; did you mean `ingressClass`?",
        path: 'ingress.ingressClassName',
        line: 3,
        column: 5,
      },
    ],
  },
  {
    name: 'alias to a bomb defined outside ingress: reported at the alias',
    yaml: y(
      'x-bombs:',
      '  - &b0 [lol, lol]',
      ...Array.from({ length: 12 }, (_, i) => `  - &b${i + 1} [*b${i}, *b${i}, *b${i}]`),
      'ingress:',
      '  labels:',
      '    big: *b12',
    ),
    want: [{ message: NOT_CHECKED, path: 'ingress.labels.big', line: 17, column: 10 }],
  },
  {
    name: 'a self-reference is still named as such when reached a second time',
    yaml: y('a: &a', '  b: *a', 'ingress:', '  labels: *a', 'commonAnnotations: *a'),
    want: [
      {
        message: 'This value contains itself through an alias (Helm cannot read it); `ingress` was not checked.',
        path: 'ingress.labels',
        line: 4,
        column: 11,
      },
      {
        message: 'This value contains itself through an alias (Helm cannot read it); `commonAnnotations` was not checked.',
        path: 'commonAnnotations',
        line: 5,
        column: 20,
      },
    ],
  },
  {
    name: 'a value that contains itself',
    yaml: y('ingress: &i', '  enabled: true', '  labels:', '    self: *i'),
    want: [
      {
        message: 'This value contains itself through an alias (Helm cannot read it); `ingress` was not checked.',
        path: 'ingress.labels.self',
        line: 4,
        column: 11,
      },
    ],
  },
  {
    // 🚀 is one code point but two UTF-16 code units: `"bad key"` starts at column 41, not 40.
    name: 'columns count UTF-16 code units',
    yaml: y('ingress:', '  annotations: {"🚀": "x", "ok/a": "y", "bad key": "z"}'),
    want: [
      { message: '`🚀` is not a valid Kubernetes annotation name', path: 'ingress.annotations["🚀"]', line: 2, column: 17 },
      { message: '`bad key` is not a valid Kubernetes annotation name', path: 'ingress.annotations["bad key"]', line: 2, column: 41 },
    ],
  },
];

describe('validateValuesSchema', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(check(c.yaml, c.root), c.want);
    });
  }

  // The values are converted to plain objects (helmYaml.ts toHelm): no key may read as Object.prototype's.
  test('no property name of the schema is a property of Object.prototype', () => {
    const names = new Set<string>();
    const walk = (x: unknown): void => {
      if (!x || typeof x !== 'object') return;
      const o = x as { properties?: Record<string, unknown>; required?: string[] };
      for (const k of Object.keys(o.properties ?? {})) names.add(k);
      for (const k of o.required ?? []) names.add(k);
      for (const v of Object.values(o)) walk(v);
    };
    walk(schemaJson);
    assert.ok(names.has('ingress') && names.has('tls'));
    assert.deepEqual(
      [...names].filter((n) => n === '__proto__' || Object.getOwnPropertyNames(Object.prototype).includes(n)),
      [],
    );
  });

  test('`__proto__` and Object.prototype names are ordinary keys (written, merged, annotation names)', () => {
    assert.deepEqual(
      check(y('ingress:', '  enabled: true', '  __proto__: {enabled: 1}', '  tls:', '    __proto__: []', '    enabled: "no"')),
      [
        {
          message:
            "`__proto__` is not a key of this chart's `ingress` block (its keys are `enabled`, `name`, `host`, `ingressClass`, `path`, `labels`, `annotations`, `tls`).",
          path: 'ingress.__proto__',
          line: 3,
          column: 3,
        },
        {
          message: "`__proto__` is not a key of this chart's `ingress.tls` block (its keys are `enabled`, `secret`).",
          path: 'ingress.tls.__proto__',
          line: 5,
          column: 5,
        },
        { message: '`ingress.tls.enabled` must be a boolean (true/false), not a string', path: 'ingress.tls.enabled', line: 6, column: 14 },
      ],
    );
    assert.deepEqual(
      check(y('base: &b', '  __proto__: 5', '  host: 3', 'ingress:', '  <<: *b', '  enabled: yes', '  annotations:', '    __proto__: x')),
      [
        {
          message:
            "`__proto__` is not a key of this chart's `ingress` block (its keys are `enabled`, `name`, `host`, `ingressClass`, `path`, `labels`, `annotations`, `tls`).",
          path: 'ingress.__proto__',
          line: 2,
          column: 3,
        },
        { message: '`ingress.host` must be a string, not a number; quote it', path: 'ingress.host', line: 3, column: 9 },
        { message: '`__proto__` is not a valid Kubernetes annotation name', path: 'ingress.annotations.__proto__', line: 8, column: 5 },
      ],
    );
    assert.deepEqual(
      check(
        y(
          'ingress:',
          '  annotations: {constructor: "a", toString: 1}',
          '  tls: {hasOwnProperty: 1, enabled: true}',
          '  labels: {valueOf: 2}',
        ),
      ),
      [
        {
          message: "`hasOwnProperty` is not a key of this chart's `ingress.tls` block (its keys are `enabled`, `secret`).",
          path: 'ingress.tls.hasOwnProperty',
          line: 3,
          column: 9,
        },
        {
          message: '`ingress.labels.valueOf` must be a string, not a number; quote it',
          path: 'ingress.labels.valueOf',
          line: 4,
          column: 21,
        },
      ],
    );
  });

  test('every YAML 1.1 boolean word go-yaml v2 accepts is a boolean', () => {
    const words = [
      'y',
      'Y',
      'yes',
      'Yes',
      'YES',
      'n',
      'N',
      'no',
      'No',
      'NO',
      'true',
      'True',
      'TRUE',
      'false',
      'False',
      'FALSE',
      'on',
      'On',
      'ON',
      'off',
      'Off',
      'OFF',
    ];
    for (const w of words) assert.deepEqual(check(y('ingress:', `  enabled: ${w}`, '  tls:', `    enabled: ${w}`)), [], w);
    for (const w of ['yES', 'oN', 'tRUE', '"yes"', "'on'", '!!str yes']) {
      assert.equal(check(y('ingress:', `  enabled: ${w}`)).length, 1, w);
    }
  });

  test('ranges cover the offending key or value exactly', () => {
    const { problems, text } = run(
      y(
        'ingress:',
        '  ingressClassName: nginx # typo',
        '  tls:',
        '    - secretName: x',
        '      hosts: [a]',
        '',
        '    # trailing comment',
        '  enabled: "true"',
        '  annotations:',
        '    bad key!: "x"',
      ),
    );
    assert.deepEqual(
      problems.map((p) => [p.path, text.slice(p.range.start, p.range.end)]),
      [
        ['ingress.ingressClassName', 'ingressClassName'],
        ['ingress.tls', '- secretName: x\n      hosts: [a]'],
        ['ingress.enabled', '"true"'],
        ['ingress.annotations["bad key!"]', 'bad key!'],
      ],
    );
  });

  test('many distinct aliases (a linear-scan trap for yaml toJS) finish and give one problem', () => {
    const n = 10000;
    const lines = ['anchors:'];
    for (let i = 0; i < n; i++) lines.push(`  - &a${i} x`);
    lines.push('ingress:', '  labels:', `    l: [${Array.from({ length: n }, (_, i) => `*a${i}`).join(',')}]`);
    const got = check(y(...lines));
    assert.deepEqual(got, [{ message: NOT_CHECKED, path: 'ingress.labels.l', line: n + 4, column: 5 }]);
  });

  test('up to 100 alias expansions are read normally', () => {
    const text = y('x: &t "team-a"', 'ingress:', '  labels:', ...Array.from({ length: 100 }, (_, i) => `    l${i}: *t`));
    assert.deepEqual(check(text), []);
  });

  test('never throws; ranges are non-empty, inside the text, one problem per range', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }), (ingress, common) => {
        const text = stringify({ ingress, commonAnnotations: common, tls: ingress });
        const { problems } = run(text);
        const seen = new Set<string>();
        for (const p of problems) {
          assert.ok(p.range.start >= 0 && p.range.start < p.range.end && p.range.end <= text.length, JSON.stringify(p));
          const id = `${p.range.start}:${p.range.end}`;
          assert.ok(!seen.has(id), `two problems on ${id}`);
          seen.add(id);
          assert.ok(p.message.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
