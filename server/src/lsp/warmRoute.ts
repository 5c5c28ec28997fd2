/**
 * The warm-up's edits as an editor sends them. A private LSP connection over in-memory streams, with
 * its own document store, push diagnostics and analyzer: the warm-up writes each edit as a framed
 * `textDocument/didChange` into its input, and the edit is done when the framed `publishDiagnostics` comes out of
 * its output. So the code an editor's edit runs besides the lint (Node's streams, vscode-jsonrpc's reader, message
 * queue, dispatch and writer, the document store and push) is compiled before the user's first keystroke. Nothing
 * is written to the client. docs/reference/lsp-latency.md.
 */
import { PassThrough, Writable } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { Analyzer } from './analysis';
import { DocumentStore } from './documents';
import { PushDiagnostics } from './push';
import type { Settings } from './settings';
import { OneWriteMessageWriter } from './transport';
import { DEFAULT_QUIET_MS, TypingQuiet } from './typing';

export interface WarmRoute {
  /** Sends one edit (of the document's version `version`); `done` runs once its diagnostics were written. */
  edit(change: { range: { start: Pos; end: Pos }; text: string }, version: number, done: () => void): void;
  dispose(): void;
}

interface Pos {
  line: number;
  character: number;
}

/** A private session with `text` open as `uri`. */
export function shadowRoute(
  uri: string,
  languageId: string,
  text: string,
  settings: Settings,
  folders: () => readonly string[],
): WarmRoute {
  const input = new PassThrough();
  // The editor's side: framed messages into the session's input, with the server's own framing.
  const client = new OneWriteMessageWriter(input);
  const send = (method: string, params: object): void => void client.write({ jsonrpc: '2.0', method, params } as Message);
  let waiting: (() => void) | undefined;
  const finish = (): void => {
    const w = waiting;
    waiting = undefined;
    w?.();
  };
  const output = new Writable({
    write(_chunk: Buffer, _enc, cb) {
      // Only publishDiagnostics and the like come out; any frame ends the pending edit.
      cb();
      finish();
    },
  });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(input), new OneWriteMessageWriter(output));
  const analyzer = new Analyzer({ workspaceFolders: folders, log: () => {}, editOf: (d) => documents.editOf(d) });
  const typing = new TypingQuiet(DEFAULT_QUIET_MS, () => {});
  const documents: DocumentStore = new DocumentStore({
    opened: () => {},
    changed: (doc, typed) => {
      typing.changed(doc.uri, doc.version, typed);
      analyzer.forgetResult(doc.uri);
      push.schedule(doc.uri, 0);
    },
    closed: () => {},
    suspect: () => {},
    log: () => {},
  });
  const push = new PushDiagnostics({
    connection,
    documents,
    typing,
    analysisFor: (u) => {
      const d = documents.get(u);
      return Promise.resolve(d ? analyzer.analyze(d, settings).analysis : undefined);
    },
    // A lint that throws writes no diagnostics: end the pending edit anyway, so the warm-up goes on and ends.
    logError: () => finish(),
  });
  documents.listen(connection);
  connection.listen();
  send('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return {
    edit(change, version, done) {
      waiting = done;
      send('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    },
    dispose() {
      waiting = undefined;
      typing.forget(uri);
      connection.dispose();
      input.destroy();
      output.destroy();
    },
  };
}
