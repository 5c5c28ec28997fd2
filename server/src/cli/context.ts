/**
 * What every `vcluster-cors` command shares: the process streams (Io), the version, fatal errors, how paths are
 * shown, and where a report goes (standard output, standard error or `--output`).
 */
import * as path from 'path';
import type { CliOptions } from './args';
import { describeFsError, InputError } from './files';
import { shouldColor } from './color';
import { readStdin, writeOutputFile } from './io';
import { ConfigError, formatConfigProblem } from '../engine/index';
import { version as packageVersion } from '../../../package.json';

export const VERSION: string = packageVersion;

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  readStdin(): Promise<string>;
}

export function processIo(): Io {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin };
}

/** A problem that ends the run with exit code 2 and a message (already formatted, no prefix added). */
export class FatalLines extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export function configErrorLines(e: ConfigError, cwd: string): string[] {
  return e.problems.map((p) => formatConfigProblem({ ...p, file: displayPath(p.file, cwd) }));
}

export function emit(o: CliOptions, io: Io, report: string, toStderr = false): void {
  if (o.output !== undefined) {
    try {
      writeOutputFile(path.resolve(io.cwd, o.output), report);
    } catch (e) {
      throw new InputError(`cannot write \`${o.output}\`: ${describeFsError(e)}`);
    }
  } else if (report !== '') {
    (toStderr ? io.stderr : io.stdout).write(report);
  }
}

export function colorFor(o: CliOptions, io: Io, toStderr: boolean): boolean {
  if (o.output !== undefined) return o.color === true;
  return shouldColor(o.color, !!(toStderr ? io.stderr : io.stdout).isTTY, io.env);
}

/**
 * The fix-all pass limit: VCLUSTER_CORS_MAX_FIX_PASSES (a positive integer) for debugging a fix that does not
 * converge, else the default.
 */
export function maxFixPasses(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.VCLUSTER_CORS_MAX_FIX_PASSES);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** DEBUG=vcluster-cors (or a comma-separated list naming it, or `*`) shows stack traces of internal errors. */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return (env.DEBUG ?? '').split(/[\s,]+/).some((x) => x === 'vcluster-cors' || x === '*');
}
