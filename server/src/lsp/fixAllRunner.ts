/**
 * Fix-all for the editor: runs the engine's fix passes one at a time, yielding between passes, so that a cancelled
 * request answers RequestCancelled; tells the user (once per document version) when a fix does not converge.
 */
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { fixTextSteps, type FixTextOptions, type FixTextResult } from '../engine/index';
import { checkCancelled, tick } from './requests';

export class FixAllRunner {
  private readonly nonConvergenceShown = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  /** Fix-all without blocking: yields between passes and answers RequestCancelled when the client cancels. */
  async run(uri: string, version: number, text: string, options: FixTextOptions, token?: CancellationToken): Promise<FixTextResult> {
    // VCLUSTER_CORS_MAX_FIX_PASSES: the pass limit, for debugging a fix that does not converge (as in the CLI).
    const limit = Number(process.env.VCLUSTER_CORS_MAX_FIX_PASSES);
    const steps = fixTextSteps(text, Number.isInteger(limit) && limit > 0 ? { ...options, maxPasses: limit } : options);
    // A `$/cancelRequest` sent right after the request is read before the first pass.
    await tick();
    checkCancelled(token);
    for (;;) {
      const r = steps.next();
      if (r.done) {
        if (r.value.stopped === 'max-passes') this.reportNonConvergence(uri, version, r.value);
        return r.value;
      }
      await tick();
      checkCancelled(token);
    }
  }

  /** Tells the user (once per document version) that fix-all hit its pass limit: a fix that does not converge. */
  private reportNonConvergence(uri: string, version: number, r: FixTextResult): void {
    const key = `${uri}@${version}`;
    if (this.nonConvergenceShown.has(key)) return;
    this.nonConvergenceShown.add(key);
    const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    this.log(`fix-all stopped after ${r.passes} passes on ${uri}: a fix does not converge`);
    // window/showMessage: every client shows it as a notification (showWarningMessage would be a request).
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `vCluster CORS: fix-all stopped after ${r.passes} passes on ${name} because a fix does not converge; no fix-all was offered. Please report this.`,
    });
  }
}
