// Shared mocha entry point for e2e suites that run INSIDE a VS Code extension host.
//
// Used by both launchers:
//  - code-server (run.mjs): the harness runner extension calls runSuite(config)
//    with the config it read from the trigger file;
//  - @vscode/test-electron (electron.mjs): VS Code loads this file as
//    `extensionTestsPath` and calls run() with no arguments; the config then
//    comes from E2E_* environment variables (electron.mjs sets them).
//
// Every *.js file of the suite folder (recursively, sorted) is loaded with
// ui 'bdd'. Progress is streamed as JSON lines to `progressFile`, the final
// result is written to `resultsFile` (atomically: tmp file + rename).
//
// Plain CommonJS on purpose: it is require()d by the extension host.
'use strict';

const fs = require('fs');
const path = require('path');

function configFromEnv() {
  const env = process.env;
  return {
    suiteDir: env.E2E_SUITE_DIR,
    resultsFile: env.E2E_RESULTS_FILE,
    progressFile: env.E2E_PROGRESS_FILE,
    mochaPath: env.E2E_MOCHA_PATH,
    timeout: env.E2E_MOCHA_TIMEOUT ? Number(env.E2E_MOCHA_TIMEOUT) : undefined,
    grep: env.E2E_GREP,
  };
}

function listTestFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const ent of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) {
        if (ent.name !== 'node_modules') walk(p);
      } else if (ent.isFile() && ent.name.endsWith('.js')) {
        out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

function serializeError(err) {
  if (!err) return undefined;
  const e = { message: String(err.message !== undefined ? err.message : err), stack: err.stack ? String(err.stack) : undefined };
  if (err.name) e.name = String(err.name);
  if (err.code) e.code = String(err.code);
  if ('actual' in err || 'expected' in err) {
    try {
      e.actual = typeof err.actual === 'string' ? err.actual : JSON.stringify(err.actual);
      e.expected = typeof err.expected === 'string' ? err.expected : JSON.stringify(err.expected);
    } catch {
      /* ignore unserializable values */
    }
  }
  return e;
}

function writeJsonAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2));
  fs.renameSync(tmp, file);
}

/**
 * Run the suite. Resolves with the results object (never rejects because of
 * test failures; rejects only on harness misconfiguration).
 */
