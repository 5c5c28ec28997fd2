// The transport floor of bench/lsp.mjs: a language server on the same JSON-RPC and protocol libraries that does
// no work — it answers every open and change with an empty diagnostics list for that version at once. Its
// edit→diagnostics time is what any server pays for the round trip (pipe, framing, JSON, event loop turns).
'use strict';
const { createConnection, ProposedFeatures, TextDocumentSyncKind } = require('vscode-languageserver/node');

const conn = createConnection(ProposedFeatures.all);
conn.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
const publish = (p) => conn.sendDiagnostics({ uri: p.textDocument.uri, version: p.textDocument.version, diagnostics: [] });
conn.onDidOpenTextDocument(publish);
conn.onDidChangeTextDocument(publish);
conn.listen();
