/**
 * A bare JSON-RPC LSP client for the tests and the benchmark: spawns the BUILT server
 * (`node server/out/server.js --stdio`) and talks to it with vscode-jsonrpc. No VS Code involved.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  Diagnostic,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const REPO = path.resolve(__dirname, '../../..');
export const SERVER = path.join(REPO, 'server/out/server.js');
export const FIXTURES = path.join(REPO, 'test/fixtures/lsp');

export function fixtureUri(...parts: string[]): string {
  return pathToFileURL(path.join(FIXTURES, ...parts)).href;
}

/**
 * Tests about other things see every diagnostic right after an edit: the pause that holds back the line being
 * typed (lsp/typing.ts) is off unless a test sets `quietMs` (test/lsp/typing.test.ts).
 */
function withQuiet(opts: StartOptions): unknown {
  const o = opts.initializationOptions;
  if (o === undefined) return { quietMs: 0 };
  return typeof o === 'object' && o !== null && !Array.isArray(o) && !('quietMs' in o) ? { quietMs: 0, ...o } : o;
}

export interface StartOptions {
  /** Announce pull diagnostics (textDocument.diagnostic). */
  pull: boolean;
  initializationOptions?: unknown;
  /** Answer workspace/configuration with this (per item) when given; otherwise the capability is not announced. */
  configuration?: (item: { scopeUri?: string; section?: string }) => unknown;
  snippets?: boolean;
  refreshSupport?: boolean;
  documentChanges?: boolean;
  serverPath?: string;
  args?: string[];
  /** Node's own options before the server's path (e.g. `--require` a probe). */
  nodeArgs?: string[];
  /** Answer the server's `vclusterCors/documentText` re-sync request (announced as an experimental capability). */
  documentText?: (uri: string) => { uri: string; version: number; text: string } | null;
}

export interface StatusParams {
  uri: string;
  environment: string;
  environmentReason: string;
  lintMs: number;
  validated: boolean;
}

type Waiter<T> = { pred: (v: T) => boolean; resolve: (v: T) => void };

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  /** `window/showMessage` notifications (what the editor shows as notifications). */
  readonly messages: { type: number; message: string }[] = [];
  refreshRequests = 0;
  private diagWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, TextDocument>();
  exited = false;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  static async start(opts: StartOptions): Promise<LspClient> {
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.serverPath ?? SERVER, ...(opts.args ?? ['--stdio'])], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new LspClient(proc, conn);
    proc.on('exit', () => (client.exited = true));
    proc.stderr.on('data', (d: Buffer) => client.logs.push(d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      client.diagWaiters = client.diagWaiters.filter((w) => {
        if (!w.pred(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    conn.onNotification('vclusterCors/status', (p: StatusParams) => void client.statuses.push(p));
    conn.onNotification('window/logMessage', (p: { message: string }) => void client.logs.push(p.message));
    conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((i) => (opts.configuration ? opts.configuration(i) : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('vclusterCors/documentText', (p: { uri: string }) => (opts.documentText ? opts.documentText(p.uri) : null));
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => void client.messages.push(p));
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests++;
      return null;
    });
    conn.listen();
    const capabilities = {
      textDocument: {
        synchronization: { dynamicRegistration: false },
        completion: { completionItem: { snippetSupport: opts.snippets ?? true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        publishDiagnostics: {
          relatedInformation: true,
          versionSupport: true,
          tagSupport: { valueSet: [1, 2] },
          codeDescriptionSupport: true,
          dataSupport: true,
        },
        ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: {
        configuration: !!opts.configuration,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: opts.documentChanges ?? false },
        ...(opts.refreshSupport ? { diagnostics: { refreshSupport: true } } : {}),
      },
      ...(opts.documentText ? { experimental: { vclusterCors: { documentText: true } } } : {}),
    };
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(FIXTURES).href,
      workspaceFolders: [{ uri: pathToFileURL(FIXTURES).href, name: 'lsp' }],
      capabilities,
      initializationOptions: withQuiet(opts),
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const v = this.version(uri) + 1;
    this.versions.set(uri, v);
    this.texts.set(uri, TextDocument.update(this.texts.get(uri)!, changes, v));
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
    return v;
  }

  /**
   * Send changes as given, without applying them to the client's own copy (for ranges the test applies itself,
   * e.g. past the end, which TextDocument does not clamp the way VS Code does).
   */
  async changeRaw(uri: string, changes: unknown[]): Promise<number> {
    const v = this.version(uri) + 1;
    this.versions.set(uri, v);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
    return v;
  }

  /** Replace the whole text (as one incremental change covering the document). */
  async replaceAll(uri: string, text: string): Promise<number> {
    const doc = this.texts.get(uri)!;
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text }]);
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  async pull(uri: string, previousResultId?: string): Promise<{ kind: 'full' | 'unchanged'; resultId?: string; items?: Diagnostic[] }> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, identifier: 'vcluster-cors', previousResultId });
  }

  waitForDiagnostics(pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    const hit = this.published.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const w: Waiter<PublishDiagnosticsParams> = { pred, resolve };
      this.diagWaiters.push(w);
      setTimeout(() => {
        this.diagWaiters = this.diagWaiters.filter((x) => x !== w);
        reject(new Error('timed out waiting for publishDiagnostics'));
      }, timeoutMs).unref();
    });
  }

  async codeActions(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    diagnostics: Diagnostic[],
    only?: string[],
  ): Promise<CodeAction[]> {
    return (
      (await this.request<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics, only },
      })) ?? []
    );
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 1000))]);
        await this.conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
    }
    this.conn.dispose();
    if (!this.exited) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.proc.kill();
          resolve();
        }, 1000);
        this.proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

/** Apply a WorkspaceEdit's edits for `uri` to `text` (changes or documentChanges). */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined | null): string {
  if (!edit) return text;
  const edits: TextEdit[] = [];
  if (edit.changes?.[uri]) edits.push(...edit.changes[uri]);
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) edits.push(...(dc.edits as TextEdit[]));
  }
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), edits);
}

export function pos(text: string, needle: string, delta = 0, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const doc = TextDocument.create('x', 'yaml', 0, text);
  return doc.positionAt(at + delta);
}

/** Diagnostic summary `id@line:col-line:col severity` (0-based). */
export function summary(d: Diagnostic): string {
  const r = d.range;
  return `${d.code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.severity}`;
}
