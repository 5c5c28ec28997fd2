/**
 * `vcluster-cors` command-line entry point (bundled to server/out/cli.js, the package's bin).
 * See help.ts for the commands and options, run.ts for what they do.
 */
import { processIo, run } from './run';

// A closed pipe (`vcluster-cors lint . | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

run(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // run() catches everything; this is a last resort.
    process.stderr.write(`vcluster-cors: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
