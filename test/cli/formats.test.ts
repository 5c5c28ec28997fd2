/**
 * CI report formats (`--format github|gitlab|junit|sarif`) against golden files, schema validation (SARIF 2.1.0,
 * GitLab Code Quality), fingerprints that survive edits, and the CI flags (--quiet, --max-warnings, stdin).
 *
 * Golden files: test/fixtures/formats/golden/. After an intended change of a rule message or a format,
 * regenerate them with `npm run pretest && UPDATE_GOLDEN=1 node --test out/test/cli/formats.test.js` and
 * review the diff.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { escapeData, escapeProperty } from '../../server/src/cli/format/github';
import { xmlEscape } from '../../server/src/cli/format/junit';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const PROJECT = path.join(ROOT, 'test/fixtures/formats/project');
const GOLDEN = path.join(ROOT, 'test/fixtures/formats/golden');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'NODE_OPTIONS', 'GITHUB_ACTIONS']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? PROJECT, input: opts.input ?? '', env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function validator(schemaFile: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, schemaFile), 'utf8')));
}

/**
 * The parts of a SARIF log that depend on the machine or the release, replaced by placeholders. The rule list
 * (and so each result's ruleIndex) changes with every new rule; cli.test.ts checks both against the registry.
 */
function normalizeSarif(text: string, cwd: string): string {
  const log = JSON.parse(text);
  for (const run of log.runs) {
    run.tool.driver.version = '<version>';
    run.tool.driver.rules = '<every rule: see cli.test.ts>';
    for (const r of run.results) r.ruleIndex = '<index>';
    for (const base of Object.values<{ uri: string }>(run.originalUriBaseIds ?? {})) {
      if (base.uri === pathToFileURL(cwd).href + '/') base.uri = 'file:///<cwd>/';
    }
  }
  return JSON.stringify(log, null, 2) + '\n';
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_GOLDEN=1 regenerates it)`);
}

describe('golden files', () => {
  for (const [format, name] of [
    ['github', 'lint.github.txt'],
    ['gitlab', 'lint.gitlab.json'],
    ['junit', 'lint.junit.xml'],
    ['sarif', 'lint.sarif.json'],
  ] as const) {
    test(`--format ${format}`, () => {
      const r = cli(['lint', '--format', format, '.']);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 1, 'the project has an error');
      golden(name, format === 'sarif' ? normalizeSarif(r.stdout, PROJECT) : r.stdout);
    });
  }
});

describe('--format github', () => {
  test('escapes data and properties the way the Actions runner reads them', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('dir:a,b/100%\n'), 'dir%3Aa%2Cb/100%25%0A');
  });

  test('one workflow command per finding with 1-based, end-exclusive positions; info is a notice', () => {
    const r = cli(['lint', '--format', 'github', 'vcluster-platform.yaml']);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => l.slice(0, l.indexOf('::', 2))),
      [
        '::error file=vcluster-platform.yaml,line=9,col=46,endLine=9,endColumn=50,title=vcluster-cors(annotation-value-not-string)',
        '::warning file=vcluster-platform.yaml,line=10,col=84,endLine=10,endColumn=113,title=vcluster-cors(origin-default-port)',
        '::warning file=vcluster-platform.yaml,line=11,col=65,endLine=11,endColumn=70,title=vcluster-cors(method-case)',
      ],
    );
    // The message ends with the rule's documentation link, on its own (escaped) line.
    assert.match(
      lines[0],
      /::`true` is a boolean in YAML, not a string: the API server rejects it\. `nginx\.ingress\.kubernetes\.io\/enable-cors`: Kubernetes annotations hold strings only\. .*%0Ahttps:\/\/github\.com\/vcluster-cors\/vcluster-cors\/blob\/main\/docs\/rules\/annotation-value-not-string\.md$/,
    );
    assert.ok(lines.every((l) => !/[\r]/.test(l)));
  });

  test('file names with `:` `,` `%` are escaped in the file property', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-fmt-'));
    try {
      const sub = path.join(dir, 'a,b:c%d');
      fs.mkdirSync(sub);
      fs.copyFileSync(path.join(PROJECT, 'vcluster-platform.yaml'), path.join(sub, 'vcluster-platform.yaml'));
      const r = cli(['lint', '--format', 'github', '.'], { cwd: dir });
      assert.match(r.stdout, /^::error file=a%2Cb%3Ac%25d\/vcluster-platform\.yaml,line=9,col=46,/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a clean run prints nothing and exits 0', () => {
    const r = cli(['lint', '--format', 'github', 'clean']);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  });
});

describe('Helm release flags (`--set`) in the CI formats', () => {
  const SET = 'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/enable-cors=yes';
  const run = (format: string) => cli(['lint', '--format', format, '--values', 'clean/vcluster-platform.yaml', '--set', SET]);

  test('github: the annotation names the flag instead of a file', () => {
    const r = run('github');
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const flagged = lines.filter((l) => l.includes('(invalid-boolean)'));
    assert.equal(flagged.length, 1, r.stdout);
    assert.ok(flagged[0].startsWith(`::error title=vcluster-cors(invalid-boolean) --set ${SET}::`), flagged[0]);
    // The file's own finding keeps its file and position.
    assert.ok(lines.some((l) => l.startsWith('::warning file=clean/vcluster-platform.yaml,line=13,col=5,')));
  });

  test('gitlab and junit: the flag as written is the location', () => {
    const gl: any[] = JSON.parse(run('gitlab').stdout);
    assert.ok(gl.some((x) => x.check_name === 'invalid-boolean' && x.location.path === `--set ${SET}` && x.location.lines.begin === 1));
    assert.match(
      run('junit').stdout,
      new RegExp(`<testsuite [^>]*failures="1" name="--set ${SET.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`),
    );
  });
});

