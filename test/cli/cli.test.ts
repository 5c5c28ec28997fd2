/**
 * End-to-end tests of the built CLI (`node server/out/cli.js`, from `node scripts/build.mjs`): exact
 * stdout, stderr and exit codes on the fixtures in test/fixtures/cli.
 *
 * Rule messages are owned by the rule modules, so where the exact text is not the point the expected
 * values are computed with the engine itself; positions, rule ids, JSON shape and exit codes are
 * asserted literally.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  applyEdits,
  fixText,
  hasSyntaxError,
  lintText,
  LineIndex,
  parseConfigText,
  resolveConfigFor,
  ruleIds,
  rules,
  type Environment,
  type Finding,
} from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const FIX = path.join(ROOT, 'test/fixtures/cli');
const SARIF_SCHEMA = path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'NODE_OPTIONS']) delete env[k];
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? FIX, input: opts.input ?? '', env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const read = (rel: string) => fs.readFileSync(path.join(FIX, rel), 'utf8');

/** What the JSON format must print for one finding (the contract of `--format json`). */
function expectedDiagnostic(f: Finding, lines: LineIndex, fixBlocked: boolean) {
  const s = lines.position(f.range.start);
  const e = lines.position(f.range.end);
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    fixable: !fixBlocked && f.fixes.some((x) => x.safe),
    ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
    ...(f.related.length > 0
      ? {
          related: f.related.map((rel) => {
            const rs = lines.position(rel.range.start);
            const re = lines.position(rel.range.end);
            return { message: rel.message, line: rs.line + 1, column: rs.character + 1, endLine: re.line + 1, endColumn: re.character + 1 };
          }),
        }
      : {}),
  };
}

/** The engine's view of a fixture file, linted the way the CLI lints it. */
function engineLint(rel: string, opts: { text?: string; env?: Environment; filePath?: string } = {}) {
  const text = opts.text ?? read(rel);
  const config = resolveConfigFor(path.join(FIX, rel), { knownRuleIds: ruleIds });
  const result = lintText(text, { filePath: opts.filePath ?? rel, environment: opts.env, config });
  const lines = new LineIndex(text);
  const blocked = hasSyntaxError(result);
  return { result, text, config, diagnostics: result.findings.map((f) => expectedDiagnostic(f, lines, blocked)) };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-cli-'));
}

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`node scripts/build.mjs\` first`);
});

describe('usage', () => {
  test('--help prints the commands and exits 0', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: vcluster-cors <command> \[options\] \[paths\.\.\.\]/);
    assert.match(r.stdout, /lint \[paths\.\.\.\]/);
    assert.match(r.stdout, /policy \[paths\.\.\.\]/);
    assert.equal(r.stderr, '');
  });

  test('lint --help documents the options and the stdin --fix behaviour', () => {
    const r = cli(['lint', '--help']);
    assert.equal(r.code, 0);
    for (const opt of [
      '--format',
      '--output',
      '--env',
      '--max-warnings',
      '--quiet',
      '--fix',
      '--fix-dry-run',
      '--config',
      '--stdin-filename',
      '--no-color',
    ]) {
      assert.ok(r.stdout.includes(opt), `lint --help mentions ${opt}`);
    }
    assert.match(r.stdout, /writes the fixed text .* to standard output/);
  });

  test('--version prints the package version', () => {
    assert.deepEqual(cli(['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  test('no command: exit 2', () => {
    const r = cli([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'vcluster-cors: a command is required: `lint`, `policy`, `simulate`, `verify` or `migrate`\nRun `vcluster-cors --help` for usage.\n',
    );
  });

  test('a path instead of a command: exit 2 with a hint', () => {
    const r = cli(['seed/vcluster-platform.yaml']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'vcluster-cors: `seed/vcluster-platform.yaml` is not a command; to lint it, run `vcluster-cors lint seed/vcluster-platform.yaml`\nRun `vcluster-cors --help` for usage.\n',
    );
  });

  test('unknown option: exit 2', () => {
    const r = cli(['lint', '--bogus', 'seed']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'vcluster-cors: unknown option `--bogus`\nRun `vcluster-cors lint --help` for usage.\n');
  });

  test('bad option values: exit 2', () => {
    const cases: [string[], string][] = [
      [['lint', '--format', 'xml', 'seed'], '`--format` must be stylish, json, sarif, github, gitlab or junit (got `xml`)'],
      [['lint', '--format=xml', 'seed'], '`--format` must be stylish, json, sarif, github, gitlab or junit (got `xml`)'],
      [['policy', '--format', 'sarif', 'seed'], '`--format` must be text or json (got `sarif`)'],
      [['lint', '--max-warnings', 'many', 'seed'], '`--max-warnings` must be a whole number of warnings, 0 or more (got `many`)'],
      [['lint', '--env', 'staging', 'seed'], '`--env` must be production or development (got `staging`)'],
      [['lint', 'seed', '--format'], '`--format` needs a value'],
      [['lint', '--fix', '--fix-dry-run', 'seed'], 'use either `--fix` or `--fix-dry-run`, not both'],
      [['lint', '-', 'seed'], '`-` (standard input) cannot be combined with other paths'],
      [['lint', '--stdin-filename', 'x.yaml', 'seed'], '`--stdin-filename` only applies when the path is `-` (standard input)'],
      [['policy', '--fix', 'seed'], '`--fix` is not an option of `policy`'],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr.split('\n')[0], `vcluster-cors: ${message}`, args.join(' '));
    }
  });

  test('missing file: exit 2 with a clear message, nothing on stdout', () => {
    const r = cli(['lint', 'seed/vcluster-platform.yaml', 'nope/values.yaml']);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: 'vcluster-cors: cannot read `nope/values.yaml`: no such file or folder\n' });
  });

  test('a folder without values files: exit 2', () => {
    const r = cli(['lint', 'empty-tree']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'vcluster-cors: no values files found under `empty-tree` (looked for vcluster-platform*.{yaml,yml}, *platform*values*.{yaml,yml}, loft.{yaml,yml}, loft-values.{yaml,yml}, and for YAML files with a Traefik Middleware, Istio VirtualService, HTTPRoute CORS filter, Ingress CORS annotations or a values file with CORS annotations; add others with `files:` in .vcluster-cors.yaml)\n',
    );
  });
});

