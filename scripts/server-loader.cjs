'use strict';
// Minified to server/out/server.js by scripts/build.mjs: starts the engine bundle (server/out/engine.js.br) with a
// V8 code cache, so a new language server or CLI process does not compile the ~1 MB bundle again.
//  - `node server.js --stdio|--node-ipc` (the language client, any LSP client): the language server;
//  - required by server/out/cli.js (the package's bin), `cli()`: the command line;
//  - started by the command line's pool (server/src/cli/pool.ts) as a worker thread with LINT_WORKER in its
//    argv: a lint worker (same cache as the command line: same process, same V8 flags).
// The bundles ship brotli-compressed (`<name>.br`; a quarter smaller than in the .vsix's deflate). Their module name
// stays `<name>` (stack traces, engine.js.map).
// The cache lives in $VCLUSTER_CORS_CACHE_DIR (the client passes the extension's global storage) or else next to
// this file, one file per mode, stamped with the compressed bundle's size and mtime, Node's version and the mode.
// It holds the decompressed source too: a start with the cache reads one file and skips brotli (~5 ms for
// engine.js). V8 also rejects data made by another V8, with other flags or for a source of another length. A
// missing, stale, truncated, rejected or unwritable cache is ignored: the bundle is then decompressed and compiled
// as usual, and the cache is written (atomically) after the process got going.
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
  const st = fs.statSync(`${file}.br`);
  const stamp = Buffer.from(`vcluster-cors ${mode} ${st.size} ${st.mtimeMs} ${process.version}\n`);
  const cacheFile = path.join(process.env.VCLUSTER_CORS_CACHE_DIR || __dirname, `${path.basename(name, '.js')}-${mode}.v8cache`);
  let source;
  let cached;
  try {
    const buf = mode !== null && fs.readFileSync(cacheFile);
    if (buf && buf.length >= stamp.length + 4 && buf.subarray(0, stamp.length).equals(stamp)) {
      const end = stamp.length + 4 + buf.readUInt32LE(stamp.length);
      if (end <= buf.length) {
        source = buf.toString('utf8', stamp.length + 4, end);
        cached = buf.subarray(end);
      }
    }
  } catch {
    // no cache yet
  }
  const fromCache = source !== undefined;
  if (!fromCache) source = zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString('utf8');
  const script = new vm.Script(wrap(source), { filename: file, cachedData: cached });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(file, mod);
  const req = (id) => (/^\.\/[\w-]+\.js$/.test(id) ? load(id.slice(2), mode) : require(id));
  req.resolve = require.resolve;
  req.main = require.main;
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, __dirname);
  mod.loaded = true;
  if (saveCaches && mode !== null && (!fromCache || script.cachedDataRejected)) saveLater(script, stamp, source, cacheFile);
  return mod.exports;
}

/**
 * Writes the cache (stamp, the source's length as 4 bytes little-endian, the source, V8's data) once the functions
 * of the first run are compiled too, or at exit, whichever comes first.
 */
function saveLater(script, stamp, source, file) {
  let done = false;
  const save = () => {
    if (done) return;
    done = true;
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      const text = Buffer.from(source, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(text.length);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, Buffer.concat([stamp, length, text, script.createCachedData()]));
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