describe('--format gitlab', () => {
  const validate = validator('test/fixtures/gitlab/codequality-report.schema.json');

  test('valid against the Code Quality schema; a clean run is an empty array', () => {
    const broken: any[] = JSON.parse(cli(['lint', '--format', 'gitlab', '.']).stdout);
    assert.ok(validate(broken), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(
      broken.map((x: any) => [x.check_name, x.severity, x.location.path, x.location.lines.begin]),
      [
        ['annotation-value-not-string', 'major', 'vcluster-platform.yaml', 9],
        ['origin-default-port', 'minor', 'vcluster-platform.yaml', 10],
        ['method-case', 'minor', 'vcluster-platform.yaml', 11],
      ],
    );
    const clean = cli(['lint', '--format', 'gitlab', 'clean']);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, '[]\n');
    assert.ok(validate(JSON.parse(clean.stdout)));
  });

  test('the schema rejects what GitLab rejects (it is not vacuous)', () => {
    const good = JSON.parse(cli(['lint', '--format', 'gitlab', '.']).stdout)[0];
    const bad = [
      { ...good, severity: 'error' },
      { ...good, fingerprint: undefined },
      { ...good, location: { path: good.location.path } },
      { ...good, location: { ...good.location, path: '/abs/path.yaml' } },
    ].map((x) => JSON.parse(JSON.stringify(x)));
    for (const b of bad) assert.equal(validate([b]), false, JSON.stringify(b));
  });
});

describe('--format junit', () => {
  test('escapes XML and drops characters XML 1.0 cannot carry', () => {
    assert.equal(xmlEscape(`a<b>&"c'\u0001\u0007d`), 'a&lt;b&gt;&amp;&quot;c&apos;d');
  });

  test('one suite per file; findings are failures, a clean file one passing case', () => {
    const r = cli(['lint', '--format', 'junit', '.']);
    const suites = [...r.stdout.matchAll(/<testsuite [^>]*tests="(\d+)" errors="0" failures="(\d+)" name="([^"]+)">/g)].map((m) => [
      m[3],
      +m[1],
      +m[2],
    ]);
    assert.deepEqual(suites, [
      ['clean/vcluster-platform.yaml', 1, 0],
      ['vcluster-platform.yaml', 3, 3],
    ]);
    assert.equal((r.stdout.match(/<failure /g) ?? []).length, 3);
    assert.match(r.stdout, /<testcase time="0" name="clean\/vcluster-platform.yaml" classname="clean\/vcluster-platform.yaml" \/>/);
  });
});