describe('lint --format json', () => {
  test('clean seed file: exact output, exit 0', () => {
    const r = cli(['lint', '--format', 'json', 'seed/vcluster-platform.yaml']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      '[\n  {\n    "file": "seed/vcluster-platform.yaml",\n    "environment": "production",\n    "diagnostics": []\n  }\n]\n',
    );
  });

  test('broken file: exact shape, positions, ids and key order; exit 1', () => {
    const r = cli(['lint', '--format', 'json', 'broken/vcluster-platform.yaml']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    const { diagnostics } = engineLint('broken/vcluster-platform.yaml');
    assert.deepEqual(out, [{ file: 'broken/vcluster-platform.yaml', environment: 'production', diagnostics }]);
    assert.equal(r.stdout, JSON.stringify(out, null, 2) + '\n', 'pretty-printed with 2 spaces');
    // Key order is part of the contract.
    assert.deepEqual(Object.keys(out[0]), ['file', 'environment', 'diagnostics']);
    // The eight fixed keys first; `messageId` and `related` (when there are any) after them.
    for (const d of out[0].diagnostics) {
      const fixed = ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable'];
      assert.deepEqual(Object.keys(d).slice(0, 8), fixed);
      assert.deepEqual(
        Object.keys(d).slice(8),
        ['messageId', 'related'].filter((k) => k in d),
      );
    }
    // The three problems this fixture is made of, at their exact places (1-based, end exclusive).
    const pick = (id: string): Record<string, unknown>[] =>
      out[0].diagnostics
        .filter((d: { ruleId: string }) => d.ruleId === id)
        .map((d: Record<string, unknown>) => ({ ...d, message: undefined }));
    assert.deepEqual(pick('annotation-value-not-string'), [
      {
        ruleId: 'annotation-value-not-string',
        severity: 'error',
        message: undefined,
        line: 8,
        column: 46,
        endLine: 8,
        endColumn: 50,
        fixable: true,
        messageId: 'boolean',
      },
    ]);
    assert.deepEqual(pick('invalid-origin'), [
      {
        ruleId: 'invalid-origin',
        severity: 'error',
        message: undefined,
        line: 9,
        column: 53,
        endLine: 9,
        endColumn: 83,
        fixable: true,
        messageId: 'wholeInvalid',
      },
    ]);
    const wc = pick('wildcard-with-credentials');
    assert.equal(wc.length, 1);
    // The cause and the credentials setting are related locations, as in SARIF.
    assert.deepEqual(wc[0].related, [
      {
        message: 'Cause (invalid-origin): `cors-allow-origin` is invalid: ingress-nginx rejects the whole value and allows any origin.',
        line: 9,
        column: 53,
        endLine: 9,
        endColumn: 83,
      },
      { message: 'cors-allow-credentials is set here', line: 10, column: 5, endLine: 10, endColumn: 55 },
    ]);
    // It follows from the invalid list: on the cause's range (the entry), listed after it.
    assert.deepEqual([wc[0].severity, wc[0].line, wc[0].column, wc[0].endLine, wc[0].endColumn], ['error', 9, 53, 9, 83]);
  });

  test('files are sorted and each gets an entry, clean ones included', () => {
    const r = cli([
      'lint',
      '--format',
      'json',
      'seed/vcluster-platform.yaml',
      'broken/vcluster-platform.yaml',
      'seed/vcluster-platform.yaml',
    ]);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.map((x: { file: string }) => x.file),
      ['broken/vcluster-platform.yaml', 'seed/vcluster-platform.yaml'],
    );
  });

  test('--quiet reports errors only; exit code unchanged', () => {
    const r = cli(['lint', '--format', 'json', '--quiet', 'broken/vcluster-platform.yaml']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    const { diagnostics } = engineLint('broken/vcluster-platform.yaml');
    assert.ok(
      diagnostics.some((d) => d.severity !== 'error'),
      'fixture has warnings or infos to drop',
    );
    assert.deepEqual(
      out[0].diagnostics,
      diagnostics.filter((d) => d.severity === 'error'),
    );
  });

  test('--env forces the environment', () => {
    const r = cli(['lint', '--format', 'json', '--env', 'development', 'seed/vcluster-platform.yaml']);
    assert.equal(JSON.parse(r.stdout)[0].environment, 'development');
  });

  test('a YAML syntax error is an error finding; no finding of that file is fixable', () => {
    const r = cli(['lint', '--format', 'json', 'syntax/vcluster-platform.yaml']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    const syntax = out[0].diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'yaml-syntax');
    assert.equal(syntax.length, 1);
    assert.deepEqual([syntax[0].severity, syntax[0].line, syntax[0].column], ['error', 5, 52]);
    assert.ok(out[0].diagnostics.some((d: { ruleId: string }) => d.ruleId === 'annotation-value-not-string'));
    assert.ok(out[0].diagnostics.every((d: { fixable: boolean }) => !d.fixable));
  });
});

describe('lint --format stylish', () => {
  test('clean file: no output, exit 0', () => {
    assert.deepEqual(cli(['lint', 'seed/vcluster-platform.yaml']), { code: 0, stdout: '', stderr: '' });
  });

  test('broken file: header with environment, aligned rows, summary', () => {
    const r = cli(['lint', 'broken/vcluster-platform.yaml']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const { result } = engineLint('broken/vcluster-platform.yaml');
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '');
    assert.equal(lines[1], 'broken/vcluster-platform.yaml  (production: default)');
    const rows = lines.slice(2, 2 + result.findings.length);
    const idx = new LineIndex(read('broken/vcluster-platform.yaml'));
    rows.forEach((row, i) => {
      const f = result.findings[i];
      const p = idx.position(f.range.start);
      const m = /^ {2}( *\d+):(\d+ *) {2}(error|warning|info)( *) {2}(\S+)( *) {2}(.*)$/.exec(row);
      assert.ok(m, `row ${i}: ${row}`);
      assert.equal(m[1].trim(), String(p.line + 1));
      assert.equal(m[2].trim(), String(p.character + 1));
      assert.equal(m[3], f.severity);
      assert.equal(m[5], f.ruleId);
      assert.equal(m[7], f.message);
    });
    // columns line up: every message starts at the same column
    const starts = rows.map((row, i) => row.indexOf(result.findings[i].message));
    assert.ok(
      starts.every((s) => s === starts[0]),
      'messages aligned',
    );
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.filter((f) => f.severity === 'warning').length;
    const infos = result.findings.filter((f) => f.severity === 'info').length;
    const fixable = result.findings.filter((f) => f.fixes.some((x) => x.safe)).length;
    const n = (k: number, w: string) => `${k} ${k === 1 ? w : w + 's'}`;
    assert.deepEqual(lines.slice(2 + result.findings.length), [
      '',
      `\u2716 ${n(result.findings.length, 'problem')} (${n(errors, 'error')}, ${n(warnings, 'warning')}, ${n(infos, 'info')})`,
      `  ${n(fixable, 'problem')} ${fixable === 1 ? 'is' : 'are'} fixable with --fix`,
      '',
    ]);
  });

  test('environment detected from a folder name is shown in the header', () => {
    const r = cli(['lint', 'tree/dev/platform-values.yml']);
    assert.equal(r.stdout.split('\n')[1], 'tree/dev/platform-values.yml  (development: folder `dev`)');
  });
});

describe('colors', () => {
  const hasAnsi = (s: string) => s.includes('\u001b[');
  test('not a terminal: no colors', () => {
    assert.ok(!hasAnsi(cli(['lint', 'broken']).stdout));
  });
  test('FORCE_COLOR forces colors, FORCE_COLOR=0 disables them', () => {
    assert.ok(hasAnsi(cli(['lint', 'broken'], { env: { FORCE_COLOR: '1' } }).stdout));
    assert.ok(!hasAnsi(cli(['lint', 'broken'], { env: { FORCE_COLOR: '0' } }).stdout));
  });
  test('NO_COLOR disables colors; --color wins over NO_COLOR; --no-color wins over FORCE_COLOR', () => {
    assert.ok(!hasAnsi(cli(['lint', 'broken'], { env: { NO_COLOR: '1' } }).stdout));
    assert.ok(hasAnsi(cli(['lint', '--color', 'broken'], { env: { NO_COLOR: '1' } }).stdout));
    assert.ok(!hasAnsi(cli(['lint', '--no-color', 'broken'], { env: { FORCE_COLOR: '1' } }).stdout));
  });
  // A real terminal, through util-linux `script` (skipped where it is not installed).
  const script = ['/usr/bin/script', '/bin/script'].find((x) => fs.existsSync(x));
  test('a terminal gets colors unless NO_COLOR is set', { skip: script ? false : 'util-linux `script` is not installed' }, () => {
    const inTty = (env: Record<string, string | undefined>) => {
      const e: NodeJS.ProcessEnv = { ...process.env };
      for (const k of ['NO_COLOR', 'FORCE_COLOR']) delete e[k];
      Object.assign(e, env);
      const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} lint broken`;
      return spawnSync(script!, ['-qec', cmd, '/dev/null'], { cwd: FIX, env: e, encoding: 'utf8' });
    };
    const tty = inTty({});
    assert.equal(tty.status, 1);
    assert.ok(hasAnsi(tty.stdout), 'colors on a terminal');
    const noColor = inTty({ NO_COLOR: '1' });
    assert.equal(noColor.status, 1);
    assert.match(noColor.stdout, /broken\/vcluster-platform\.yaml/);
    assert.ok(!hasAnsi(noColor.stdout), 'NO_COLOR on a terminal');
  });
  test('colored output is the plain output plus escape codes', () => {
    const plain = cli(['lint', 'broken']).stdout;
    const colored = cli(['lint', '--color', 'broken']).stdout;
    assert.equal(colored.replace(/\u001b\[\d+m/g, ''), plain);
  });
});

describe('exit codes and --max-warnings', () => {
  let warnings = 0;
  before(() => {
    const { result } = engineLint('warn/vcluster-platform.yaml');
    assert.equal(result.findings.filter((f) => f.severity === 'error').length, 0, 'warn fixture has no errors');
    warnings = result.findings.filter((f) => f.severity === 'warning').length;
    assert.ok(warnings >= 1, 'warn fixture has warnings');
  });

  test('warnings alone exit 0', () => {
    const r = cli(['lint', 'warn']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /warning/);
  });

  test('more warnings than --max-warnings: exit 1 with a message on stderr', () => {
    const r = cli(['lint', '--max-warnings', '0', 'warn']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `vcluster-cors: too many warnings (${warnings}; --max-warnings is 0)\n`);
  });

  test('as many warnings as --max-warnings: exit 0', () => {
    assert.equal(cli(['lint', '--max-warnings', String(warnings), 'warn']).code, 0);
  });

  test('--quiet hides warnings but they still count for --max-warnings', () => {
    const r = cli(['lint', '--quiet', '--max-warnings', '0', 'warn']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `vcluster-cors: too many warnings (${warnings}; --max-warnings is 0)\n`);
    assert.deepEqual(cli(['lint', '--quiet', 'warn']), { code: 0, stdout: '', stderr: '' });
  });
});

describe('configuration', () => {
  test('an invalid config file: exit 2, problems as file:line:col: message', () => {
    const expected = parseConfigText(read('badconfig/.vcluster-cors.yaml'), 'badconfig/.vcluster-cors.yaml', {
      knownRuleIds: ruleIds,
    }).problems;
    assert.equal(expected.length, 1);
    assert.deepEqual([expected[0].line, expected[0].column], [3, 20]);
    const r = cli(['lint', 'badconfig']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `badconfig/.vcluster-cors.yaml:3:20: ${expected[0].message}\n`);
    // the same for policy
    assert.deepEqual(cli(['policy', 'badconfig']), r);
  });

  test('--config FILE replaces the lookup (and turns rules off)', () => {
    const dir = tmpDir();
    try {
      const { result } = engineLint('broken/vcluster-platform.yaml');
      const ids = [...new Set(result.findings.map((f) => f.ruleId))];
      const cfg = path.join(dir, 'all-off.yaml');
      fs.writeFileSync(cfg, `rules:\n${ids.map((id) => `  ${id}: off`).join('\n')}\n`);
      const r = cli(['lint', '--format', 'json', '--config', cfg, 'broken/vcluster-platform.yaml']);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout)[0].diagnostics, []);
      // even the invalid config of badconfig/ is not read then
      assert.equal(cli(['lint', '--config', cfg, 'badconfig']).code, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--config with a missing file: exit 2', () => {
    assert.deepEqual(cli(['lint', '--config', 'missing.yaml', 'seed']), {
      code: 2,
      stdout: '',
      stderr: 'missing.yaml:1:1: config file not found\n',
    });
  });

  test('--print-config prints the resolved configuration as JSON', () => {
    const r = cli(['lint', '--print-config', 'seed/vcluster-platform.yaml']);
    assert.equal(r.code, 0);
    const cfg = JSON.parse(r.stdout);
    assert.deepEqual(cfg.files, [path.join(FIX, '.vcluster-cors.yaml')]);
    assert.deepEqual(cfg.rules, {});
  });
});

describe('standard input', () => {
  test('--stdin-filename names the input: environment detection and report', () => {
    const text = read('broken/vcluster-platform.yaml');
    const r = cli(['lint', '--format', 'json', '--stdin-filename', 'values-dev.yaml', '-'], { input: text });
    const out = JSON.parse(r.stdout);
    assert.equal(out[0].file, 'values-dev.yaml');
    assert.equal(out[0].environment, 'development');
    const { diagnostics } = engineLint('values-dev.yaml', { text });
    assert.deepEqual(out[0].diagnostics, diagnostics);
    assert.equal(r.code, diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
  });

  test('without --stdin-filename the input is <stdin>, production', () => {
    const r = cli(['lint', '--format', 'json', '-'], { input: read('seed/vcluster-platform.yaml') });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '[\n  {\n    "file": "<stdin>",\n    "environment": "production",\n    "diagnostics": []\n  }\n]\n');
  });

  test('--fix with stdin: fixed text on stdout, report on stderr', () => {
    const input = read('broken/vcluster-platform.yaml');
    const fixed = fixText(input, { filePath: '<stdin>', config: resolveConfigFor(path.join(FIX, '<stdin>'), { knownRuleIds: ruleIds }) });
    assert.notEqual(fixed.text, input);
    const r = cli(['lint', '--fix', '--format', 'json', '-'], { input });
    assert.equal(r.stdout, fixed.text);
    const report = JSON.parse(r.stderr);
    assert.equal(report[0].file, '<stdin>');
    assert.ok(report[0].diagnostics.every((d: { fixable: boolean }) => !d.fixable));
    assert.equal(r.code, fixed.result.findings.some((f) => f.severity === 'error') ? 1 : 0);
  });

  test('--fix with stdin and --output: report to the file, only the text on stdout', () => {
    const dir = tmpDir();
    try {
      const input = read('seed/vcluster-platform.yaml');
      const r = cli(['lint', '--fix', '--format', 'json', '--output', path.join(dir, 'report.json'), '-'], { input });
      assert.deepEqual(r, { code: 0, stdout: input, stderr: '' });
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'))[0].file, '<stdin>');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--fix', () => {
  let dir = '';
  before(() => {
    dir = tmpDir();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const BROKEN_FIXED = [
    'ingress:',
    '  enabled: true',
    '  host: loft.example.com',
    '  ingressClass: nginx',
    '  tls:',
    '    enabled: true',
    '  annotations:',
    '    nginx.ingress.kubernetes.io/enable-cors: "true"',
    '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"',
    '    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"',
    '    nginx.ingress.kubernetes.io/cors-max-age: "7200"',
    '',
  ].join('\n');

  test('fixes a copy of the broken file to the exact expected text, keeping its mode', () => {
    const file = path.join(dir, 'vcluster-platform.yaml');
    fs.copyFileSync(path.join(FIX, 'broken/vcluster-platform.yaml'), file);
    fs.chmodSync(file, 0o640);
    const r = cli(['lint', '--fix', '--format', 'json', 'vcluster-platform.yaml'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(fs.readFileSync(file, 'utf8'), BROKEN_FIXED);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ['vcluster-platform.yaml'], 'no temporary file left behind');
    // The report describes the fixed file.
    const out = JSON.parse(r.stdout);
    const fixedLint = lintText(BROKEN_FIXED, { filePath: 'vcluster-platform.yaml' });
    assert.deepEqual(
      out[0].diagnostics.map((d: { ruleId: string; line: number }) => [d.ruleId, d.line]),
      fixedLint.findings.map((f) => [f.ruleId, new LineIndex(BROKEN_FIXED).position(f.range.start).line + 1]),
    );
    assert.equal(r.code, fixedLint.findings.some((f) => f.severity === 'error') ? 1 : 0);
  });

  test('a second run finds nothing fixable and leaves the file alone', () => {
    const file = path.join(dir, 'vcluster-platform.yaml');
    const before = fs.statSync(file);
    const r = cli(['lint', '--fix', '--format', 'json', 'vcluster-platform.yaml'], { cwd: dir });
    assert.ok(JSON.parse(r.stdout)[0].diagnostics.every((d: { fixable: boolean }) => !d.fixable));
    assert.equal(fs.readFileSync(file, 'utf8'), BROKEN_FIXED);
    assert.equal(fs.statSync(file).ino, before.ino, 'not rewritten');
    const plain = cli(['lint', 'vcluster-platform.yaml'], { cwd: dir });
    assert.doesNotMatch(plain.stdout, /fixable with --fix/);
  });

  test('fixText reaches the same fixed point in the engine', () => {
    const res = fixText(read('broken/vcluster-platform.yaml'), { filePath: 'vcluster-platform.yaml' });
    assert.equal(res.text, BROKEN_FIXED);
    assert.ok(res.fixed >= 3, `fixed ${res.fixed}`);
    assert.ok(res.passes >= 1 && res.passes <= 10);
    assert.equal(res.stopped, undefined);
    const again = fixText(res.text, { filePath: 'vcluster-platform.yaml' });
    assert.deepEqual([again.text, again.fixed, again.passes], [BROKEN_FIXED, 0, 0]);
  });

  test('a file with a YAML syntax error is left byte-identical', () => {
    const file = path.join(dir, 'syntax-platform-values.yaml');
    const original = fs.readFileSync(path.join(FIX, 'syntax/vcluster-platform.yaml'));
    fs.writeFileSync(file, original);
    const r = cli(['lint', '--fix', 'syntax-platform-values.yaml'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.ok(fs.readFileSync(file).equals(original));
    assert.match(r.stdout, /yaml-syntax/);
    assert.doesNotMatch(r.stdout, /fixable with --fix/);
    const res = fixText(original.toString('utf8'), { filePath: file });
    assert.deepEqual([res.text === original.toString('utf8'), res.fixed, res.stopped], [true, 0, 'syntax-error']);
  });

  test('--fix-dry-run reports what --fix would leave, without writing', () => {
    const file = path.join(dir, 'dry-platform-values.yaml');
    fs.copyFileSync(path.join(FIX, 'broken/vcluster-platform.yaml'), file);
    const dry = cli(['lint', '--fix-dry-run', '--format', 'json', 'dry-platform-values.yaml'], { cwd: dir });
    assert.equal(fs.readFileSync(file, 'utf8'), read('broken/vcluster-platform.yaml'));
    const expected = fixText(read('broken/vcluster-platform.yaml'), { filePath: 'dry-platform-values.yaml' });
    const lines = new LineIndex(expected.text);
    assert.deepEqual(
      JSON.parse(dry.stdout)[0].diagnostics,
      expected.result.findings.map((f) => expectedDiagnostic(f, lines, false)),
    );
  });
});

describe('--output', () => {
  test('writes the report to the file (creating its folder) and nothing to stdout', () => {
    const dir = tmpDir();
    try {
      const out = path.join(dir, 'reports', 'cors.json');
      const r = cli(['lint', '--format', 'json', '-o', out, 'broken/vcluster-platform.yaml']);
      assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', '']);
      assert.equal(fs.readFileSync(out, 'utf8'), cli(['lint', '--format', 'json', 'broken/vcluster-platform.yaml']).stdout);
      const styl = path.join(dir, 'cors.txt');
      cli(['lint', '--output', styl, 'broken'], { env: { FORCE_COLOR: '1' } });
      assert.ok(!fs.readFileSync(styl, 'utf8').includes('\u001b['), 'no colors in files unless --color');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('folder search', () => {
  let dir = '';
  before(() => {
    dir = tmpDir();
    fs.cpSync(path.join(FIX, 'tree'), path.join(dir, 'tree'), { recursive: true });
    fs.copyFileSync(path.join(FIX, '.vcluster-cors.yaml'), path.join(dir, '.vcluster-cors.yaml'));
    // Folders that are never searched (created here: node_modules/ and .git/ cannot be committed as fixtures).
    for (const sub of ['node_modules/some-chart', '.git/x']) {
      fs.mkdirSync(path.join(dir, 'tree', sub), { recursive: true });
      fs.copyFileSync(path.join(FIX, 'broken/vcluster-platform.yaml'), path.join(dir, 'tree', sub, 'vcluster-platform.yaml'));
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = (r: RunResult) => JSON.parse(r.stdout).map((x: { file: string }) => x.file);

  test('finds values files recursively, sorted; skips templates/, node_modules/, .git/ and other names', () => {
    const r = cli(['lint', '--format', 'json', 'tree'], { cwd: dir });
    assert.equal(r.stderr, '');
    // docs/example.yaml is found by content: it has CORS annotations under `ingress:`.
    assert.deepEqual(files(r), [
      'tree/dev/platform-values.yml',
      'tree/docs/example.yaml',
      'tree/loft.yaml',
      'tree/prod/vcluster-platform.yaml',
    ]);
    assert.equal(r.code, 0);
    const envs = JSON.parse(r.stdout).map((x: { environment: string }) => x.environment);
    assert.deepEqual(envs, ['development', 'production', 'production', 'production']);
  });

  test('the current folder is the default path', () => {
    const r = cli(['lint', '--format', 'json'], { cwd: path.join(dir, 'tree') });
    assert.deepEqual(files(r), ['dev/platform-values.yml', 'docs/example.yaml', 'loft.yaml', 'prod/vcluster-platform.yaml']);
  });

  test('files named explicitly are always linted, whatever their name or folder', () => {
    const r = cli(['lint', '--format', 'json', 'tree/docs/example.yaml', 'tree/chart/templates/vcluster-platform.yaml', 'tree'], {
      cwd: dir,
    });
    assert.deepEqual(files(r), [
      'tree/chart/templates/vcluster-platform.yaml',
      'tree/dev/platform-values.yml',
      'tree/docs/example.yaml',
      'tree/loft.yaml',
      'tree/prod/vcluster-platform.yaml',
    ]);
    // the Helm template is linted with its `{{ }}` actions masked: its YAML is fine, so nothing is reported
    assert.equal(r.code, 0);
    const tpl = JSON.parse(r.stdout)[0];
    assert.deepEqual(tpl.diagnostics, []);
  });
});

describe('lint --format sarif', () => {
  let validate: ReturnType<Ajv['compile']>;
  before(() => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
  });

  const sarif = (args: string[]) => {
    const r = cli(['lint', '--format', 'sarif', ...args]);
    assert.equal(r.stderr, '');
    return { r, log: JSON.parse(r.stdout) };
  };

  test('valid SARIF 2.1.0 for a clean and a broken file', () => {
    const { r, log } = sarif(['seed', 'broken', 'syntax']);
    assert.equal(r.code, 1);
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  test('tool.driver lists every rule; results point at them', () => {
    const { log } = sarif(['broken/vcluster-platform.yaml']);
    assert.equal(log.version, '2.1.0');
    assert.equal(typeof log.$schema, 'string');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'vcluster-cors');
    assert.equal(driver.version, VERSION);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((x: { id: string }) => x.id),
      rules.map((x) => x.meta.id),
    );
    for (const [i, rule] of rules.entries()) {
      const d = driver.rules[i];
      assert.equal(d.shortDescription.text, rule.meta.description);
      assert.equal(d.helpUri, `https://github.com/vcluster-cors/vcluster-cors/blob/main/docs/rules/${rule.meta.id}.md`);
      assert.equal(d.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[rule.meta.defaultSeverity]);
    }
    const { result } = engineLint('broken/vcluster-platform.yaml');
    const lines = new LineIndex(read('broken/vcluster-platform.yaml'));
    const results = log.runs[0].results;
    assert.equal(results.length, result.findings.length);
    results.forEach((res: any, i: number) => {
      const f = result.findings[i];
      assert.equal(res.ruleId, f.ruleId);
      assert.equal(driver.rules[res.ruleIndex].id, f.ruleId);
      assert.equal(res.level, { error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      assert.equal(res.message.text, f.message);
      const loc = res.locations[0].physicalLocation;
      assert.deepEqual(loc.artifactLocation, { uri: 'broken/vcluster-platform.yaml', uriBaseId: '%SRCROOT%' });
      const s = lines.position(f.range.start);
      const e = lines.position(f.range.end);
      assert.deepEqual(loc.region, {
        startLine: s.line + 1,
        startColumn: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
      });
    });
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(FIX).href + '/');
  });

  test('fixable findings carry their fix as replacements', () => {
    const { log } = sarif(['broken/vcluster-platform.yaml']);
    const text = read('broken/vcluster-platform.yaml');
    const quote = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'annotation-value-not-string');
    assert.equal(quote.fixes.length, 1);
    const change = quote.fixes[0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'broken/vcluster-platform.yaml');
    const edits = change.replacements.map((x: any) => ({
      start: x.deletedRegion.charOffset,
      end: x.deletedRegion.charOffset + x.deletedRegion.charLength,
      newText: x.insertedContent.text,
    }));
    assert.deepEqual(edits, [
      {
        start: text.indexOf('true\n    nginx.ingress.kubernetes.io/cors-allow-origin'),
        end: text.indexOf('true\n    nginx.ingress.kubernetes.io/cors-allow-origin') + 4,
        newText: '"true"',
      },
    ]);
    assert.match(applyEdits(text, edits), /enable-cors: "true"\n/);
    for (const res of log.runs[0].results) {
      if (res.fixes) assert.ok(res.fixes[0].artifactChanges[0].replacements.length > 0);
    }
    // nothing is offered as a fix in a file that does not parse
    const broken = sarif(['syntax/vcluster-platform.yaml']).log;
    assert.ok(broken.runs[0].results.every((x: { fixes?: unknown }) => x.fixes === undefined));
  });
});

