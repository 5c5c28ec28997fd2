#!/usr/bin/env node
// `npm start`: build, package the .vsix, lint examples/ with the CLI, then open the extension on
// examples/ in a real editor and stay in the foreground until Ctrl+C:
//   - desktop VS Code when `code` is on the PATH: code --extensionDevelopmentPath=<repo> examples/
//   - otherwise code-server (scripts/code-server/install.sh) on http://127.0.0.1:8080, with a fresh
//     extensions dir holding only vcluster-cors.vsix and a throwaway user-data dir.
//
// usage: node scripts/start.mjs [--no-editor] [--editor code|code-server] [--port 8080] [--host 127.0.0.1]
//   --no-editor   stop after build + package + lint (CI smoke test); exit 0 unless a step failed
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const VSIX = path.join(ROOT, 'vcluster-cors.vsix');
const CACHE = process.env.CODE_SERVER_CACHE || path.join(ROOT, '.cache', 'code-server');
const CODE_SERVER = path.join(CACHE, 'node_modules', '.bin', 'code-server');

let opts;
try {
  opts = parseArgs({
    options: {
      'no-editor': { type: 'boolean', default: false },
      editor: { type: 'string' },
      port: { type: 'string', default: process.env.VCLUSTER_CORS_PORT || '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  console.error(`start: ${e.message}`);
  process.exit(2);
}
if (opts.help) {
  console.log(
    fs
      .readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 10)
      .join('\n')
      .replace(/^\/\/ ?/gm, ''),
  );
  process.exit(0);
}

const step = (msg) => console.log(`\n[start] ${msg}`);

function run(cmd, args, what, { allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFail) {
    console.error(`[start] ${what} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
  return r.status;
}

function onPath(bin) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'sh', process.platform === 'win32' ? [bin] : ['-c', `command -v ${bin}`], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
}

function portFree(port, host) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

// 1. build + package (package-vsix.mjs runs the build first)
step('build and package the extension');
run(process.execPath, [path.join(ROOT, 'scripts/package-vsix.mjs')], 'packaging');

// 2. lint examples/ with the CLI (findings are expected there: some examples are broken on purpose)
if (fs.existsSync(EXAMPLES)) {
  step('lint examples/ with the CLI: node server/out/cli.js lint examples/');
  const status = run(process.execPath, [path.join(ROOT, 'server/out/cli.js'), 'lint', 'examples/'], 'lint', { allowFail: true });
  console.log(`[start] the CLI exited with ${status}${status === 1 ? ' (errors found: examples/broken is broken on purpose)' : ''}`);
  if (status !== 0 && status !== 1) process.exit(status);
} else {
  step('examples/ does not exist yet: skipping the CLI lint');
}

if (opts['no-editor']) {
  step('--no-editor: done');
  process.exit(0);
}

const folder = fs.existsSync(EXAMPLES) ? EXAMPLES : ROOT;
const editor = opts.editor ?? (onPath('code') ? 'code' : 'code-server');

// 3a. desktop VS Code
if (editor === 'code') {
  step(`open ${path.relative(ROOT, folder) || '.'} in VS Code with the extension loaded from this checkout`);
  console.log('[start] close the VS Code window (or press Ctrl+C here) to stop');
  // The bundled examples are this repository's own files: no Workspace Trust prompt for them.
  const child = spawn('code', ['--new-window', '--wait', '--disable-workspace-trust', `--extensionDevelopmentPath=${ROOT}`, folder], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  process.on('SIGINT', () => child.kill('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  // 3b. code-server
  if (editor !== 'code-server') {
    console.error(`[start] unknown --editor ${editor} (code | code-server)`);
    process.exit(2);
  }
  const port = Number(opts.port);
  if (!(await portFree(port, opts.host))) {
    console.error(`[start] ${opts.host}:${port} is in use; pass --port <n> (or stop what listens there)`);
    process.exit(1);
  }
  step('install code-server if needed (scripts/code-server/install.sh)');
  run('bash', [path.join(ROOT, 'scripts/code-server/install.sh')], 'code-server install');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-start-'));
  const dirs = {
    extensions: path.join(tmp, 'extensions'),
    userData: path.join(tmp, 'user-data'),
    config: path.join(tmp, 'code-server.yaml'),
  };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  fs.writeFileSync(dirs.config, `bind-addr: ${opts.host}:${port}\nauth: none\ncert: false\n`);
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      { 'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, 'update.mode': 'none' },
      null,
      2,
    ),
  );
  // Hermetic: never touch ~/.config/code-server or a parent VS Code's environment.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
  };
  for (const k of Object.keys(env))
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'PASSWORD' || k === 'PORT') delete env[k];
  const base = ['--config', dirs.config, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];

  step('install vcluster-cors.vsix into a fresh extensions dir');
  const inst = spawnSync(CODE_SERVER, [...base, '--force', '--install-extension', VSIX], { env, encoding: 'utf8' });
  if (inst.status !== 0) {
    console.error(`[start] installing the .vsix failed:\n${inst.stdout}\n${inst.stderr}`);
    process.exit(1);
  }
  console.log((inst.stdout || '').trim().split('\n').pop());

  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  const cs = spawn(
    CODE_SERVER,
    // --disable-workspace-trust: the bundled examples are this repository's own files (no trust prompt).
    [
      ...base,
      '--auth',
      'none',
      '--bind-addr',
      `${opts.host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--disable-workspace-trust',
      '--ignore-last-opened',
      folder,
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const logFile = path.join(tmp, 'code-server.log');
  const logOut = fs.createWriteStream(logFile);
  cs.stdout.pipe(logOut);
  cs.stderr.pipe(logOut);

  const url = `http://${opts.host}:${port}/?folder=${encodeURIComponent(folder)}`;
  let stopping = false;
  const stop = (sig) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${sig}: stopping code-server`);
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    setTimeout(() => {
      try {
        process.kill(-cs.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 3000).unref();
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
  cs.on('exit', (code, signal) => {
    cleanup();
    if (!stopping) {
      console.error(`[start] code-server exited unexpectedly (${code ?? signal}); its log was in ${logFile}`);
      process.exit(1);
    }
    process.exit(0);
  });

  // Wait until it answers, then say what to do.
  const t0 = Date.now();
  for (;;) {
    if (stopping) break;
    try {
      const res = await fetch(`http://${opts.host}:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > 60000) {
      console.error(`[start] code-server did not come up within 60 s; log: ${logFile}`);
      stop('timeout');
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!stopping) {
    step('code-server is running with vCluster CORS installed');
    console.log(`
  Open:   ${url}
          then open a values file, e.g. examples/broken/vcluster-platform.yaml (squiggles, Problems panel,
          quick fixes with Ctrl+.), hover an enable-cors annotation, or run "vCluster CORS: ..." commands (F1).
  Stop:   Ctrl+C here
  Logs:   ${logFile}; the extension's own log is the "vCluster CORS" output channel
`);
  }
}
