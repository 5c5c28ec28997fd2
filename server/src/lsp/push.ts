/**
 * Push diagnostics (clients without textDocument/diagnostic): each change schedules a lint of the document after the
 * debounce, and its diagnostics are published unless the document moved on meanwhile.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Analysis } from './analysis';
import { diagnosticsFor } from './diagnostics';
import type { DocumentStore } from './documents';
import type { TypingQuiet } from './typing';

export interface PushHost {
  readonly connection: Connection;
  readonly documents: DocumentStore;
  readonly typing: TypingQuiet;
  analysisFor(uri: string): Promise<Analysis | undefined>;
  logError(where: string, e: unknown): void;
}

export class PushDiagnostics {
  /** Pending lints, by URI (cancel() drops one). */
  private readonly timers = new Map<string, { cancel(): void }>();

  constructor(private readonly host: PushHost) {}

  /** Lint `uri` (its current version) after `delay` ms and publish, replacing a lint already scheduled. */
  schedule(uri: string, delay: number): void {
    this.cancel(uri);
    const doc = this.host.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const run = () => {
      this.timers.delete(uri);
      void this.publish(uri, version);
    };
    // No debounce: lint as soon as the messages already read were handled (setTimeout(0) would wait at least 1 ms).
    // Two turns of the event loop: the connection handles one message a turn, so the changes of a burst all reach
    // the document (each one cancelling this) before the lint, which then runs once, on the last version.
    if (delay <= 0) {
      let immediate = setImmediate(() => (immediate = setImmediate(run)));
      this.timers.set(uri, { cancel: () => clearImmediate(immediate) });
    } else {
      const timeout = setTimeout(run, delay);
      this.timers.set(uri, { cancel: () => clearTimeout(timeout) });
    }
  }

  cancel(uri: string): void {
    this.timers.get(uri)?.cancel();
    this.timers.delete(uri);
  }

  private async publish(uri: string, version: number): Promise<void> {
    const { documents, connection, typing } = this.host;
    try {
      const doc = documents.get(uri);
      if (!doc || doc.version !== version) return; // a newer change is scheduled
      const a = await this.host.analysisFor(uri);
      const now = documents.get(uri);
      if (!a || !now || now.version !== a.version || a.version !== version) return; // stale: the document moved on
      await connection.sendDiagnostics({ uri, version: a.version, diagnostics: typing.filter(uri, a.version, diagnosticsFor(a)) });
    } catch (e) {
      this.host.logError('publishDiagnostics', e);
    }
  }
}
