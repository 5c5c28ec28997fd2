#!/usr/bin/env node
// Run the same e2e mocha suite in desktop VS Code (Electron) via @vscode/test-electron.
// For developer laptops: it downloads VS Code from the VS Code update service,
// which is NOT reachable on the project's CI/dev sandboxes (use run.mjs there).
//
// usage: node test/e2e/harness/electron.mjs --extension <folder | .vsix>
//          --suite <folder of compiled mocha *.js> --workspace <folder>
//          [--settings <json file>] [--vscode-version 1.100.3 | stable]
//          [--code <path to an installed VS Code executable>] [--mocha-timeout 20000]
//          [--grep <regexp>] [--results <file.json>] [--keep]
// Linux without a display: xvfb-run -a node test/e2e/harness/electron.mjs ...
//
// Both launchers share mocha-index.js: VS Code calls its run() (extensionTestsPath);
// the configuration travels in E2E_* environment variables (extensionTestsEnv).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { makeProgressPrinter, printSummary, writeUserSettings } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');
const require = createRequire(import.meta.url);

const { values: opts } = parseArgs({
  options: {
    extension: { type: 'string' },
    suite: { type: 'string' },
    workspace: { type: 'string' },
    settings: { type: 'string' },
    'vscode-version': { type: 'string', default: '1.100.3' },
    code: { type: 'string' },
    'mocha-timeout': { type: 'string', default: '20000' },
    grep: { type: 'string' },
    results: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const abs = (p) => path.resolve(process.cwd(), p);
for (const k of ['extension', 'suite', 'workspace']) {
  if (!opts[k]) {
    console.error(`electron.mjs: --${k} is required`);
    process.exit(2);
  }
}
const extension = abs(opts.extension);
const suiteDir = abs(opts.suite);
const workspace = abs(opts.workspace);
const log = (m) => console.log(`[e2e-electron] ${m}`);

const { runTests, downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } = require('@vscode/test-electron');

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-e2e-electron-'));
const userDataDir = path.join(tmpRoot, 'user-data');
const extensionsDir = path.join(tmpRoot, 'extensions');
const resultsFile = path.join(tmpRoot, 'results.json');
const progressFile = path.join(tmpRoot, 'progress.jsonl');
fs.mkdirSync(extensionsDir, { recursive: true });
writeUserSettings(userDataDir, opts.settings && abs(opts.settings));

let counts = { passed: 0, failed: 1 };
let timer;
try {
  const cachePath = path.join(REPO, '.cache', 'vscode-test'); // git-ignored
  const vscodeExecutablePath = opts.code ? abs(opts.code) : await downloadAndUnzipVSCode({ version: opts['vscode-version'], cachePath });

  // A .vsix is installed into the private extensions dir; an unpacked folder is
  // loaded as the extension under development (no packaging needed).
  let extensionDevelopmentPath = extension;
  const launchArgs = [
    workspace,
    `--user-data-dir=${userDataDir}`,
    `--extensions-dir=${extensionsDir}`,
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-telemetry',
  ];
  if (fs.statSync(extension).isFile()) {
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    const r = spawnSync(
      cli,
      [
        ...cliArgs.filter((a) => !/^--(user-data|extensions)-dir/.test(a)),
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${extensionsDir}`,
        '--install-extension',
        extension,
        '--force',
      ],
      { stdio: 'inherit', shell: process.platform === 'win32' },
    );
    if (r.status !== 0) throw new Error(`installing ${extension} failed (exit ${r.status})`);
    // runTests needs *some* development extension: the harness runner is inert without a trigger file.
    extensionDevelopmentPath = path.join(HERE, 'runner-extension');
  } else {
    launchArgs.push('--disable-extensions'); // other installed extensions off; the dev extension stays on
  }

  const printer = makeProgressPrinter(progressFile, { log });
  timer = setInterval(() => printer.poll(), 250);
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath: path.join(HERE, 'mocha-index.js'),
      launchArgs,
      extensionTestsEnv: {
        E2E_SUITE_DIR: suiteDir,
        E2E_RESULTS_FILE: resultsFile,
        E2E_PROGRESS_FILE: progressFile,
        E2E_MOCHA_TIMEOUT: opts['mocha-timeout'],
        E2E_MOCHA_PATH: require.resolve('mocha'),
        E2E_GREP: opts.grep,
      },
    });
  } catch (err) {
    // runTests rejects when run() threw (= failures); the results file tells the details
    if (!fs.existsSync(resultsFile)) throw err;
  } finally {
    clearInterval(timer);
    printer.poll();
  }
  if (!fs.existsSync(resultsFile)) throw new Error('VS Code exited without writing a results file');
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  if (opts.results) fs.writeFileSync(abs(opts.results), JSON.stringify(results, null, 2));
  counts = printSummary(results, [], { finalLine: false });
} catch (err) {
  console.error(`[e2e-electron] error: ${(err && err.stack) || err}`);
} finally {
  if (!opts.keep) fs.rmSync(tmpRoot, { recursive: true, force: true });
  else log(`kept ${tmpRoot}`);
}
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
