'use strict';
// Minified to server/out/server.js by scripts/build.mjs: starts the engine bundle (server/out/engine.js.br) with a
// V8 code cache, so a new language server or CLI process does not compile the ~1 MB bundle again.
//  - `node server.js --stdio|--node-ipc` (the language client, any LSP client): the language server;
//  - required by server/out/cli.js (the package's bin), `cli()`: the command line;
//  - started by the command line's pool (server/src/cli/pool.ts) as a worker thread with LINT_WORKER in its
//    argv: a lint worker (same cache as the command line: same process, same V8 flags).
// The bundles ship brotli-compressed (`<name>.br`; a quarter smaller than in the .vsix's deflate) and are
// decompressed here (~2 ms for engine.js). Their module name stays `<name>` (stack traces, engine.js.map).
// The cache lives in $VCLUSTER_CORS_CACHE_DIR (the client passes the extension's global storage) or else next to
// this file, one file per mode, stamped with the compressed bundle's size and mtime, Node's version and the mode;
// V8 also rejects data made by another V8, with other flags or for a source of another length. A missing, stale,
// rejected or unwritable cache is ignored: the bundle then compiles as usual, and the cache is written
// (atomically) after the process got going.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const zlib = require('zlib');
const { wrap } = require('module');

const LINT_WORKER = '--vcluster-cors-lint-worker';

const loaded = new Map();
/** False in a lint worker: it reads the command line's cache, and its thread (same pid) must not write it too. */
let saveCaches = true;

/**
 * Loads one bundle of this directory (`engine.js`, or `lsp.js` which it requires) through the code cache of
 * `mode` (none when null).
 */
function load(name, mode) {
  const file = path.join(__dirname, name);
  if (loaded.has(file)) return loaded.get(file).exports;
  const packed = fs.readFileSync(`${file}.br`);
  const source = zlib.brotliDecompressSync(packed).toString('utf8');
  const st = fs.statSync(`${file}.br`);
  const stamp = Buffer.from(`vcluster-cors ${mode} ${st.size} ${st.mtimeMs} ${process.version}\n`);
  const cacheFile = path.join(process.env.VCLUSTER_CORS_CACHE_DIR || __dirname, `${path.basename(name, '.js')}-${mode}.v8cache`);
  let cached;
  try {
    const buf = mode !== null && fs.readFileSync(cacheFile);
    if (buf && buf.subarray(0, stamp.length).equals(stamp)) cached = buf.subarray(stamp.length);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData: cached });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(file, mod);
  const req = (id) => (/^\.\/[\w-]+\.js$/.test(id) ? load(id.slice(2), mode) : require(id));
  req.resolve = require.resolve;
  req.main = require.main;
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, __dirname);
  mod.loaded = true;
  if (saveCaches && mode !== null && (!cached || script.cachedDataRejected)) saveLater(script, stamp, cacheFile);
  return mod.exports;
}

/** Writes the cache once the functions of the first run are compiled too (or at exit, whichever comes first). */
function saveLater(script, stamp, file) {
  let done = false;
  const save = () => {
    if (done) return;
    done = true;
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, Buffer.concat([stamp, script.createCachedData()]));
      fs.renameSync(tmp, file);
    } catch {
      // read-only install or full disk: run without a cache
    }
  };
  process.once('exit', save);
  setTimeout(save, 2000).unref();
}

if (require.main === module) {
  if (process.argv.includes(LINT_WORKER)) {
    saveCaches = false;
    load('engine.js', 'cli').worker();
  } else {
    // The flags the language server sets (lsp/server.ts) are part of V8's cache check: set them before compiling.
    require('v8').setFlagsFromString('--max-semi-space-size=32');
    require('v8').setFlagsFromString('--expose-gc');
    load('engine.js', 'lsp').lsp();
  }
}

module.exports = {
  /**
   * The LSP packages (vscode-jsonrpc, the protocol, text documents) as lsp.js bundles them, for the VS Code
   * client (its bundle requires them from here; no code cache in the extension host).
   */
  shared() {
    return load('lsp.js', null);
  },
  cli() {
    load('engine.js', 'cli').cli({ script: __filename, argv: [LINT_WORKER] });
  },
};
