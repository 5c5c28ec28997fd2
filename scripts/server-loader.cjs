'use strict';
// Copied to server/out/server.js by scripts/build.mjs: starts the engine bundle (server/out/engine.js) with a
// V8 code cache, so a new language server or CLI process does not compile the ~1 MB bundle again.
//  - `node server.js --stdio|--node-ipc` (the language client, any LSP client): the language server;
//  - required by server/out/cli.js (the package's bin), `cli()`: the command line.
// The cache lives in $VCLUSTER_CORS_CACHE_DIR (the client passes the extension's global storage) or else next to
// this file, one file per mode, stamped with the bundle's size and mtime, Node's version and the mode; V8 also
// rejects data made by another V8 or with other flags. A missing, stale, rejected or unwritable cache is ignored:
// the bundle then compiles as usual, and the cache is written (atomically) after the process got going.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { wrap } = require('module');

const loaded = new Map();

/** Loads one bundle of this directory (`engine.js`, or `lsp.js` which it requires) through the code cache. */
function load(name, mode) {
  const file = path.join(__dirname, name);
  if (loaded.has(file)) return loaded.get(file).exports;
  let source, stamp, cacheFile, cached;
  try {
    source = fs.readFileSync(file, 'utf8');
    const st = fs.statSync(file);
    stamp = Buffer.from(`vcluster-cors ${mode} ${st.size} ${st.mtimeMs} ${process.version}\n`);
    cacheFile = path.join(process.env.VCLUSTER_CORS_CACHE_DIR || __dirname, `${path.basename(name, '.js')}-${mode}.v8cache`);
    const buf = fs.readFileSync(cacheFile);
    if (buf.subarray(0, stamp.length).equals(stamp)) cached = buf.subarray(stamp.length);
  } catch {
    // no cache yet (or no bundle: the require below says so)
  }
  if (source === undefined) return require(file);
  let script;
  try {
    script = new vm.Script(wrap(source), { filename: file, cachedData: cached });
  } catch {
    return require(file);
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(file, mod);
  const req = (id) => (/^\.\/[\w-]+\.js$/.test(id) ? load(id.slice(2), mode) : require(id));
  req.resolve = require.resolve;
  req.main = require.main;
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, __dirname);
  mod.loaded = true;
  if (!cached || script.cachedDataRejected) saveLater(script, stamp, cacheFile);
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
  // The flags the language server sets (lsp/server.ts) are part of V8's cache check: set them before compiling.
  require('v8').setFlagsFromString('--max-semi-space-size=32');
  require('v8').setFlagsFromString('--expose-gc');
  load('engine.js', 'lsp').lsp();
}

module.exports = {
  cli() {
    load('engine.js', 'cli').cli();
  },
};
