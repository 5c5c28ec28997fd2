/** What the request handlers (lsp/handlers/*.ts) need from the server's wiring (server.ts). */
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import type { Analysis } from '../analysis';
import type { CodeActionOptions } from '../codeActions';
import type { DocumentStore } from '../documents';
import type { FixAllRunner } from '../fixAllRunner';
import type { Guard } from '../requests';
import type { TypingQuiet } from '../typing';

export interface HandlerContext {
  readonly connection: Connection;
  readonly documents: DocumentStore;
  readonly fixAll: FixAllRunner;
  readonly guard: Guard;
  /** Diagnostics on the line being typed wait for a pause (lsp/typing.ts). */
  readonly typing: TypingQuiet;
  /** The client's capabilities (known after `initialize`). */
  capabilities(): ClientCapabilities;
  /** The analysis of the open document's current version, or undefined when it is not open. */
  analysisFor(uri: string): Promise<Analysis | undefined>;
  /** Throws ContentModified when the server's copy of the document may differ from the editor's. */
  requireTrusted(uri: string): void;
  actionOptions(): CodeActionOptions;
}
