#!/usr/bin/env node
// E2E harness: runs a mocha suite inside a real VS Code extension host
// (code-server = VS Code server + web workbench, driven by headless Chromium),
// and/or drives the UI from a screenshot script. See README.md next to this file.
//
// usage: node test/e2e/harness/run.mjs --extension <.vsix | folder> [--extension ...]
//          --suite <folder of compiled mocha *.js> --workspace <folder>
//          [--settings <json file>] [--screenshots <script.mjs>] [--no-suite]
//          [--timeout 600] [--mocha-timeout 20000] [--grep <regexp>]
//          [--results <file.json>] [--screenshot-dir <dir>] [--viewport 1600x1000]
//          [--copy-workspace] [--keep] [--verbose] [--quiet]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { makeProgressPrinter, printSummary, writeUserSettings } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..', '..');
const require = createRequire(import.meta.url);
const CACHE = process.env.CODE_SERVER_CACHE || path.join(REPO, '.cache', 'code-server');
const CODE_SERVER = path.join(CACHE, 'node_modules', '.bin', 'code-server');
const INSTALL_SH = path.join(REPO, 'scripts', 'code-server', 'install.sh');
const RUNNER_EXT = path.join(HERE, 'runner-extension');
const MOCHA_INDEX = path.join(HERE, 'mocha-index.js');
const TRIGGER_NAME = 'e2e-harness-trigger.json';
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------
let opts;
try {
  opts = parseArgs({
    options: {
      extension: { type: 'string', multiple: true, default: [] },
      suite: { type: 'string' },
      workspace: { type: 'string' },
      settings: { type: 'string' },
      screenshots: { type: 'string' },
      'screenshot-dir': { type: 'string' },
      'no-suite': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '600' },
      'mocha-timeout': { type: 'string', default: '20000' },
      grep: { type: 'string' },
      results: { type: 'string' },
      viewport: { type: 'string', default: '1600x1000' },
      keep: { type: 'boolean', default: false },
      'copy-workspace': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  console.error(`run.mjs: ${err.message}`);
  process.exit(2);
}
if (opts.help) {
  console.log(
    fs
      .readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 11)
      .join('\n')
      .replace(/^\/\/ ?/gm, ''),
  );
  process.exit(0);
}
const noSuite = opts['no-suite'];
const usage = (msg) => {
  console.error(`run.mjs: ${msg}\nsee: node test/e2e/harness/run.mjs --help`);
  process.exit(2);
};
if (!opts.workspace) usage('--workspace is required');
if (!noSuite && !opts.suite) usage('--suite is required (or --no-suite with --screenshots)');
if (noSuite && !opts.screenshots) usage('--no-suite needs --screenshots');
const abs = (p) => path.resolve(process.cwd(), p);
let workspace = abs(opts.workspace);
const suiteDir = noSuite ? null : abs(opts.suite);
const extensions = opts.extension.map(abs);
for (const [what, p] of [
  ['--workspace', workspace],
  ['--suite', suiteDir],
  ['--screenshots', opts.screenshots && abs(opts.screenshots)],
  ['--settings', opts.settings && abs(opts.settings)],
  ...extensions.map((e) => ['--extension', e]),
]) {
  if (p && !fs.existsSync(p)) usage(`${what} ${p} does not exist`);
}
const overallTimeoutMs = Number(opts.timeout) * 1000;
const [vw, vh] = opts.viewport.split('x').map(Number);

// ---------------------------------------------------------------------------
// Logging helpers
// ---------------------------------------------------------------------------
const T0 = Date.now();
const secs = () => ((Date.now() - T0) / 1000).toFixed(1);
const log = (msg) => console.log(`[e2e ${secs()}s] ${msg}`);
const vlog = (msg) => opts.verbose && log(msg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tail = (file, n = 60) => {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines.slice(-n - 1).join('\n');
  } catch (err) {
    return `(cannot read ${file}: ${err.code || err.message})`;
  }
};

// ---------------------------------------------------------------------------
// Cleanup: always kill code-server (whole process group) and chromium
// ---------------------------------------------------------------------------
let csProc = null;
let browser = null;
let tmpRoot = null;
let cleaningUp = null;

function killCodeServerSync(signal) {
  if (csProc && csProc.exitCode === null && csProc.signalCode === null) {
    try {
      process.kill(-csProc.pid, signal); // detached => own process group
    } catch {
      /* already gone */
    }
  }
}

async function cleanup() {
  if (cleaningUp) return cleaningUp;
  cleaningUp = (async () => {
    if (browser) {
      await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
      browser = null;
    }
    if (csProc && csProc.exitCode === null && csProc.signalCode === null) {
      const exited = new Promise((r) => csProc.once('exit', r));
      killCodeServerSync('SIGTERM');
      if ((await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) === false) {
        killCodeServerSync('SIGKILL');
        await Promise.race([exited, sleep(2000)]);
      }
    }
    // Extension host / watchers may have left the group alive briefly: make sure.
    if (csProc) killCodeServerSync('SIGKILL');
    if (tmpRoot && !opts.keep) fs.rmSync(tmpRoot, { recursive: true, force: true });
    else if (tmpRoot) log(`kept temp dir ${tmpRoot}`);
  })();
  return cleaningUp;
}

process.on('exit', () => killCodeServerSync('SIGKILL')); // last resort, synchronous
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`${sig}: cleaning up`);
    await cleanup();
    process.exit(130);
  });
}
process.on('uncaughtException', async (err) => {
  console.error(`[e2e] uncaught exception: ${err && err.stack}`);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
});
process.on('unhandledRejection', async (err) => {
  console.error(`[e2e] unhandled rejection: ${err && err.stack}`);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
});

