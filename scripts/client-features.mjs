// vscode-languageclient's node `LanguageClient` registers every built-in feature, so esbuild bundles all of
// them (~100 KiB minified). The build (scripts/build.mjs) replaces the modules of the features our language
// server never announces with one small stub each; test/package/clientFeatures.test.ts checks that the server
// announces none of the capabilities listed here.
//
// The client core only calls fillClientCapabilities, preInitialize/initialize, clear (and register/unregister on
// a DynamicFeature, which a stub is not, notebook sync aside: a dynamic registration for one of them fails
// instead of being ignored). Without the stubs' fillClientCapabilities the server is not told the client could
// do these things; it never asks.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Module of vscode-languageclient/lib/common → the server capabilities (InitializeResult) its features serve. */
export const UNUSED_FEATURES = {
  callHierarchy: ['callHierarchyProvider'],
  codeLens: ['codeLensProvider'],
  colorProvider: ['colorProvider'],
  declaration: ['declarationProvider'],
  definition: ['definitionProvider'],
  documentHighlight: ['documentHighlightProvider'],
  documentLink: ['documentLinkProvider'],
  documentSymbol: ['documentSymbolProvider'],
  fileOperations: ['workspace.fileOperations'],
  foldingRange: ['foldingRangeProvider'],
  formatting: ['documentFormattingProvider', 'documentRangeFormattingProvider', 'documentOnTypeFormattingProvider'],
  implementation: ['implementationProvider'],
  inlayHint: ['inlayHintProvider'],
  inlineCompletion: ['inlineCompletionProvider'],
  inlineValue: ['inlineValueProvider'],
  linkedEditingRange: ['linkedEditingRangeProvider'],
  notebook: ['notebookDocumentSync'],
  reference: ['referencesProvider'],
  rename: ['renameProvider'],
  selectionRange: ['selectionRangeProvider'],
  semanticTokens: ['semanticTokensProvider'],
  signatureHelp: ['signatureHelpProvider'],
  textDocumentContent: ['workspace.textDocumentContent'],
  typeDefinition: ['typeDefinitionProvider'],
  typeHierarchy: ['typeHierarchyProvider'],
  workspaceSymbol: ['workspaceSymbolProvider'],
};

// Every export of the stubbed modules is a feature class the client core instantiates with `new X(client)`; the
// stub exports the names the real module declares (its `exports.A = exports.B = void 0;` line).
const STUB = `'use strict';
class UnusedFeature {
  constructor() {}
  getState() { return { kind: 'static' }; }
  fillClientCapabilities() {}
  initialize() {}
  clear() {}
}
`;

// Notebook sync is looked up by the others: the diagnostics feature subscribes to its events (notebook opened,
// changed, saved, closed: getFeature('notebookDocument/sync').on*NotificationSent), and the client core asks
// whether it handles a text document (a cell) itself. So its stub is a dynamic feature that handles nothing and
// whose events never fire.
const NOTEBOOK_STUB = `${STUB}
class NotebookDocumentSyncFeature extends UnusedFeature {
  constructor() {
    super();
    this.registrationType = { method: require('vscode-languageserver-protocol').NotebookDocumentSyncRegistrationType.method };
  }
  register() {
    throw new Error('vcluster-cors: notebook sync is left out of the build (scripts/client-features.mjs)');
  }
  unregister() {}
  handles() { return false; }
  onOpenNotificationSent() { return { dispose() {} }; }
  onChangeNotificationSent() { return { dispose() {} }; }
  onSaveNotificationSent() { return { dispose() {} }; }
  onCloseNotificationSent() { return { dispose() {} }; }
}
NotebookDocumentSyncFeature.CellScheme = 'vscode-notebook-cell';
exports.NotebookDocumentSyncFeature = NotebookDocumentSyncFeature;
`;

// Document filters with a glob `pattern` are matched with minimatch (utils/globPattern.ts, ~27 KiB minified with
// brace-expansion): by the diagnostics feature (for files that are not open) and notebook sync. Our document
// selector has none, so the matcher says so loudly instead of guessing if one is ever added.
const GLOB_STUB = `'use strict';
exports.matchGlobPattern = function matchGlobPattern() {
  throw new Error('vcluster-cors: document selectors with glob patterns need minimatch, left out of the build (scripts/client-features.mjs)');
};
`;

/** esbuild plugin: the unused feature modules of vscode-languageclient become stubs. */
export const unusedClientFeatures = {
  name: 'unused-client-features',
  setup(b) {
    const names = Object.keys(UNUSED_FEATURES).join('|');
    const inClient = /[\\/]vscode-languageclient[\\/]lib[\\/]common[\\/][^\\/]+$/;
    b.onResolve({ filter: new RegExp(`^\\./(${names}|utils/globPattern)$`) }, (a) =>
      inClient.test(a.importer) ? { path: join(dirname(a.importer), `${a.path}.js`), namespace: 'unused-client-feature' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'unused-client-feature' }, (a) => {
      if (a.path.endsWith('globPattern.js')) return { contents: GLOB_STUB, loader: 'js' };
      if (a.path.endsWith('notebook.js')) return { contents: NOTEBOOK_STUB, loader: 'js', resolveDir: dirname(a.path) };
      const declared = /^exports\.\w+ = (?:exports\.\w+ = )*void 0;$/m.exec(readFileSync(a.path, 'utf8'));
      if (!declared) throw new Error(`unused-client-features: no exports line in ${a.path}`);
      const names = [...declared[0].matchAll(/exports\.(\w+) =/g)].map((m) => m[1]);
      return { contents: STUB + names.map((n) => `exports.${n} = UnusedFeature;\n`).join(''), loader: 'js' };
    });
  },
};