describe('SARIF for code scanning', () => {
  const validate = validator('test/fixtures/sarif/sarif-schema-2.1.0.json');

  test('a clean run still has `results: []` and every rule a helpUri', () => {
    const r = cli(['lint', '--format', 'sarif', 'clean']);
    assert.equal(r.code, 0);
    assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors, null, 2));
    const log = JSON.parse(r.stdout);
    assert.deepEqual(log.runs[0].results, []);
    for (const rule of log.runs[0].tool.driver.rules)
      assert.match(rule.helpUri, new RegExp(`^https://github\\.com/vcluster-cors/vcluster-cors/blob/main/docs/rules/${rule.id}\\.md$`));
  });

  test('partialFingerprints survive lines added above and re-indentation; duplicates differ', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-fp-'));
    try {
      const file = path.join(dir, 'vcluster-platform.yaml');
      const original = fs.readFileSync(path.join(PROJECT, 'vcluster-platform.yaml'), 'utf8');
      const prints = () => {
        const log = JSON.parse(cli(['lint', '--format', 'sarif', '.'], { cwd: dir }).stdout);
        return log.runs[0].results.map((x: any) => [
          x.ruleId,
          x.partialFingerprints['vclusterCors/v1'],
          x.locations[0].physicalLocation.region.startLine,
        ]);
      };
      fs.writeFileSync(file, original);
      const before = prints();
      assert.equal(before.length, 3);
      for (const [, fp] of before) assert.match(fp, /^[0-9a-f]{32}$/);
      assert.equal(new Set(before.map((x: string[]) => x[1])).size, 3);

      // Three lines added above, and the whole document indented under a top-level key's sibling: same fingerprints.
      fs.writeFileSync(file, '# a comment\n# another\nconfig: {}\n' + original);
      const after = prints();
      assert.deepEqual(
        after.map((x: any[]) => [x[0], x[1]]),
        before.map((x: any[]) => [x[0], x[1]]),
      );
      assert.deepEqual(
        after.map((x: any[]) => x[2]),
        before.map((x: any[]) => x[2] + 3),
      );

      // The same fingerprint in another file is a different alert.
      fs.mkdirSync(path.join(dir, 'copy'));
      fs.writeFileSync(path.join(dir, 'copy', 'vcluster-platform.yaml'), original);
      const both = prints();
      assert.equal(new Set(both.map((x: any[]) => x[1])).size, 6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the same mistake twice in one file gets two fingerprints', () => {
    const text = fs.readFileSync(path.join(PROJECT, 'vcluster-platform.yaml'), 'utf8');
    const twice = text + '---\n' + text.split('\n').slice(1).join('\n');
    const log = JSON.parse(cli(['lint', '--format', 'sarif', '--stdin-filename', 'vcluster-platform.yaml', '-'], { input: twice }).stdout);
    const quoted = log.runs[0].results.filter((x: any) => x.ruleId === 'annotation-value-not-string');
    assert.equal(quoted.length, 2);
    assert.notEqual(quoted[0].partialFingerprints['vclusterCors/v1'], quoted[1].partialFingerprints['vclusterCors/v1']);
  });

  test('the driver version is the package version', () => {
    assert.equal(JSON.parse(cli(['lint', '--format', 'sarif', 'clean']).stdout).runs[0].tool.driver.version, VERSION);
  });
});

describe('CI flags in every format', () => {
  test('--quiet reports errors only (github, gitlab, junit, sarif)', () => {
    assert.deepEqual(
      cli(['lint', '--quiet', '--format', 'github', '.'])
        .stdout.trimEnd()
        .split('\n')
        .map((l) => l.split(' ')[0]),
      ['::error'],
    );
    assert.deepEqual(
      JSON.parse(cli(['lint', '--quiet', '--format', 'gitlab', '.']).stdout).map((x: any) => x.check_name),
      ['annotation-value-not-string'],
    );
    assert.equal((cli(['lint', '--quiet', '--format', 'junit', '.']).stdout.match(/<failure /g) ?? []).length, 1);
    assert.deepEqual(
      JSON.parse(cli(['lint', '--quiet', '--format', 'sarif', '.']).stdout).runs[0].results.map((x: any) => x.level),
      ['error'],
    );
  });

  test('--max-warnings: warnings alone pass up to N and fail above it', () => {
    const onlyWarnings = fs
      .readFileSync(path.join(PROJECT, 'vcluster-platform.yaml'), 'utf8')
      .replace('enable-cors: true', 'enable-cors: "true"');
    const run = (n: string) =>
      cli(['lint', '--format', 'github', '--max-warnings', n, '--stdin-filename', 'vcluster-platform.yaml', '-'], { input: onlyWarnings });
    assert.equal(run('2').code, 0);
    const over = run('1');
    assert.equal(over.code, 1);
    assert.equal(over.stderr, 'vcluster-cors: too many warnings (2; --max-warnings is 1)\n');
    assert.equal(over.stdout.split('\n').filter((l) => l.startsWith('::warning ')).length, 2);
  });

  test('`-` with --stdin-filename: the name is the annotation and report path', () => {
    const text = fs.readFileSync(path.join(PROJECT, 'vcluster-platform.yaml'), 'utf8');
    const gh = cli(['lint', '--format', 'github', '--stdin-filename', 'deploy/vcluster-platform.yaml', '-'], { input: text });
    assert.equal(gh.code, 1);
    assert.match(gh.stdout, /^::error file=deploy\/vcluster-platform\.yaml,line=9,col=46,/);
    const gl = JSON.parse(
      cli(['lint', '--format', 'gitlab', '--stdin-filename', 'deploy/vcluster-platform.yaml', '-'], { input: text }).stdout,
    );
    assert.deepEqual([...new Set(gl.map((x: any) => x.location.path))], ['deploy/vcluster-platform.yaml']);
  });
});
