'use strict';
// Minified to client/out/extension.js (the extension's `main`) by scripts/build.mjs: runs the client bundle, shipped
// brotli-compressed as client/out/bundle.js.br (a zip entry is deflated; brotli makes it ~14% smaller), as a
// CommonJS module named client/out/bundle.js (stack traces, bundle.js.map). It gets this module's `require` (same
// folder): VS Code hands out `vscode` by the requiring module's file, which must exist, and
// ../../server/out/server.js resolves as it would for a plain bundle.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const zlib = require('zlib');
const { wrap } = require('module');

const file = path.join(__dirname, 'bundle.js');
const source = zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString('utf8');
const mod = { exports: {}, filename: file, id: file, loaded: false };
vm.runInThisContext(wrap(source), { filename: file }).call(mod.exports, mod.exports, require, mod, file, __dirname);
mod.loaded = true;
module.exports = mod.exports;