describe('policy', () => {
  test('--format json: exact output for the seed file', () => {
    const r = cli(['policy', '--format', 'json', 'seed/vcluster-platform.yaml']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file: 'seed/vcluster-platform.yaml',
        policies: [
          {
            controller: 'ingress-nginx',
            source: 'ingress',
            line: 4,
            enabled: true,
            allowOrigins: ['https://dashboard.example.com'],
            allowCredentials: true,
            allowMethods: 'GET, POST',
            allowHeaders: 'Authorization, Content-Type',
            exposeHeaders: '',
            maxAge: 3600,
            notes: ['ingress-nginx echoes the request Origin when it matches, without `Vary: Origin`.'],
          },
        ],
      },
    ]);
    const keys = Object.keys(JSON.parse(r.stdout)[0].policies[0]);
    assert.deepEqual(keys, [
      'controller',
      'source',
      'line',
      'enabled',
      'allowOrigins',
      'allowCredentials',
      'allowMethods',
      'allowHeaders',
      'exposeHeaders',
      'maxAge',
      'notes',
    ]);
  });

  test('--format json: any origin is ["*"], defaults are reported', () => {
    const r = cli(['policy', '--format', 'json', 'broken/vcluster-platform.yaml']);
    const p = JSON.parse(r.stdout)[0].policies[0];
    assert.deepEqual([p.allowOrigins, p.allowCredentials, p.maxAge, p.line], [['*'], true, 1728000, 1]);
    assert.ok(p.notes.length >= 2);
  });

  test('--format text: a table with where each value comes from, then the notes', () => {
    const r = cli(['policy', 'seed/vcluster-platform.yaml']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const out = r.stdout;
    assert.ok(out.startsWith('seed/vcluster-platform.yaml\n'));
    assert.match(out, /ingress-nginx: ingress \(line 4\): CORS headers are sent/);
    assert.match(out, /allow-origin +https:\/\/dashboard\.example\.com +line 13\n/);
    assert.match(out, /allow-credentials +true +line 14\n/);
    assert.match(out, /expose-headers +\(not sent\) +default\n/);
    assert.match(out, /max-age +3600 +line 17\n/);
    assert.match(out, /Notes:\n {4}- ingress-nginx echoes the request Origin when it matches, without `Vary: Origin`\.\n/);
  });

  test('authentication in front of the CORS answer is listed (text and json)', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'vcluster-platform.yaml');
    fs.writeFileSync(
      file,
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n' +
        '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"\n' +
        '    nginx.ingress.kubernetes.io/auth-tls-secret: "ns/ca"\n',
    );
    const text = cli(['policy', file]).stdout;
    assert.match(
      text,
      /Authentication in front:\n {4}- `auth-tls-secret` \(line 6, client-certificate\): the preflight gets 400: `auth-tls-verify-client` is `on`/,
    );
    const json = JSON.parse(cli(['policy', '--format', 'json', file]).stdout)[0].policies[0];
    assert.equal(json.authentication.length, 1);
    assert.match(json.authentication[0], /^`auth-tls-secret` \(line 6, client-certificate\): the preflight gets 400/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('text notes explain fallbacks; a file that does not parse gets a warning on stderr', () => {
    const r = cli(['policy', 'broken', 'syntax']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /allow-origin +\* \(any origin\) +line 9/);
    assert.match(r.stdout, /- cors-allow-origin `https:\/\/dashboard\.example\.com\/` does not pass ingress-nginx validation/);
    assert.match(
      r.stderr,
      /^vcluster-cors: syntax\/vcluster-platform\.yaml:5:52: not valid YAML \(.*\); the policy shows only what could be read\n$/,
    );
  });
});

