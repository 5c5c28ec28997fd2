/**
 * Request plumbing shared by the handlers: one bad request never takes the server down, long requests yield so
 * that a `$/cancelRequest` (or a newer edit) is read between their steps.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { CancellationToken } from 'vscode-languageserver/node';

/**
 * Wraps a handler: a ResponseError (invalid params, cancelled) is the answer; any other error is a bug: logged
 * with its stack (`logError`), and the request answers `fallback`.
 */
export function guardWith(logError: (where: string, e: unknown) => void) {
  return function guard<P extends unknown[], R>(
    where: string,
    fallback: R,
    fn: (...args: P) => R | Promise<R>,
  ): (...args: P) => Promise<R> {
    return async (...args: P) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        logError(where, e);
        return fallback;
      }
    };
  };
}

export type Guard = ReturnType<typeof guardWith>;

/** Lets queued messages (a `$/cancelRequest`, newer edits) be read before and between long steps. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function checkCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}
