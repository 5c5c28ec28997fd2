import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ConfigError,
  DEFAULT_CONFIG,
  isGlobMatch,
  levenshtein,
  loadConfigFile,
  matchingGlob,
  originProblem,
  parseConfigText,
  relativeTo,
  resolveConfigFor,
} from '../../server/src/engine/config/config';
import type { ConfigCache, ConfigProblem } from '../../server/src/engine/config/config';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/config');
const fx = (...p: string[]) => path.join(FIXTURES, ...p);
const KNOWN = ['wildcard-origin', 'no-vary-origin', 'credentials-with-wildcard', 'origin-not-allowlisted'];

function problems(text: string, knownRuleIds?: readonly string[]): string[] {
  return parseConfigText(text, 'c.yaml', { knownRuleIds }).problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ConfigError');
}

describe('parseConfigText: valid input', () => {
  test('full example parses into settings', () => {
    const text = [
      '# yaml-language-server: $schema=../schemas/vcluster-cors-config.schema.json',
      'rules:',
      '  wildcard-origin: warning',
      '  no-vary-origin: off',
      'environments:',
      '  production: ["prod/**", "**/*-prod.yaml"]',
      '  development: ["dev/**", "**/kind/**"]',
      'annotationValidation: true',
      'allowedOrigins:',
      '  - https://dashboard.example.com',
      '  - https://*.example.com',
      '  - http://localhost:3000',
      '  - http://[::1]:8080',
      'maxFileSize: 10485760',
      'root: true',
      '',
    ].join('\n');
    assert.deepEqual(parseConfigText(text, 'c.yaml'), {
      config: {
        rules: { 'wildcard-origin': 'warning', 'no-vary-origin': 'off' },
        environments: { production: ['prod/**', '**/*-prod.yaml'], development: ['dev/**', '**/kind/**'] },
        annotationValidation: true,
        allowedOrigins: ['https://dashboard.example.com', 'https://*.example.com', 'http://localhost:3000', 'http://[::1]:8080'],
        maxFileSize: 10485760,
        root: true,
      },
      problems: [],
    });
  });

  const cases: Array<[string, string, object]> = [
    ['empty file', '', {}],
    ['comments only', '# nothing yet\n', {}],
    [
      'only production globs: development becomes []',
      'environments:\n  production: [prod/**]\n',
      { environments: { production: ['prod/**'], development: [] } },
    ],
    ['empty allow-list is kept', 'allowedOrigins: []\n', { allowedOrigins: [] }],
    ['byte order mark', '\uFEFFannotationValidation: false\n', { annotationValidation: false }],
    [
      'aliases are resolved',
      'environments:\n  production: &g [prod/**]\n  development: *g\n',
      { environments: { production: ['prod/**'], development: ['prod/**'] } },
    ],
  ];
  for (const [name, text, config] of cases) {
    test(name, () => {
      assert.deepEqual(parseConfigText(text, 'c.yaml'), { config, problems: [] });
    });
  }

  test('known rule ids: no problem for known ids', () => {
    assert.deepEqual(problems('rules:\n  wildcard-origin: error\n', KNOWN), []);
  });
});

