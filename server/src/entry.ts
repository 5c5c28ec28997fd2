/**
 * The one bundle of the engine (server/out/server.js): the language server, the command line and the command
 * line's lint workers all run from it, so the engine and `yaml` ship once. Modules load on demand:
 *  - started as a program (`node server.js --stdio`, VS Code's language client): the language server;
 *  - required by server/out/cli.js (two lines): `cli()` runs the command line;
 *  - started as a worker thread by the command line's pool (cli/pool.ts): a lint worker.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const threads = require('worker_threads') as typeof import('worker_threads');

if (!threads.isMainThread && (threads.workerData as { vclusterCors?: string } | null)?.vclusterCors === 'lint-worker') {
  require('./cli/pool');
} else if (require.main === module) {
  require('./lsp/server');
}

module.exports = {
  cli(): void {
    require('./cli/main');
  },
};
