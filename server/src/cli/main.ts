/**
 * `vcluster-cors` command-line entry point (bundled to server/out/cli.js, the package's bin).
 * See help.ts for the commands and options, run.ts for what they do.
 */
import { debugEnabled, processIo, run } from './run';

/** Last resort for errors outside run(): one line, a stack trace only with DEBUG=vcluster-cors. */
function crash(e: unknown): void {
  const err = e instanceof Error ? e : new Error(String(e));
  try {
    process.stderr.write(`vcluster-cors: ${err.message}\n`);
    if (debugEnabled(process.env) && err.stack) process.stderr.write(err.stack + '\n');
  } catch {
    // stderr is gone too
  }
  process.exit(2);
}

// A closed pipe (`vcluster-cors lint . | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    crash(e);
  });
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
}, crash);