describe('simulate', () => {
  const ann = (a: Record<string, string>) =>
    `ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n${Object.entries(a)
      .map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`)
      .join('\n')}\n`;
  const D = 'https://dashboard.example.com';
  const GUIDE = {
    'enable-cors': 'true',
    'cors-allow-origin': `${D}, https://*.apps.example.com`,
    'cors-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
    'cors-allow-headers': 'Content-Type',
    'cors-allow-credentials': 'true',
    'cors-max-age': '3600',
  };
  let dir = '';
  before(() => {
    dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 'star-platform-values.yaml'),
      ann({ 'enable-cors': 'true', 'cors-allow-origin': '*', 'cors-allow-credentials': 'true' }),
    );
    fs.writeFileSync(path.join(dir, 'vcluster-platform.yaml'), ann(GUIDE));
    // ingress-nginx refuses `*` in cors-allow-headers; Traefik sends it.
    fs.writeFileSync(
      path.join(dir, 'traefik-middleware.yaml'),
      `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - ${D}\n    accessControlAllowHeaders:\n      - "*"\n    accessControlAllowMethods:\n      - GET\n`,
    );
    fs.writeFileSync(path.join(dir, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const sim = (args: string[]) => cli(['simulate', ...args], { cwd: dir });
  const json = (args: string[]) => {
    const r = sim([...args, '--format', 'json']);
    return { ...r, out: JSON.parse(r.stdout) as Record<string, unknown>[] };
  };

  test('`*` + credentials `true` with a credentialed GET: verdict blocked, exit 1 (JSON keys in order)', () => {
    const r = json(['star-platform-values.yaml', '--origin', D, '--credentials']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.equal(r.out.length, 1);
    const o = r.out[0];
    assert.deepEqual(Object.keys(o), [
      'file',
      'controller',
      'source',
      'preflight',
      'verdict',
      'reason',
      'preflightResponse',
      'responseHeaders',
    ]);
    assert.deepEqual(
      { ...o, reason: undefined },
      {
        file: 'star-platform-values.yaml',
        controller: 'ingress-nginx',
        source: 'ingress',
        preflight: false,
        verdict: 'blocked',
        reason: undefined,
        preflightResponse: null,
        responseHeaders: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
          'Access-Control-Allow-Headers':
            'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
          'Access-Control-Max-Age': '1728000',
        },
      },
    );
    assert.equal(o.reason, 'the response has `Access-Control-Allow-Origin: *` and the request carries credentials');

    const t = sim(['star-platform-values.yaml', '--origin', D, '--credentials']);
    assert.equal(t.code, 1);
    assert.match(
      t.stdout,
      /^star-platform-values\.yaml\n\n {2}ingress-nginx: ingress \(line 1\)\n {4}request {4}GET from https:\/\/dashboard\.example\.com, with credentials\n {4}preflight  not needed\n/,
    );
    assert.match(
      t.stdout,
      /\n {4}verdict {4}blocked: the response has `Access-Control-Allow-Origin: \*` and the request carries credentials\n/,
    );
  });

  test('the same GET without credentials is allowed: exit 0', () => {
    const r = json(['star-platform-values.yaml', '--origin', D]);
    assert.equal(r.code, 0);
    assert.equal(r.out[0].verdict, 'allowed');
  });

  test('list mode: the origin (and a wildcard subdomain) is echoed, credentialed GET allowed', () => {
    for (const origin of [D, 'https://x.apps.example.com']) {
      const r = json(['vcluster-platform.yaml', '--origin', origin, '--credentials']);
      assert.equal(r.code, 0, r.stdout);
      const o = r.out[0] as { verdict: string; preflight: boolean; responseHeaders: Record<string, string> };
      assert.equal(o.verdict, 'allowed');
      assert.equal(o.preflight, false);
      assert.equal(o.responseHeaders['Access-Control-Allow-Origin'], origin);
      assert.equal(o.responseHeaders['Access-Control-Allow-Credentials'], 'true');
    }
    const other = json(['vcluster-platform.yaml', '--origin', 'https://evil.example', '--credentials']);
    assert.equal(other.code, 1);
    assert.deepEqual(other.out[0].responseHeaders, {});
    assert.match(String(other.out[0].reason), /`https:\/\/evil\.example` does not match any allowed origin/);
  });

  test('PATCH is allowed after a 204 preflight; `patch` is blocked (case-sensitive)', () => {
    const up = json(['vcluster-platform.yaml', '--origin', D, '--method', 'PATCH', '--credentials']);
    assert.equal(up.code, 0);
    const u = up.out[0] as { preflight: boolean; verdict: string; preflightResponse: { status: number; headers: Record<string, string> } };
    assert.equal(u.preflight, true);
    assert.equal(u.verdict, 'allowed');
    assert.equal(u.preflightResponse.status, 204);
    assert.equal(u.preflightResponse.headers['Access-Control-Allow-Methods'], 'GET, POST, PUT, DELETE, PATCH, OPTIONS');

    const low = json(['vcluster-platform.yaml', '--origin', D, '-X', 'patch', '--credentials']);
    assert.equal(low.code, 1);
    assert.equal(low.out[0].verdict, 'blocked');
    assert.match(
      String(low.out[0].reason),
      /^`patch` is not in `Access-Control-Allow-Methods: GET, POST, PUT, DELETE, PATCH, OPTIONS`: methods are compared case-sensitively/,
    );
    const t = sim(['vcluster-platform.yaml', '--origin', D, '-X', 'patch']);
    assert.match(t.stdout, /note {7}nginx answers any request whose method is not upper-case \(`patch`\) with 400/);
  });

  test('Authorization missing from cors-allow-headers: blocked at the preflight', () => {
    const r = json(['vcluster-platform.yaml', '--origin', D, '--header', 'Authorization: Bearer x', '--credentials']);
    assert.equal(r.code, 1);
    const o = r.out[0] as {
      preflight: boolean;
      verdict: string;
      reason: string;
      preflightResponse: { status: number; headers: Record<string, string> };
    };
    assert.equal(o.preflight, true);
    assert.equal(o.verdict, 'blocked');
    assert.equal(o.reason, 'the request header `authorization` is not in `Access-Control-Allow-Headers: Content-Type`');
    assert.equal(o.preflightResponse.headers['Access-Control-Allow-Headers'], 'Content-Type');
    const t = sim(['vcluster-platform.yaml', '--origin', D, '-H', 'Authorization', '-H', 'Content-Type']);
    assert.match(
      t.stdout,
      /request {4}GET from https:\/\/dashboard\.example\.com, without credentials, headers: Authorization, Content-Type\n/,
    );
    assert.match(t.stdout, /preflight  OPTIONS → 204 \(Access-Control-Request-Headers: authorization,content-type\)\n/);
  });

  test('`*` in allow-headers covering Authorization: browserVerdict after verdict, exit follows the spec verdict', () => {
    const r = json(['traefik-middleware.yaml', '--origin', D, '-H', 'Authorization']);
    assert.equal(r.code, 1);
    assert.deepEqual([r.out[0].controller, r.out[0].source], ['traefik', 'Middleware/cors']);
    assert.deepEqual(Object.keys(r.out[0]), [
      'file',
      'controller',
      'source',
      'preflight',
      'verdict',
      'browserVerdict',
      'reason',
      'preflightResponse',
      'responseHeaders',
    ]);
    assert.deepEqual([r.out[0].verdict, r.out[0].browserVerdict], ['blocked', 'allowed']);
    const t = sim(['traefik-middleware.yaml', '--origin', D, '-H', 'Authorization']);
    assert.match(t.stdout, /browsers {3}allowed today \(current browsers deviate from the Fetch Standard here\)\n/);
  });

  test('several files (sorted like lint): one object per policy; exit 1 when any is blocked', () => {
    const r = json(['vcluster-platform.yaml', 'star-platform-values.yaml', '--origin', D, '--credentials']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.out.map((o) => [o.file, o.verdict]),
      [
        ['star-platform-values.yaml', 'blocked'],
        ['vcluster-platform.yaml', 'allowed'],
      ],
    );
    assert.equal(json(['vcluster-platform.yaml', '--origin', D, '--credentials']).code, 0);
  });

  test('usage errors and a file without CORS configuration: exit 2', () => {
    const cases: [string[], string][] = [
      [['vcluster-platform.yaml'], '`simulate` needs `--origin ORIGIN`: the origin of the page that calls the API'],
      [['--origin', D], '`simulate` needs a values file: `vcluster-cors simulate FILE --origin ORIGIN`'],
      [['vcluster-platform.yaml', '--origin', D, '--format', 'sarif'], '`--format` must be text or json (got `sarif`)'],
      [['vcluster-platform.yaml', '--origin', ''], '`--origin` needs an origin, e.g. https://dashboard.example.com'],
      [['vcluster-platform.yaml', '--origin', D, '--url', 'https://x'], '`--url` is not an option of `simulate`'],
    ];
    for (const [args, msg] of cases) {
      const r = sim(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `vcluster-cors: ${msg}\nRun \`vcluster-cors simulate --help\` for usage.\n`);
    }
    const none = sim(['configmap.yaml', '--origin', D]);
    assert.equal(none.code, 2);
    assert.equal(
      none.stderr,
      'vcluster-cors: no CORS configuration found in `configmap.yaml` (no chart values with an `ingress` block): nothing to simulate\n',
    );
  });

  test('simulate --help documents browserVerdict and the exit codes', () => {
    const r = sim(['--help']);
    assert.equal(r.code, 0);
    for (const s of ['--origin', '--method', '--header', '--credentials', 'browserVerdict', '1  at least one verdict is blocked']) {
      assert.ok(r.stdout.includes(s), `simulate --help mentions ${s}`);
    }
  });
});
