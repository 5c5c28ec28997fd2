/**
 * The GitHub Action (action.yml, composite) run locally the way the runner runs it: each `run:` script with
 * `bash --noprofile --norc -eo pipefail`, `${{ inputs.* }}` substituted (defaults for inputs not given), and a
 * fake GITHUB_* environment (workspace, action path, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP).
 * Checks the exit code, the SARIF file (valid SARIF 2.1.0), the workflow-command annotations, the outputs
 * and the step summary.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const PROJECT = path.join(ROOT, 'test/fixtures/formats/project');

interface Step {
  id?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
const action: Action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-action-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Replaces `${{ inputs.name }}` / `${{ steps.id.outputs.name }}`; any other expression is a test failure. */
function expand(s: string, inputs: Record<string, string>, stepOutputs: Record<string, Record<string, string>> = {}): string {
  return s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    let m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m) {
      assert.ok(m[1] in action.inputs, `action.yml uses an undeclared input ${m[1]}`);
      return inputs[m[1]] ?? action.inputs[m[1]].default ?? '';
    }
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (m) return stepOutputs[m[1]]?.[m[2]] ?? '';
    throw new Error(`unsupported expression in action.yml: ${expr}`);
  });
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

let runs = 0;
function runAction(
  files: Record<string, string>,
  inputs: Record<string, string> = {},
  opts: { actionPath?: string; env?: Record<string, string> } = {},
): ActionRun {
  const dir = path.join(tmp, `run-${++runs}`);
  const workspace = path.join(dir, 'workspace');
  const runnerTemp = path.join(dir, 'runner-temp');
  fs.mkdirSync(runnerTemp, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
  }
  fs.mkdirSync(workspace, { recursive: true });
  const outputFile = path.join(dir, 'github-output');
  const summaryFile = path.join(dir, 'step-summary');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: opts.actionPath ?? ROOT,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/platform',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    RUNNER_TEMP: runnerTemp,
    npm_config_cache: path.join(dir, 'npm-cache'),
    ...opts.env,
  };
  assert.equal(action.runs.using, 'composite');
  let stdout = '';
  let stderr = '';
  let code: number | null = 0;
  const stepOutputs: Record<string, Record<string, string>> = {};
  for (const [i, step] of action.runs.steps.entries()) {
    assert.equal(step.uses, undefined, 'every step is a run: step (testable offline)');
    assert.equal(step.shell, 'bash');
    const env = { ...base };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, stepOutputs);
    const script = path.join(dir, `step-${i}.sh`);
    fs.writeFileSync(script, expand(step.run!, inputs, stepOutputs));
    fs.writeFileSync(outputFile, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      env,
      encoding: 'utf8',
      timeout: 120000,
    });
    if (r.error) throw r.error;
    stdout += r.stdout;
    stderr += r.stderr;
    code = r.status;
    const outs: Record<string, string> = {};
    for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (step.id) stepOutputs[step.id] = outs;
    if (code !== 0) break;
  }
  const outputs: Record<string, string> = {};
  for (const [k, o] of Object.entries(action.outputs)) outputs[k] = expand(o.value, inputs, stepOutputs);
  return { code, stdout, stderr, outputs, summary: fs.readFileSync(summaryFile, 'utf8'), workspace };
}

const BROKEN = fs.readFileSync(path.join(PROJECT, 'vcluster-platform.yaml'), 'utf8');
const CLEAN = fs.readFileSync(path.join(PROJECT, 'clean/vcluster-platform.yaml'), 'utf8');
const WARNINGS_ONLY = BROKEN.replace('enable-cors: true', 'enable-cors: "true"');

function githubAnnotations(cwd: string, args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'github', ...args], { cwd, encoding: 'utf8' });
  return r.stdout;
}

