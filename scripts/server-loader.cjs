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

const BUNDLE = path.join(__dirname, 'engine.js');

function load(mode) {
  // The flag the language server sets (lsp/server.ts) is part of V8's cache check: set it before compiling.
  if (mode === 'lsp') require('v8').setFlagsFromString('--max-semi-space-size=32');
  let source, stamp, file, cached;
  try {
    source = fs.readFileSync(BUNDLE, 'utf8');
    const st = fs.statSync(BUNDLE);
    stamp = Buffer.from(`vcluster-cors ${mode} ${st.size} ${st.mtimeMs} ${process.version}\n`);
    file = path.join(process.env.VCLUSTER_CORS_CACHE_DIR || __dirname, `engine-${mode}.v8cache`);
    const buf = fs.readFileSync(file);
    if (buf.subarray(0, stamp.length).equals(stamp)) cached = buf.subarray(stamp.length);
  } catch {
    // no cache yet (or no bundle: the require below says so)
  }
  if (source === undefined) return require(BUNDLE);
  let script;
  try {
    script = new vm.Script(wrap(source), { filename: BUNDLE, cachedData: cached });
  } catch {
    return require(BUNDLE);
  }
  const mod = { exports: {}, filename: BUNDLE, id: BUNDLE, loaded: false };
  const req = (id) => require(id);
  req.resolve = require.resolve;
  req.main = require.main;
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, BUNDLE, __dirname);
  mod.loaded = true;
  if (!cached || script.cachedDataRejected) saveLater(script, stamp, file);
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

if (require.main === module) load('lsp').lsp();

module.exports = {
  cli() {
    load('cli').cli();
  },
};