describe('parseConfigText: problems with exact positions', () => {
  const cases: Array<{ name: string; text: string; known?: readonly string[]; expected: string[] }> = [
    {
      name: 'invalid severity points at the value',
      text: 'rules:\n  wildcard-origin: warn\n',
      expected: ['2:20: severity must be one of error, warning, info, off (got `warn`)'],
    },
    {
      name: 'empty severity points at the key',
      text: 'rules:\n  wildcard-origin:\n',
      expected: ['2:3: severity must be one of error, warning, info, off (got nothing)'],
    },
    {
      name: 'boolean severity',
      text: 'rules:\n  wildcard-origin: false\n',
      expected: ['2:20: severity must be one of error, warning, info, off (got `false`)'],
    },
    {
      name: 'unknown key with a hint',
      text: 'root: true\nrulez:\n  a: error\n',
      expected: ['2:1: `rulez` is not a configuration key; did you mean `rules`?'],
    },
    {
      name: 'unknown key, hint by prefix',
      text: 'env:\n  production: []\n',
      expected: ['1:1: `env` is not a configuration key; did you mean `environments`?'],
    },
    {
      name: 'unknown key without a hint',
      text: 'colour: red\n',
      expected: [
        '1:1: `colour` is not a configuration key (expected one of rules, environments, annotationValidation, controllers, allowedOrigins, platformValues, files, maxFileSize, root, releases)',
      ],
    },
    {
      name: 'case typo gets a hint',
      text: 'AllowedOrigins: []\n',
      expected: ['1:1: `AllowedOrigins` is not a configuration key; did you mean `allowedOrigins`?'],
    },
    {
      name: 'unknown environment',
      text: 'environments:\n  prod: [a]\n  staging: [b]\n',
      expected: [
        '2:3: `prod` is not an environment; did you mean `production`?',
        '3:3: `staging` is not an environment (expected production or development)',
      ],
    },
    {
      name: 'unknown rule with a hint',
      text: 'rules:\n  wildcard-origins: warning\n  made-up: off\n',
      known: KNOWN,
      expected: ['2:3: unknown rule `wildcard-origins`; did you mean `wildcard-origin`?', '3:3: unknown rule `made-up`'],
    },
    {
      name: 'rule id with bad characters',
      text: 'rules:\n  Wildcard_Origin: error\n',
      expected: ['2:3: `Wildcard_Origin` is not a valid rule id (lowercase letters, digits and dashes, starting with a letter)'],
    },
    {
      name: 'YAML syntax error',
      text: 'rules:\n  wildcard-origin: error\n  no-vary-origin: [warning\n',
      expected: ['4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    },
    {
      name: 'duplicate key',
      text: 'root: true\nroot: false\n',
      expected: ['2:1: invalid YAML: Map keys must be unique'],
    },
    {
      name: 'two documents',
      text: 'root: true\n---\nrules: {}\n',
      expected: ['2:1: invalid YAML: a config file must hold a single YAML document'],
    },
    {
      name: 'not a mapping (list)',
      text: '- rules\n',
      expected: [
        '1:1: the configuration must be a mapping of settings (rules, environments, annotationValidation, controllers, allowedOrigins, platformValues, files, maxFileSize, root, releases)',
      ],
    },
    {
      name: 'not a mapping (scalar)',
      text: '\n\nhello\n',
      expected: [
        '3:1: the configuration must be a mapping of settings (rules, environments, annotationValidation, controllers, allowedOrigins, platformValues, files, maxFileSize, root, releases)',
      ],
    },
    {
      name: 'wrong types',
      text: 'rules: [a]\nenvironments: prod\nannotationValidation: "true"\nmaxFileSize: 1.5\nroot: yes\nallowedOrigins: https://a.example.com\n',
      expected: [
        '1:8: `rules` must be a mapping of rule id to severity (got a list)',
        '2:15: `environments` must be a mapping with `production` and/or `development` glob lists (got `prod`)',
        '3:23: `annotationValidation` must be true or false (got `"true"`)',
        '4:14: `maxFileSize` must be a whole number of bytes (got `1.5`)',
        '5:7: `root` must be true or false (got `yes`)',
        '6:17: `allowedOrigins` must be a list of origins (got `https://a.example.com`)',
      ],
    },
    {
      name: 'maxFileSize below 1',
      text: 'maxFileSize: 0\n',
      expected: ['1:14: `maxFileSize` must be at least 1 byte (got `0`)'],
    },
    {
      name: 'environment globs',
      text: 'environments:\n  production: x\n  development: ["", 1, "/abs/**", "../up/**", ok/**]\n',
      expected: [
        '2:15: `environments.production` must be a list of path globs (got `x`)',
        '3:17: an empty glob matches nothing; remove it',
        '3:21: a glob must be a string (got `1`)',
        '3:24: glob `/abs/**` is absolute; environment globs are relative to the folder of this config file',
        '3:35: glob `../up/**` points outside the folder of this config file; put the globs in a config file further up',
      ],
    },
    {
      name: 'allowed origins',
      text: [
        'allowedOrigins:',
        '  - https://app.example.com/',
        '  - https://app.example.com/login',
        '  - app.example.com',
        '  - "*"',
        '  - https://a.*.example.com',
        '  - https://app.example.com:70000',
        '  - 42',
        '  - https://app.example.com?x=1',
        '  - https://user@app.example.com',
        '  - https://*.example.com',
        '',
      ].join('\n'),
      expected: [
        '2:5: allowed origin `https://app.example.com/` must not end with `/`; write `https://app.example.com`',
        '3:5: allowed origin `https://app.example.com/login` has a path; an origin is `scheme://host[:port]`, write `https://app.example.com`',
        '4:5: allowed origin `app.example.com` has no scheme; write `https://app.example.com`',
        '5:5: allowed origin `*` is not an origin; list the origins to allow as `scheme://host[:port]`',
        '6:5: allowed origin `https://a.*.example.com`: a wildcard must be the whole first label, as in `https://*.example.com`',
        '7:5: allowed origin `https://app.example.com:70000` has port 70000, outside 1-65535',
        '8:5: an allowed origin must be a string such as `https://dashboard.example.com` (got `42`)',
        '9:5: allowed origin `https://app.example.com?x=1` has a query or fragment; write `https://app.example.com`',
        '10:5: allowed origin `https://user@app.example.com` has user info; an origin is `scheme://host[:port]`',
      ],
    },
    {
      name: 'anchored value: points at the value after the anchor',
      text: 'rules: &r [x]\n',
      expected: ['1:11: `rules` must be a mapping of rule id to severity (got a list)'],
    },
    {
      name: 'problems inside aliased content point at the alias',
      text: 'environments:\n  production: &g [1]\n  development: *g\n',
      expected: ['2:19: a glob must be a string (got `1`)', '3:16: a glob must be a string (got `1`)'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(problems(c.text, c.known), c.expected));
  }

  test('invalid entries are left out of the settings, valid ones kept', () => {
    const r = parseConfigText(
      'rules:\n  wildcard-origin: warn\n  no-vary-origin: off\nallowedOrigins:\n  - https://a.example.com/\n  - https://b.example.com\nmaxFileSize: big\nroot: true\n',
      'c.yaml',
    );
    assert.deepEqual(r.config, { rules: { 'no-vary-origin': 'off' }, allowedOrigins: ['https://b.example.com'], root: true });
    assert.equal(r.problems.length, 3);
  });

  test('problems carry the file name', () => {
    const r = parseConfigText('rulez: {}\n', '/x/.vcluster-cors.yaml');
    assert.deepEqual(r.problems, [
      { file: '/x/.vcluster-cors.yaml', line: 1, column: 1, message: '`rulez` is not a configuration key; did you mean `rules`?' },
    ]);
  });
});

describe('originProblem', () => {
  const ok = [
    'https://a.example.com',
    'http://localhost:3000',
    'https://*.example.com',
    'https://*.example.com:8443',
    'app://x',
    'http://127.0.0.1:1',
    'http://[::1]',
  ];
  for (const o of ok) test(`accepts ${o}`, () => assert.equal(originProblem(o), undefined));
  const bad: Array<[string, string]> = [
    [' https://a.example.com', 'allowed origin ` https://a.example.com` has leading or trailing spaces'],
    [
      'https://*foo.example.com',
      'allowed origin `https://*foo.example.com`: a wildcard must be the whole first label, as in `https://*.example.com`',
    ],
    [
      'https://**.example.com',
      'allowed origin `https://**.example.com`: a wildcard must be the whole first label, as in `https://*.example.com`',
    ],
    ['https://*', 'allowed origin `https://*`: a wildcard must be the whole first label, as in `https://*.example.com`'],
    ['https://a.example.com:0', 'allowed origin `https://a.example.com:0` has port 0, outside 1-65535'],
    ['https://-a.example.com', 'allowed origin `https://-a.example.com` must look like `scheme://host[:port]` or `scheme://*.domain`'],
    ['null', 'allowed origin `null` has no scheme; write `https://null`'],
  ];
  for (const [o, msg] of bad) test(`rejects ${JSON.stringify(o)}`, () => assert.equal(originProblem(o), msg));
});

describe('resolveConfigFor', () => {
  test('no config file: the defaults', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcc-none-'));
    try {
      const r = resolveConfigFor(path.join(dir, 'values.yaml'));
      // A config file above the temp folder (unlikely) would show up in r.files.
      if (r.files.length === 0) assert.equal(r, DEFAULT_CONFIG);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('DEFAULT_CONFIG values', () => {
    assert.deepEqual(DEFAULT_CONFIG, {
      rules: {},
      environments: { production: [], development: [] },
      annotationValidation: true,
      maxFileSize: 10485760,
      files: [],
    });
    assert.ok(Object.isFrozen(DEFAULT_CONFIG) && Object.isFrozen(DEFAULT_CONFIG.rules));
  });

  test('single file with root: true', () => {
    const r = resolveConfigFor(fx('nested', 'prod', 'values.yaml'));
    assert.deepEqual(r, {
      rules: { 'wildcard-origin': 'error', 'no-vary-origin': 'warning' },
      environments: { production: ['prod/**'], development: ['sandbox/**'] },
      annotationValidation: false,
      annotationValidationSet: true,
      allowedOrigins: ['https://dashboard.example.com', 'https://*.example.com'],
      maxFileSize: 2048,
      files: [fx('nested', '.vcluster-cors.yaml')],
      environmentsFile: fx('nested', '.vcluster-cors.yaml'),
      baseDir: fx('nested'),
      rootDir: fx('nested'),
    });
  });

  test('two nested folders: nearer wins key by key, rules merged per id (.yml found too)', () => {
    const r = resolveConfigFor(fx('nested', 'team', 'values.yaml'));
    assert.deepEqual(r, {
      rules: { 'wildcard-origin': 'error', 'no-vary-origin': 'off', 'credentials-with-wildcard': 'info' },
      environments: { production: ['prod/**'], development: ['sandbox/**'] },
      annotationValidation: false,
      annotationValidationSet: true,
      allowedOrigins: ['https://dashboard.example.com', 'https://*.example.com'],
      maxFileSize: 4096,
      files: [fx('nested', '.vcluster-cors.yaml'), fx('nested', 'team', '.vcluster-cors.yml')],
      environmentsFile: fx('nested', '.vcluster-cors.yaml'),
      baseDir: fx('nested'),
      rootDir: fx('nested'),
    });
  });

  test('three levels: environments replaced as a whole, baseDir follows the file that set them', () => {
    const r = resolveConfigFor(fx('nested', 'team', 'apps', 'x', 'values.yaml'));
    assert.deepEqual(r, {
      rules: { 'wildcard-origin': 'error', 'no-vary-origin': 'off', 'credentials-with-wildcard': 'info' },
      environments: { production: [], development: ['**/*.yaml'] },
      annotationValidation: false,
      annotationValidationSet: true,
      allowedOrigins: [],
      maxFileSize: 4096,
      files: [
        fx('nested', '.vcluster-cors.yaml'),
        fx('nested', 'team', '.vcluster-cors.yml'),
        fx('nested', 'team', 'apps', '.vcluster-cors.yaml'),
      ],
      environmentsFile: fx('nested', 'team', 'apps', '.vcluster-cors.yaml'),
      baseDir: fx('nested', 'team', 'apps'),
      rootDir: fx('nested'),
    });
  });

  test('.vcluster-cors.yaml wins over .vcluster-cors.yml in the same folder', () => {
    const r = resolveConfigFor(fx('nested', 'both', 'values.yaml'));
    assert.deepEqual(r.files, [fx('nested', '.vcluster-cors.yaml'), fx('nested', 'both', '.vcluster-cors.yaml')]);
    assert.equal(r.rules['wildcard-origin'], 'info');
    assert.equal(r.baseDir, fx('nested'));
  });

  test('root: true stops the search', () => {
    const r = resolveConfigFor(fx('rooted', 'inner', 'deep', 'values.yaml'));
    assert.deepEqual(r.files, [fx('rooted', 'inner', '.vcluster-cors.yaml')]);
    assert.deepEqual(r.rules, { 'no-vary-origin': 'info' });
    assert.equal(r.annotationValidation, true);
    assert.equal(r.baseDir, fx('rooted', 'inner'));
  });

  test('the resolved config is frozen', () => {
    const r = resolveConfigFor(fx('nested', 'team', 'values.yaml'));
    assert.ok(Object.isFrozen(r) && Object.isFrozen(r.rules) && Object.isFrozen(r.environments.production) && Object.isFrozen(r.files));
  });

  const errorCases: Array<{ name: string; dir: string[]; known?: readonly string[]; problems: Array<[string[], number, number, string]> }> =
    [
      {
        name: 'invalid severity',
        dir: ['invalid', 'severity'],
        problems: [[['invalid', 'severity'], 3, 20, 'severity must be one of error, warning, info, off (got `warn`)']],
      },
      {
        name: 'unknown key',
        dir: ['invalid', 'unknown-key'],
        problems: [[['invalid', 'unknown-key'], 2, 1, '`rulez` is not a configuration key; did you mean `rules`?']],
      },
      {
        name: 'allowedOrigins with a trailing slash',
        dir: ['invalid', 'origins'],
        problems: [
          [
            ['invalid', 'origins'],
            4,
            5,
            'allowed origin `https://app.example.com/` must not end with `/`; write `https://app.example.com`',
          ],
        ],
      },
      {
        name: 'unknown rule in the nearer of two files',
        dir: ['invalid', 'chain', 'inner'],
        known: KNOWN,
        problems: [[['invalid', 'chain', 'inner'], 2, 3, 'unknown rule `wildcard-origins`; did you mean `wildcard-origin`?']],
      },
    ];
  for (const c of errorCases) {
    test(`ConfigError: ${c.name}`, () => {
      const err = configError(() => resolveConfigFor(fx(...c.dir, 'values.yaml'), { knownRuleIds: c.known }));
      const expected: ConfigProblem[] = c.problems.map(([d, line, column, message]) => ({
        file: fx(...d, '.vcluster-cors.yaml'),
        line,
        column,
        message,
      }));
      assert.deepEqual(err.problems, expected);
      assert.equal(err.message, expected.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
      assert.equal(err.name, 'ConfigError');
    });
  }

  test('unknown rules are only checked when knownRuleIds is given', () => {
    const r = resolveConfigFor(fx('invalid', 'chain', 'inner', 'values.yaml'));
    assert.deepEqual(r.rules, { 'wildcard-origin': 'error', 'wildcard-origins': 'warning' });
  });
});

describe('loadConfigFile', () => {
  test('explicit file: no lookup, no merge', () => {
    const file = fx('nested', 'team', '.vcluster-cors.yml');
    assert.deepEqual(loadConfigFile(file), {
      rules: { 'no-vary-origin': 'off', 'credentials-with-wildcard': 'info' },
      environments: { production: [], development: [] },
      annotationValidation: true,
      maxFileSize: 4096,
      files: [file],
      baseDir: fx('nested', 'team'),
      rootDir: fx('nested', 'team'),
    });
  });

  test('bad YAML', () => {
    const file = fx('invalid', 'bad-yaml', '.vcluster-cors.yaml');
    const err = configError(() => loadConfigFile(file));
    assert.equal(
      err.message,
      `${file}:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
  });

  test('not a mapping', () => {
    const file = fx('invalid', 'not-a-map', '.vcluster-cors.yaml');
    const err = configError(() => loadConfigFile(file));
    assert.deepEqual(err.problems, [
      {
        file,
        line: 1,
        column: 1,
        message:
          'the configuration must be a mapping of settings (rules, environments, annotationValidation, controllers, allowedOrigins, platformValues, files, maxFileSize, root, releases)',
      },
    ]);
  });

  test('missing file', () => {
    const file = fx('does-not-exist.yaml');
    const err = configError(() => loadConfigFile(file));
    assert.equal(err.message, `${file}:1:1: config file not found`);
  });

  test('a folder is not a config file', () => {
    const err = configError(() => loadConfigFile(fx('nested')));
    assert.equal(err.message, `${fx('nested')}:1:1: the config path is not a file`);
  });

  test('knownRuleIds', () => {
    const err = configError(() => loadConfigFile(fx('invalid', 'chain', 'inner', '.vcluster-cors.yaml'), { knownRuleIds: KNOWN }));
    assert.deepEqual(
      err.problems.map((p) => p.message),
      ['unknown rule `wildcard-origins`; did you mean `wildcard-origin`?'],
    );
  });
});

describe('cache', () => {
  function tmpTree(): { dir: string; config: string; values: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcc-cache-'));
    const config = path.join(dir, '.vcluster-cors.yaml');
    fs.writeFileSync(config, 'root: true\nrules:\n  wildcard-origin: error\n');
    fs.utimesSync(config, new Date(2024, 0, 1), new Date(2024, 0, 1));
    return { dir, config, values: path.join(dir, 'values.yaml') };
  }

  test('cache hit returns the same object when mtime is unchanged', () => {
    const t = tmpTree();
    try {
      const cache: ConfigCache = new Map();
      const a = resolveConfigFor(t.values, { cache });
      const b = resolveConfigFor(t.values, { cache });
      assert.equal(a, b);
      assert.deepEqual(a.rules, { 'wildcard-origin': 'error' });
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  test('the file is not re-read while mtime and size are unchanged', () => {
    const t = tmpTree();
    try {
      const cache: ConfigCache = new Map();
      const a = resolveConfigFor(t.values, { cache });
      // Same length, same mtime: the cached parse is used, so the edit is not seen.
      fs.writeFileSync(t.config, 'root: true\nrules:\n  wildcard-origin: info \n');
      fs.utimesSync(t.config, new Date(2024, 0, 1), new Date(2024, 0, 1));
      assert.equal(resolveConfigFor(t.values, { cache }), a);
      // Without a cache the file is read again.
      assert.deepEqual(resolveConfigFor(t.values).rules, { 'wildcard-origin': 'info' });
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  test('a changed mtime re-reads the file', () => {
    const t = tmpTree();
    try {
      const cache: ConfigCache = new Map();
      const a = resolveConfigFor(t.values, { cache });
      fs.writeFileSync(t.config, 'root: true\nrules:\n  wildcard-origin: off\n');
      fs.utimesSync(t.config, new Date(2024, 0, 2), new Date(2024, 0, 2));
      const b = resolveConfigFor(t.values, { cache });
      assert.notEqual(a, b);
      assert.deepEqual(b.rules, { 'wildcard-origin': 'off' });
      assert.equal(resolveConfigFor(t.values, { cache }), b);
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  test('a new config file in a nearer folder is picked up', () => {
    const t = tmpTree();
    try {
      const cache: ConfigCache = new Map();
      const sub = path.join(t.dir, 'sub');
      fs.mkdirSync(sub);
      const a = resolveConfigFor(path.join(sub, 'values.yaml'), { cache });
      assert.deepEqual(a.files, [t.config]);
      fs.writeFileSync(path.join(sub, '.vcluster-cors.yml'), 'maxFileSize: 10\n');
      const b = resolveConfigFor(path.join(sub, 'values.yaml'), { cache });
      assert.deepEqual(b.files, [t.config, path.join(sub, '.vcluster-cors.yml')]);
      assert.equal(b.maxFileSize, 10);
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  test('an invalid file keeps throwing from the cache, and recovers when fixed', () => {
    const t = tmpTree();
    try {
      const cache: ConfigCache = new Map();
      fs.writeFileSync(t.config, 'root: true\nrules:\n  wildcard-origin: warn\n');
      fs.utimesSync(t.config, new Date(2024, 0, 3), new Date(2024, 0, 3));
      configError(() => resolveConfigFor(t.values, { cache }));
      configError(() => resolveConfigFor(t.values, { cache }));
      fs.writeFileSync(t.config, 'root: true\nrules:\n  wildcard-origin: warning\n');
      fs.utimesSync(t.config, new Date(2024, 0, 4), new Date(2024, 0, 4));
      assert.deepEqual(resolveConfigFor(t.values, { cache }).rules, { 'wildcard-origin': 'warning' });
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  test('knownRuleIds is part of the resolved cache key', () => {
    const t = tmpTree();
    try {
      const cache: ConfigCache = new Map();
      resolveConfigFor(t.values, { cache });
      const err = configError(() => resolveConfigFor(t.values, { cache, knownRuleIds: ['no-vary-origin'] }));
      assert.deepEqual(
        err.problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
        ['3:3: unknown rule `wildcard-origin`'],
      );
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });
});

describe('globs', () => {
  const cases: Array<[string, string[], string, boolean]> = [
    ['/repo/prod/values.yaml', ['prod/**'], '/repo', true],
    ['/repo/prod/a/b/values.yaml', ['prod/**'], '/repo', true],
    ['/repo/production/values.yaml', ['prod/**'], '/repo', false],
    ['/repo/x/y-prod.yaml', ['**/*-prod.yaml'], '/repo', true],
    ['/repo/y-prod.yaml', ['**/*-prod.yaml'], '/repo', true],
    ['/repo/.hidden/prod/v.yaml', ['**/prod/**'], '/repo', true],
    ['/repo/prod/values.yaml', ['./prod/**'], '/repo', true],
    ['/other/prod/values.yaml', ['prod/**'], '/repo', false],
    ['/repo/prod/values.yaml', ['prod/**'], '/repo/', true],
    ['/repo/prod/values.yaml', [], '/repo', false],
    ['C:\\repo\\prod\\values.yaml', ['prod/**'], 'C:\\repo', true],
    ['c:\\repo\\prod\\values.yaml', ['prod/**'], 'C:\\repo', true],
    ['C:/repo/prod/values.yaml', ['prod/**'], 'C:\\repo', true],
    ['D:\\repo\\prod\\values.yaml', ['prod/**'], 'C:\\repo', false],
    ['/repo/prod/scratch/v.yaml', ['prod/**', '!prod/scratch/**'], '/repo', false],
    ['/repo/prod/scratch/keep.yaml', ['prod/**', '!prod/scratch/**', '**/keep.yaml'], '/repo', true],
  ];
  for (const [file, globs, base, expected] of cases) {
    test(`${file} ${JSON.stringify(globs)} in ${base} → ${expected}`, () => assert.equal(isGlobMatch(file, globs, base), expected));
  }

  test('matchingGlob names the deciding glob', () => {
    assert.equal(matchingGlob('/repo/a/b-prod.yaml', ['prod/**', '**/*-prod.yaml'], '/repo'), '**/*-prod.yaml');
    assert.equal(matchingGlob('/repo/prod/scratch/keep.yaml', ['prod/**', '!prod/scratch/**', '**/keep.yaml'], '/repo'), '**/keep.yaml');
  });

  test('relativeTo', () => {
    assert.equal(relativeTo('/repo/a/b.yaml', '/repo'), 'a/b.yaml');
    assert.equal(relativeTo('/repo', '/repo'), undefined);
    assert.equal(relativeTo('/x/a.yaml', '/repo'), undefined);
    assert.equal(relativeTo('C:\\Repo\\a\\b.yaml', 'c:\\repo'), 'a/b.yaml');
  });

  test('levenshtein', () => {
    assert.deepEqual(
      [levenshtein('rulez', 'rules'), levenshtein('', 'abc'), levenshtein('kitten', 'sitting'), levenshtein('same', 'same')],
      [1, 3, 3, 0],
    );
  });
});