async function runSuite(config) {
  const cfg = Object.assign({}, configFromEnv(), config || {});
  if (!cfg.suiteDir) throw new Error('mocha-index: no suiteDir (E2E_SUITE_DIR)');
  const emit = (ev) => {
    const line = JSON.stringify(Object.assign({ t: Date.now() }, ev));
    if (cfg.progressFile) {
      try {
        fs.appendFileSync(cfg.progressFile, line + '\n');
      } catch {
        /* ignore */
      }
    }
    if (cfg.echo === true) console.log(`[e2e] ${line}`);
  };

  // eslint-disable-next-line import/no-dynamic-require
  const Mocha = require(cfg.mochaPath || 'mocha');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: cfg.timeout || 20000,
    slow: 2000,
    forbidOnly: true, // a stray .only would silently skip the rest of the suite
    grep: cfg.grep || undefined,
    reporter: function NullReporter() {}, // we collect results via runner events below
  });

  const results = {
    startedAt: new Date().toISOString(),
    finishedAt: undefined,
    durationMs: 0,
    vscodeVersion: undefined,
    suiteDir: cfg.suiteDir,
    files: [],
    stats: { passes: 0, failures: 0, pending: 0 },
    tests: [],
  };
  try {
    results.vscodeVersion = require('vscode').version;
  } catch {
    /* not in an extension host */
  }
  const t0 = Date.now();
  const finish = () => {
    results.finishedAt = new Date().toISOString();
    results.durationMs = Date.now() - t0;
    if (cfg.resultsFile) writeJsonAtomic(cfg.resultsFile, results);
    emit({ event: 'end', stats: results.stats, durationMs: results.durationMs });
    return results;
  };

  let files;
  try {
    files = listTestFiles(cfg.suiteDir);
  } catch (err) {
    files = [];
    results.tests.push({
      state: 'failed',
      title: `read suite folder ${cfg.suiteDir}`,
      fullTitle: `read suite folder ${cfg.suiteDir}`,
      error: serializeError(err),
    });
    results.stats.failures++;
  }
  results.files = files;
  emit({ event: 'start', files, vscodeVersion: results.vscodeVersion });
  files.forEach((f) => mocha.addFile(f));

  // Stream the tests' console output to the harness, in order with the test events
  // (otherwise it only reaches the extension host log / browser console). The
  // extension host makes the methods of `console` non-writable, so swap the global
  // `console` object for a forwarding one during the run instead.
  const origConsole = globalThis.console;
  let currentDepth = 1;
  if (cfg.progressFile && cfg.captureConsole !== false) {
    const util = require('util');
    const wrapped = Object.create(origConsole);
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
      Object.defineProperty(wrapped, level, {
        configurable: true,
        writable: true,
        value: (...args) => {
          emit({ event: 'log', level, text: util.format(...args), depth: currentDepth });
          return origConsole[level](...args);
        },
      });
    }
    try {
      globalThis.console = wrapped;
    } catch {
      /* keep the original console */
    }
  }
  const restoreConsole = () => {
    try {
      if (globalThis.console !== origConsole) globalThis.console = origConsole;
    } catch {
      /* ignore */
    }
  };
  const finishOnce = () => {
    restoreConsole();
    return finish();
  };

  return new Promise((resolve) => {
    let runner;
    try {
      // loadFiles() happens inside run(); a syntax/require error in a test file throws here
      runner = mocha.run(() => resolve(finishOnce()));
    } catch (err) {
      const t = { state: 'failed', title: 'load test files', fullTitle: 'load test files', error: serializeError(err) };
      results.tests.push(t);
      results.stats.failures++;
      emit(Object.assign({ event: 'fail', depth: 0 }, t));
      resolve(finishOnce());
      return;
    }
    const depthOf = (r) => {
      let d = 0;
      for (let p = r.parent; p && !p.root; p = p.parent) d++;
      return d;
    };
    const base = (test) => ({
      title: test.title,
      fullTitle: test.fullTitle(),
      file: test.file || (test.parent && test.parent.file),
      duration: test.duration,
      depth: depthOf(test),
    });
    runner.on('test', (test) => {
      currentDepth = depthOf(test);
    });
    runner.on('suite', (s) => {
      if (!s.root) emit({ event: 'suite', title: s.title, depth: depthOf(s) });
    });
    runner.on('pass', (test) => {
      results.stats.passes++;
      const t = Object.assign({ state: 'passed' }, base(test));
      results.tests.push(t);
      emit(Object.assign({ event: 'pass' }, t));
    });
    runner.on('fail', (test, err) => {
      results.stats.failures++;
      const t = Object.assign({ state: 'failed' }, base(test), { error: serializeError(err) });
      results.tests.push(t);
      emit(Object.assign({ event: 'fail' }, t));
    });
    runner.on('pending', (test) => {
      results.stats.pending++;
      const t = Object.assign({ state: 'pending' }, base(test));
      results.tests.push(t);
      emit(Object.assign({ event: 'pending' }, t));
    });
  });
}

/**
 * Entry point with the signature VS Code expects from `extensionTestsPath`
 * (@vscode/test-electron): resolves when all tests passed, rejects otherwise.
 * Pending tests count as failures, and an empty suite is an error.
 */
async function run(config) {
  const r = await runSuite(config);
  const failed = r.stats.failures + r.stats.pending;
  const cfg = Object.assign({}, configFromEnv(), config || {});
  // A launcher that follows the progress file (electron.mjs) prints the report itself.
  if (!cfg.progressFile)
    for (const t of r.tests) {
      const mark = t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'SKIP' : 'FAIL';
      console.log(`${mark} ${t.fullTitle}${t.error ? `\n     ${t.error.stack || t.error.message}` : ''}`);
    }
  if (!cfg.progressFile) console.log(`${r.stats.passes} passed, ${failed} failed`);
  if (failed > 0 || r.stats.passes === 0) {
    throw new Error(`${failed} test(s) failed or were skipped, ${r.stats.passes} passed`);
  }
}

module.exports = { run, runSuite, listTestFiles };