describe('action.yml', () => {
  const validate = (() => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    return ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')));
  })();

  test('declares the inputs the README documents', () => {
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'format', 'severity', 'config', 'sarif-file']);
    assert.deepEqual(Object.keys(action.outputs), ['sarif-file', 'errors', 'warnings', 'infos']);
  });

  test('defaults on a broken repository: annotations, SARIF, outputs, summary, exit 1', () => {
    const r = runAction({ 'deploy/vcluster-platform.yaml': BROKEN, 'README.md': '# x\n' });
    assert.equal(r.code, 1, r.stderr);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(annotations.join('\n') + '\n', githubAnnotations(r.workspace, ['.']));
    assert.deepEqual(
      annotations.map((l) => l.slice(0, l.indexOf(','))),
      [
        '::error file=deploy/vcluster-platform.yaml',
        '::warning file=deploy/vcluster-platform.yaml',
        '::warning file=deploy/vcluster-platform.yaml',
      ],
    );
    assert.match(
      r.stdout,
      /^vcluster-cors: 1 error\(s\), 2 warning\(s\), 0 info\(s\)\nvcluster-cors: failing: 1 finding\(s\) at severity error or above\n$/m,
    );

    const sarifPath = path.join(r.workspace, 'vcluster-cors.sarif');
    const log = JSON.parse(fs.readFileSync(sarifPath, 'utf8'));
    assert.ok(validate(JSON.parse(fs.readFileSync(sarifPath, 'utf8'))), JSON.stringify(validate.errors));
    assert.deepEqual(
      log.runs[0].results.map((x: any) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri]),
      [
        ['annotation-value-not-string', 'error', 'deploy/vcluster-platform.yaml'],
        ['origin-default-port', 'warning', 'deploy/vcluster-platform.yaml'],
        ['method-case', 'warning', 'deploy/vcluster-platform.yaml'],
      ],
    );
    assert.deepEqual(r.outputs, { 'sarif-file': 'vcluster-cors.sarif', errors: '1', warnings: '2', infos: '0' });
    assert.equal(r.summary, '### vcluster-cors\n\n1 error(s), 2 warning(s), 0 info(s) in `.` (the step fails on: error).\n');
  });

  test('a clean repository: exit 0 and a SARIF with `results: []`', () => {
    const r = runAction({ 'vcluster-platform.yaml': CLEAN }, { 'sarif-file': 'reports/cors.sarif' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('::')).length, 0);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(r.workspace, 'reports/cors.sarif'), 'utf8')).runs[0].results, []);
    assert.deepEqual(r.outputs, { 'sarif-file': 'reports/cors.sarif', errors: '0', warnings: '0', infos: '0' });
  });

  test('severity threshold: warnings fail at `warning`, pass at `error`; `none` never fails', () => {
    const files = { 'vcluster-platform.yaml': WARNINGS_ONLY };
    assert.equal(runAction(files, { severity: 'error' }).code, 0);
    const w = runAction(files, { severity: 'warning' });
    assert.equal(w.code, 1);
    assert.match(w.stdout, /failing: 2 finding\(s\) at severity warning or above/);
    // An info finding (no-vary-origin, turned on by the project's config) fails at `info`.
    assert.equal(
      runAction({ 'vcluster-platform.yaml': CLEAN, '.vcluster-cors.yaml': 'rules:\n  no-vary-origin: info\n' }, { severity: 'info' }).code,
      1,
    );
    assert.equal(runAction({ 'vcluster-platform.yaml': CLEAN }, { severity: 'info' }).code, 0);
    assert.equal(runAction({ 'vcluster-platform.yaml': BROKEN }, { severity: 'none' }).code, 0);
  });

  test('paths (several, on lines), format and config inputs reach the CLI', () => {
    const files = {
      'a/vcluster-platform.yaml': BROKEN,
      'b/vcluster-platform.yaml': WARNINGS_ONLY,
      'c/vcluster-platform.yaml': BROKEN,
      'strict.yaml': 'rules:\n  method-case: error\n',
    };
    const r = runAction(files, { paths: 'a\nb', format: 'stylish', config: 'strict.yaml', 'sarif-file': '' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^a\/vcluster-platform\.yaml {2}/m);
    assert.match(r.stdout, /^b\/vcluster-platform\.yaml {2}/m);
    assert.doesNotMatch(r.stdout, /c\/vcluster-platform/);
    assert.match(r.stdout, /^ {2}11:65 {2}error {4}method-case /m, 'the config made method-case an error');
    assert.deepEqual(r.outputs, { 'sarif-file': '', errors: '3', warnings: '2', infos: '0' });
    assert.equal(fs.existsSync(path.join(r.workspace, 'vcluster-cors.sarif')), false);
  });

  test('bad inputs and bad configuration stop with exit 2 and an error annotation', () => {
    const bad = runAction({ 'vcluster-platform.yaml': CLEAN }, { severity: 'high' });
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, "::error title=vcluster-cors::the severity input must be error, warning, info or none (got 'high')\n");
    const fmt = runAction({ 'vcluster-platform.yaml': CLEAN }, { format: 'sarif' });
    assert.equal(fmt.code, 2);
    const cfg = runAction({ 'vcluster-platform.yaml': CLEAN }, { config: 'missing.yaml' });
    assert.equal(cfg.code, 2);
    assert.match(cfg.stderr, /missing\.yaml.*config file not found/);
  });

  test('without a built bundle in the action checkout, it installs the npm package of its version', () => {
    const actionPath = path.join(tmp, 'action-checkout');
    fs.mkdirSync(actionPath, { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'action.yml'), path.join(actionPath, 'action.yml'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(actionPath, 'package.json'));
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = path.join(tmp, JSON.parse(pack.stdout)[0].filename);
    // The registry spec (vcluster-cors@<version>) is swapped for the tarball: no network in tests.
    const r = runAction(
      { 'vcluster-platform.yaml': BROKEN },
      {},
      { actionPath, env: { VCLUSTER_CORS_PACKAGE: tarball, npm_config_offline: 'true' } },
    );
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^::group::npm install .*vcluster-cors-[\d.]+\.tgz$/m);
    assert.match(r.stdout, /^::error file=vcluster-platform\.yaml,line=9,col=46,/m);
    assert.deepEqual(r.outputs, { 'sarif-file': 'vcluster-cors.sarif', errors: '1', warnings: '2', infos: '0' });
  });
});
