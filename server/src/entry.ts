/**
 * The one bundle of the engine (server/out/engine.js): the language server, the command line and the command
 * line's lint workers all run from it, so the engine and `yaml` ship once. Modules load on demand:
 *  - server/out/server.js (scripts/server-loader.cjs) loads this bundle with a V8 code cache and calls `lsp()`
 *    when started as a program (`node server.js --stdio`, VS Code's language client), `cli()` when required by
 *    server/out/cli.js;
 *  - started as a program itself (`node engine.js --stdio`): the language server, without the cache;
 *  - started as a worker thread by the command line's pool (cli/pool.ts): a lint worker.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
// Only a program or a worker's script is `require.main` (a worker thread runs its script as its main module), so
// under server.js, the usual case, `worker_threads` is not loaded before the first diagnostics.
if (require.main === module) {
  const threads = require('worker_threads') as typeof import('worker_threads');
  if (!threads.isMainThread && (threads.workerData as { vclusterCors?: string } | null)?.vclusterCors === 'lint-worker') {
    require('./cli/pool');
  } else {
    require('./lsp/server');
  }
}

module.exports = {
  lsp(): void {
    require('./lsp/server');
  },
  cli(): void {
    require('./cli/main');
  },
};