// ---------------------------------------------------------------------------
// Setup helpers
// ---------------------------------------------------------------------------
function ensureCodeServer() {
  const t = Date.now();
  const r = spawnSync('bash', [INSTALL_SH], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${INSTALL_SH} failed with exit code ${r.status}`);
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server not found at ${CODE_SERVER} after install`);
  vlog(`install check took ${Date.now() - t}ms`);
}

/** Environment for code-server: hermetic, without VS Code variables of a parent VS Code terminal. */
function codeServerEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'PASSWORD' || k === 'HASHED_PASSWORD' || k === 'PORT') continue;
    env[k] = v;
  }
  return Object.assign(env, {
    XDG_CONFIG_HOME: path.join(tmpRoot, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmpRoot, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmpRoot, 'xdg-cache'),
    CS_DISABLE_FILE_DOWNLOADS: '1',
    ...extra,
  });
}

function baseCliArgs(dirs) {
  return ['--config', dirs.config, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];
}

function readManifest(dir) {
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (!pj.publisher || !pj.name || !pj.version) throw new Error(`${dir}/package.json lacks publisher/name/version`);
  return pj;
}

/** Install one extension: .vsix through the CLI, a folder by copying it in as publisher.name-version. */
function installExtension(src, dirs, env) {
  if (fs.statSync(src).isFile()) {
    if (!src.endsWith('.vsix')) throw new Error(`--extension ${src}: expected a .vsix file or an extension folder`);
    const t = Date.now();
    const r = spawnSync(CODE_SERVER, [...baseCliArgs(dirs), '--force', '--install-extension', src], { env, encoding: 'utf8' });
    if (r.status !== 0 || /Failed|error/i.test(r.stderr || '')) {
      throw new Error(`installing ${src} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    log(`installed ${path.basename(src)} (${Date.now() - t}ms): ${(r.stdout || '').trim().split('\n').pop()}`);
    return;
  }
  const pj = readManifest(src);
  const dest = path.join(dirs.extensions, `${pj.publisher}.${pj.name}-${pj.version}`.toLowerCase());
  const skip = new Set(['.git', '.cache', '.vscode-test', 'test-results']);
  fs.cpSync(src, dest, {
    recursive: true,
    dereference: true,
    filter: (p) => {
      const rel = path.relative(src, p);
      const first = rel.split(path.sep)[0];
      return !skip.has(first) && !p.endsWith('.vsix');
    },
  });
  registerCopiedExtension(dirs.extensions, dest, pj);
  log(`installed ${pj.publisher}.${pj.name}@${pj.version} (folder copy) -> ${path.basename(dest)}`);
}

/**
 * VS Code keeps the list of installed extensions in <extensions-dir>/extensions.json.
 * When that file exists (e.g. after a --install-extension), folders copied next to it
 * are ignored unless listed there, so register them.
 */
function registerCopiedExtension(extDir, dest, pj) {
  const file = path.join(extDir, 'extensions.json');
  let list = [];
  if (fs.existsSync(file)) list = JSON.parse(fs.readFileSync(file, 'utf8'));
  const id = `${pj.publisher}.${pj.name}`.toLowerCase();
  list = list.filter((e) => e.identifier.id.toLowerCase() !== id);
  const uri = pathToFileURL(dest);
  list.push({
    identifier: { id },
    version: pj.version,
    location: { $mid: 1, fsPath: dest, external: uri.href, path: uri.pathname, scheme: 'file' },
    relativeLocation: path.basename(dest),
    metadata: { installedTimestamp: Date.now(), pinned: true, source: 'vsix' },
  });
  fs.writeFileSync(file, JSON.stringify(list));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs, isAlive) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!isAlive()) throw new Error('code-server exited before it was ready');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs}ms waiting for ${url}`);
}

function findLogs(dir, re, out = []) {
  let ents = [];
  try {
    ents = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of ents) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findLogs(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Screenshot helpers given to --screenshots scripts
// ---------------------------------------------------------------------------
function makeHelpers(page, ctx) {
  const isMac = false;
  const mod = isMac ? 'Meta' : 'Control';
  const h = {
    ...ctx,
    sleep,
    log,
    /** Wait until the workbench is rendered (status bar + explorer). */
    async waitForWorkbench(timeout = 60000) {
      await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout });
      await page.waitForSelector('.monaco-workbench .part.editor', { timeout });
    },
    /** Open a workspace-relative file via Quick Open (Ctrl+P) and wait for its tab. */
    async quickOpen(relPath, timeout = 20000) {
      await h.closeWidgets();
      await page.keyboard.press(`${mod}+P`);
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(relPath);
      const base = path.basename(relPath);
      await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout });
      await sleep(300); // let the result list settle
      await page.keyboard.press('Enter');
      await page
        .locator(`.tabs-container .tab.active[aria-label*="${base}"], .tabs-container .tab.active:has-text("${base}")`)
        .first()
        .waitFor({ timeout });
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout });
      await page
        .locator('.editor-instance .monaco-editor textarea')
        .first()
        .focus()
        .catch(() => {});
    },
    /** Run a command from the command palette by its label, e.g. 'Hello Ext: Say Hello'. */
    async runCommand(label, timeout = 20000) {
      await h.closeWidgets();
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(`>${label}`);
      await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout });
      await sleep(300);
      await page.keyboard.press('Enter');
    },
    /** Go to line:column in the active editor (Ctrl+G). */
    async gotoLine(line, column = 1, timeout = 10000) {
      await page.keyboard.press(`${mod}+G`);
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(`:${line}:${column}`);
      await sleep(200);
      await page.keyboard.press('Enter');
      await sleep(200);
    },
    /** Wait for a squiggle in the visible editor; kind: 'warning' | 'error' | 'info' | 'any'. */
    async waitForSquiggle(kind = 'any', timeout = 30000) {
      const sel = kind === 'any' ? '.squiggly-error, .squiggly-warning, .squiggly-info' : `.squiggly-${kind}`;
      const loc = page.locator(`.editor-instance .monaco-editor ${sel.split(', ').join(', .editor-instance .monaco-editor ')}`).first();
      await loc.waitFor({ state: 'attached', timeout });
      return loc;
    },
    /** Hover the first squiggle and wait for the hover widget. */
    async hoverSquiggle(kind = 'any', timeout = 15000) {
      const loc = await h.waitForSquiggle(kind, timeout);
      const box = await loc.boundingBox();
      if (!box) throw new Error('squiggle has no bounding box');
      await page.mouse.move(box.x + Math.max(2, box.width / 2), box.y + box.height / 2);
      await page
        .locator('.monaco-hover:not(.hidden) .hover-contents, .monaco-hover .hover-row')
        .first()
        .waitFor({ state: 'visible', timeout });
    },
    /** Open the quick-fix menu (Ctrl+.) at the cursor and wait for it. */
    async openQuickFix(timeout = 15000) {
      await page.keyboard.press(`${mod}+.`);
      await page.locator('.action-widget, .context-view .monaco-list').first().waitFor({ state: 'visible', timeout });
    },
    /** Close quick input / hovers / menus (Escape twice). */
    async closeWidgets() {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    },
    /** Clear all notification toasts. */
    async clearNotifications() {
      await h.runCommand('Notifications: Clear All Notifications').catch(() => {});
      await sleep(200);
    },
    /** Read the browser clipboard (permissions are granted to the page). */
    async clipboardText() {
      return page.evaluate(() => navigator.clipboard.readText());
    },
    /** page.screenshot into the screenshot dir; returns the path. */
    async screenshot(name, options = {}) {
      const file = path.isAbsolute(name) ? name : path.join(ctx.screenshotDir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, ...options });
      log(`screenshot: ${file}`);
      return file;
    },
  };
  return h;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------
