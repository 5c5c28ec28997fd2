// Shared by run.mjs (code-server) and electron.mjs (@vscode/test-electron).
import fs from 'node:fs';

// Settings that keep a fresh profile quiet and deterministic. --settings overrides.
export const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
  'editor.hover.delay': 300,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

/** Parse JSON with comments and trailing commas (like VS Code's settings.json). */
export function parseJsonc(text, name = 'JSONC') {
  let out = '';
  let pendingComma = -1; // index in `out` of a comma that may turn out to be trailing
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
      pendingComma = -1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === ',') {
      pendingComma = out.length;
      out += c;
    } else if ((c === '}' || c === ']') && pendingComma >= 0) {
      out = out.slice(0, pendingComma) + out.slice(pendingComma + 1) + c;
      pendingComma = -1;
    } else {
      if (!/\s/.test(c)) pendingComma = -1;
      out += c;
    }
  }
  try {
    return JSON.parse(out);
  } catch (err) {
    throw new Error(`cannot parse ${name}: ${err.message}`);
  }
}

// ---------------------------------------------------------------------------
// Progress stream (JSON lines written by mocha-index.js inside the extension host)
// printed like mocha's spec reporter
// ---------------------------------------------------------------------------
export function makeProgressPrinter(file, { log = console.log, verbose = false, quiet = false } = {}) {
  const vlog = (m) => verbose && log(m);
  let offset = 0;
  let buf = '';
  let failNo = 0;
  const events = [];
  const indent = (d) => '  '.repeat(d + 1);
  const handle = (ev) => {
    events.push(ev);
    switch (ev.event) {
      case 'runner':
        vlog(
          `runner extension active in extension host (node ${ev.node}, VS Code ${ev.vscodeVersion}, trigger via ${ev.via}, env reached ext host: ${ev.envReachedExtHost})`,
        );
        break;
      case 'start':
        log(`running ${ev.files.length} test file(s) in VS Code ${ev.vscodeVersion || '?'}`);
        console.log('');
        break;
      case 'suite':
        console.log(`${indent(ev.depth)}${ev.title}`);
        break;
      case 'pass': {
        const slow = ev.duration > 2000 ? ` (${ev.duration}ms)` : ev.duration > 1000 ? ` (${ev.duration}ms)` : '';
        console.log(`${indent(ev.depth)}✔ ${ev.title}${slow}`);
        break;
      }
      case 'fail':
        console.log(`${indent(ev.depth)}${++failNo}) ${ev.title}`);
        break;
      case 'log':
        if (!quiet) {
          const tag = ev.level === 'log' || ev.level === 'info' || ev.level === 'debug' ? '│' : `${ev.level} │`;
          console.log(
            ev.text
              .split('\n')
              .map((l) => `${indent(ev.depth ?? 1)}  ${tag} ${l}`)
              .join('\n'),
          );
        }
        break;
      case 'pending':
        console.log(`${indent(ev.depth)}- ${ev.title}  (pending: counted as a failure)`);
        break;
      default:
        break;
    }
  };
  return {
    events,
    poll() {
      let st;
      try {
        st = fs.statSync(file);
      } catch {
        return;
      }
      if (st.size <= offset) return;
      const fd = fs.openSync(file, 'r');
      const chunk = Buffer.alloc(st.size - offset);
      fs.readSync(fd, chunk, 0, chunk.length, offset);
      fs.closeSync(fd);
      offset = st.size;
      buf += chunk.toString('utf8');
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        try {
          handle(JSON.parse(line));
        } catch {
          vlog(`bad progress line: ${line}`);
        }
      }
    },
  };
}

/**
 * Print the mocha-spec-like summary and failure details. Unless `finalLine` is
 * false, also print the closing line `N passed, N failed` (pending counts as failed).
 */
export function printSummary(results, extra = [], { finalLine = true } = {}) {
  const tests = [...results.tests, ...extra];
  const passed = tests.filter((t) => t.state === 'passed').length;
  const failures = tests.filter((t) => t.state === 'failed');
  const pending = tests.filter((t) => t.state === 'pending');
  console.log('');
  console.log(`  ${passed} passing (${((results.durationMs || 0) / 1000).toFixed(1)}s)`);
  if (pending.length) console.log(`  ${pending.length} pending (counted as failed)`);
  if (failures.length) console.log(`  ${failures.length} failing`);
  failures.forEach((t, i) => {
    console.log('');
    console.log(`  ${i + 1}) ${t.fullTitle}:`);
    const e = t.error || {};
    const stack = e.stack && e.stack.includes(e.message) ? e.stack : `${e.name || 'Error'}: ${e.message}\n${e.stack || ''}`;
    console.log(
      stack
        .split('\n')
        .map((l) => `     ${l}`)
        .join('\n'),
    );
    if (e.expected !== undefined || e.actual !== undefined) {
      console.log(`     + expected: ${e.expected}\n     - actual:   ${e.actual}`);
    }
  });
  pending.forEach((t) => console.log(`\n  pending: ${t.fullTitle}`));
  console.log('');
  const failed = failures.length + pending.length;
  if (finalLine) console.log(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

/** Write <userDataDir>/User/settings.json: DEFAULT_SETTINGS overridden by an optional JSONC file. */
export function writeUserSettings(userDataDir, settingsFile) {
  let settings = { ...DEFAULT_SETTINGS };
  if (settingsFile) settings = { ...settings, ...parseJsonc(fs.readFileSync(settingsFile, 'utf8'), settingsFile) };
  fs.mkdirSync(`${userDataDir}/User`, { recursive: true });
  fs.writeFileSync(`${userDataDir}/User/settings.json`, JSON.stringify(settings, null, 2));
  return settings;
}
