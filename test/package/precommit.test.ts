/**
 * The pre-commit hook (.pre-commit-hooks.yaml): its `files`/`exclude` pick the right staged files, and its
 * entry run the way pre-commit runs it (entry + args + file names as argv) reports the broken file.
 * With Debian's `pre-commit` installed (.ci/run installs it), the real pre-commit runs the hook too:
 * `language: node` from the packed tarball, offline, on a staged file list in a temporary git repository.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const BROKEN = fs.readFileSync(path.join(ROOT, 'test/fixtures/formats/project/vcluster-platform.yaml'), 'utf8');
const CLEAN = fs.readFileSync(path.join(ROOT, 'test/fixtures/formats/project/clean/vcluster-platform.yaml'), 'utf8');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  exclude: string;
  args?: string[];
  require_serial?: boolean;
  pass_filenames?: boolean;
}
const hooks: Hook[] = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
const hook = hooks.find((h) => h.id === 'vcluster-cors')!;

/** pre-commit matches `files` and `exclude` with Python's re.search; these patterns mean the same in JS. */
function selected(files: string[]): string[] {
  const inc = new RegExp(hook.files);
  const exc = new RegExp(hook.exclude);
  return files.filter((f) => inc.test(f) && !exc.test(f));
}

/** The staged files of the scenario, as `git diff --cached --name-only` lists them. */
const STAGED: Record<string, string> = {
  'deploy/vcluster-platform.yaml': BROKEN,
  'envs/prod/platform-values.yml': CLEAN,
  'manifests/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n',
  'chart/templates/ingress.yaml': 'metadata:\n  annotations: {{ toYaml .Values.annotations | nindent 4 }}\n',
  '.gitlab-ci.yml': 'lint:\n  script:\n    - !reference [.setup, script]\n',
  '.github/workflows/ci.yaml': 'on: [push]\n',
  'README.md': '# docs\n',
};

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

describe('.pre-commit-hooks.yaml', () => {
  test('one node hook running `vcluster-cors lint` on YAML files', () => {
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'vcluster-cors lint');
    assert.equal(hook.pass_filenames, undefined, 'file names are passed (the default)');
    assert.equal(hook.require_serial, true, 'one process, one report');
  });

  test('files/exclude: values files and manifests yes; Helm templates, CI configs, non-YAML no', () => {
    assert.deepEqual(selected(Object.keys(STAGED)).sort(), [
      'deploy/vcluster-platform.yaml',
      'envs/prod/platform-values.yml',
      'manifests/deployment.yaml',
    ]);
    assert.deepEqual(selected(['templates/x.yaml', 'a/templates.yaml', 'loft.yml', 'ingress.YAML', 'x.yaml.bak']), [
      'a/templates.yaml',
      'loft.yml',
    ]);
  });

  test('entry + args + staged files as argv: exit 1 on the broken file, 0 when only clean files are staged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-commit-entry-'));
    try {
      writeTree(dir, STAGED);
      const [bin, ...entryArgs] = hook.entry.split(/\s+/);
      assert.equal(bin, 'vcluster-cors');
      const runHook = (files: string[]) =>
        spawnSync(process.execPath, [CLI, ...entryArgs, ...(hook.args ?? []), ...selected(files)], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        });
      const failed = runHook(Object.keys(STAGED));
      assert.equal(failed.status, 1, failed.stderr);
      assert.match(
        failed.stdout,
        /^\ndeploy\/vcluster-platform\.yaml {2}\(production: default\)\n {3}9:46 {2}error {4}annotation-value-not-string /,
      );
      assert.doesNotMatch(failed.stdout, /platform-values|deployment|templates|gitlab/);
      const passed = runHook(['envs/prod/platform-values.yml', 'manifests/deployment.yaml', 'README.md']);
      assert.deepEqual([passed.status, passed.stdout, passed.stderr], [0, '', '']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const havePreCommit = preCommit.status === 0;

test(
  'the real pre-commit runs the hook (language: node, offline, from the packed tarball)',
  { skip: havePreCommit ? false : "pre-commit is not installed (.ci/run installs Debian's pre-commit)", timeout: 180000 },
  () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-commit-real-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PRE_COMMIT_HOME: path.join(tmp, 'home'),
        npm_config_offline: 'true',
        npm_config_cache: path.join(tmp, 'npm-cache'),
        NO_COLOR: '1',
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      };
      for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(prefix|global|local_prefix))/i.test(k)) delete env[k];
      const run = (cmd: string, args: string[], cwd: string) => {
        const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 150000 });
        if (r.error) throw r.error;
        return r;
      };
      const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
      assert.equal(pack.status, 0, pack.stderr);
      const tarball = path.join(tmp, JSON.parse(pack.stdout)[0].filename);

      const repo = path.join(tmp, 'repo');
      fs.mkdirSync(repo);
      assert.equal(run('git', ['init', '-q'], repo).status, 0);
      // A local hook with the published hook's definition; the package comes from the tarball (no registry).
      const { id, name, entry, language, files, exclude, require_serial } = hook;
      const config = {
        repos: [
          { repo: 'local', hooks: [{ id, name, entry, language, files, exclude, require_serial, additional_dependencies: [tarball] }] },
        ],
      };
      fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), JSON.stringify(config, null, 2));
      writeTree(repo, STAGED);
      assert.equal(run('git', ['add', '-A'], repo).status, 0);

      const failed = run('pre-commit', ['run', '--color', 'never'], repo);
      assert.equal(failed.status, 1, failed.stdout + failed.stderr);
      assert.match(failed.stdout, /^vcluster-cors\.+Failed$/m);
      assert.match(failed.stdout, /^- exit code: 1$/m);
      assert.match(failed.stdout, /^deploy\/vcluster-platform\.yaml {2}\(production: default\)$/m);
      assert.match(failed.stdout, /^ {3}9:46 {2}error {4}annotation-value-not-string /m);
      assert.doesNotMatch(failed.stdout, /platform-values\.yml|deployment\.yaml|templates|gitlab-ci/);

      // Fix the file (the quick fix quotes `true`), stage it: the hook passes.
      fs.writeFileSync(path.join(repo, 'deploy/vcluster-platform.yaml'), CLEAN);
      assert.equal(run('git', ['add', '-A'], repo).status, 0);
      const passed = run('pre-commit', ['run', '--color', 'never'], repo);
      assert.equal(passed.status, 0, passed.stdout + passed.stderr);
      assert.match(passed.stdout, /^vcluster-cors\.+Passed$/m);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
);