async function main() {
  ensureCodeServer();
  const { chromium } = require('playwright-core');

  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-e2e-'));
  const dirs = {
    extensions: path.join(tmpRoot, 'extensions'),
    userData: path.join(tmpRoot, 'user-data'),
    logs: path.join(tmpRoot, 'logs'),
    config: path.join(tmpRoot, 'code-server-config.yaml'),
  };
  for (const d of [dirs.extensions, path.join(dirs.userData, 'User'), dirs.logs]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  log(`temp dir ${tmpRoot}`);
  if (opts['copy-workspace']) {
    // Tests/scripts that save files must not touch the checked-in fixture.
    const copy = path.join(tmpRoot, 'workspace', path.basename(workspace));
    fs.cpSync(workspace, copy, { recursive: true });
    workspace = copy;
    log(`workspace copied to ${copy}`);
  }

  // User settings
  writeUserSettings(dirs.userData, opts.settings && abs(opts.settings));

  // Trigger for the runner extension
  const triggerFile = path.join(dirs.userData, TRIGGER_NAME);
  const resultsFile = path.join(tmpRoot, 'results.json');
  const progressFile = path.join(tmpRoot, 'progress.jsonl');
  fs.writeFileSync(
    triggerFile,
    JSON.stringify(
      {
        indexModule: MOCHA_INDEX,
        mochaPath: require.resolve('mocha'),
        suiteDir,
        resultsFile,
        progressFile,
        timeout: Number(opts['mocha-timeout']),
        grep: opts.grep,
      },
      null,
      2,
    ),
  );

  const env = codeServerEnv({ E2E_HARNESS_TRIGGER: triggerFile });

  // Extensions: the ones under test, then the runner
  for (const e of extensions) installExtension(e, dirs, env);
  installExtension(RUNNER_EXT, dirs, env);

  // code-server
  const port = await freePort();
  const csLog = path.join(dirs.logs, 'code-server.log');
  const csOut = fs.openSync(csLog, 'a');
  const args = [
    ...baseCliArgs(dirs),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  vlog(`${CODE_SERVER} ${args.join(' ')}`);
  csProc = spawn(CODE_SERVER, args, { env, detached: true, stdio: ['ignore', csOut, csOut] });
  csProc.on('exit', (code, sig) => vlog(`code-server exited (${code ?? sig})`));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/healthz`, 60000, () => csProc.exitCode === null && csProc.signalCode === null);
  log(`code-server ${baseUrl} is up (pid ${csProc.pid})`);

  // Browser
  const consoleLog = path.join(dirs.logs, 'browser-console.log');
  const consoleOut = fs.createWriteStream(consoleLog);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-default-apps',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: vw, height: vh },
    deviceScaleFactor: 1,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  page.on('console', (m) => consoleOut.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleOut.write(`[pageerror] ${e.stack || e}\n`));
  page.on('crash', () => consoleOut.write('[crash] page crashed\n'));
  const url = `${baseUrl}/?folder=${encodeURIComponent(workspace)}`;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  log(`browser opened ${url}`);

  const printFailureLogs = () => {
    console.log(`\n----- code-server log (tail) ${csLog} -----\n${tail(csLog)}`);
    for (const f of findLogs(path.join(dirs.userData, 'logs'), /^(remoteexthost|exthost\d*)\.log$/)) {
      console.log(`\n----- extension host log (tail) ${f} -----\n${tail(f)}`);
    }
    console.log(`\n----- browser console (tail) ${consoleLog} -----\n${tail(consoleLog)}`);
  };

  // Wait for the runner: results (suite) or 'ready' (no-suite)
  const printer = makeProgressPrinter(progressFile, { log, verbose: opts.verbose, quiet: opts.quiet });
  const deadline = Date.now() + overallTimeoutMs; // starts once the browser is up (install time excluded)
  let results = null;
  while (Date.now() < deadline) {
    printer.poll();
    if (noSuite ? printer.events.some((e) => e.event === 'ready') : fs.existsSync(resultsFile)) break;
    if (csProc.exitCode !== null || csProc.signalCode !== null) break;
    await sleep(250);
  }
  printer.poll();
  if (!noSuite) {
    if (fs.existsSync(resultsFile)) results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    if (!results) {
      const why = csProc.exitCode !== null || csProc.signalCode !== null ? 'code-server exited' : `no results within ${opts.timeout}s`;
      console.log(`\n[e2e] FAILED: ${why} (runner ${printer.events.some((e) => e.event === 'runner') ? 'started' : 'never started'})`);
      printFailureLogs();
      return { passed: 0, failed: 1 };
    }
    if (results.harnessError) console.log(`[e2e] harness error in extension host:\n${results.harnessError}`);
  } else {
    if (!printer.events.some((e) => e.event === 'ready')) {
      console.log(`\n[e2e] FAILED: extension host not ready within ${opts.timeout}s`);
      printFailureLogs();
      return { passed: 0, failed: 1 };
    }
    results = { tests: [], durationMs: 0, stats: {} };
  }

  // Screenshots / UI script
  const extra = [];
  if (opts.screenshots) {
    const script = abs(opts.screenshots);
    const screenshotDir = abs(opts['screenshot-dir'] || path.join(os.tmpdir(), 'vscode-e2e-screenshots'));
    const title = `screenshots: ${path.relative(REPO, script)}`;
    const t = Date.now();
    console.log(`\n  ${title}`);
    try {
      const helpers = makeHelpers(page, {
        baseUrl,
        workspace,
        screenshotDir,
        userDataDir: dirs.userData,
        extensionsDir: dirs.extensions,
        tmpDir: tmpRoot,
        repoRoot: REPO,
      });
      await helpers.waitForWorkbench();
      const mod = await import(pathToFileURL(script).href);
      if (typeof mod.default !== 'function') throw new Error(`${script} has no default export function`);
      let timer;
      await Promise.race([
        mod.default(page, helpers),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`screenshot script did not finish within ${opts.timeout}s (--timeout)`)),
            overallTimeoutMs,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      extra.push({ state: 'passed', title, fullTitle: title, duration: Date.now() - t });
      console.log(`    ✔ ${title} (${Date.now() - t}ms)`);
    } catch (err) {
      extra.push({ state: 'failed', title, fullTitle: title, error: { message: err.message, stack: err.stack } });
      console.log(`    ✖ ${title}`);
      try {
        await page.screenshot({ path: path.join(screenshotDir, 'failure.png') });
        console.log(`    failure screenshot: ${path.join(screenshotDir, 'failure.png')}`);
      } catch {
        /* ignore */
      }
    }
  }

  if (opts.results) {
    const out = abs(opts.results);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ ...results, extra }, null, 2));
  }
  const counts = printSummary(results, extra, { finalLine: false });
  if (counts.failed > 0 && opts.verbose) printFailureLogs();
  return counts;
}

// The closing line `N passed, N failed` is printed last, after cleanup, alone on its line.
let counts = { passed: 0, failed: 1 };
try {
  counts = await main();
} catch (err) {
  console.error(`[e2e] harness error: ${err && err.stack}`);
}
await cleanup();
log(`total ${secs()}s`);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
