/**
 * The one bundle of the engine (server/out/engine.js, shipped as engine.js.br): the language server, the command
 * line and the command line's lint workers all run from it, so the engine and `yaml` ship once. Modules load on
 * demand. server/out/server.js (scripts/server-loader.cjs) decompresses this bundle, runs it with a V8 code cache
 * and calls:
 *  - `lsp()` when started as a program (`node server.js --stdio`, VS Code's language client);
 *  - `cli(worker)` when required by server/out/cli.js; `worker` is how the pool (cli/pool.ts) starts a lint
 *    worker: server.js again, with a marker argument;
 *  - `worker()` in such a worker thread.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
module.exports = {
  lsp(): void {
    // V8's compiler and GC helper threads yield to the thread that answers the editor (lsp/threads.ts).
    (require('./lsp/threads') as typeof import('./lsp/threads')).backgroundHelperThreads();
    require('./lsp/server');
  },
  cli(worker: { script: string; argv: string[] }): void {
    (require('./cli/pool') as typeof import('./cli/pool')).startWorkersWith(worker.script, worker.argv);
    require('./cli/main');
  },
  worker(): void {
    require('./cli/pool');
  },
};
