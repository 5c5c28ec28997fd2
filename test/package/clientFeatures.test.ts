/**
 * The client bundle leaves out the vscode-languageclient features our server never announces
 * (scripts/client-features.mjs): the server, asked by a client that can do everything, announces only
 * capabilities the kept features serve, and registers dynamically only configuration and watched files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = join(__dirname, '..', '..', '..');

/** Client capabilities with every feature dynamically registrable, as VS Code's client sends them. */
function everything(): unknown {
  const dyn = { dynamicRegistration: true };
  const textDocument = Object.fromEntries(
    [
      'synchronization',
      'completion',
      'hover',
      'signatureHelp',
      'declaration',
      'definition',
      'typeDefinition',
      'implementation',
      'references',
      'documentHighlight',
      'documentSymbol',
      'codeAction',
      'codeLens',
      'documentLink',
      'colorProvider',
      'formatting',
      'rangeFormatting',
      'onTypeFormatting',
      'rename',
      'foldingRange',
      'selectionRange',
      'linkedEditingRange',
      'callHierarchy',
      'semanticTokens',
      'moniker',
      'typeHierarchy',
      'inlineValue',
      'inlayHint',
      'diagnostic',
      'inlineCompletion',
    ].map((k) => [k, dyn]),
  );
  return {
    textDocument,
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: true },
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: dyn,
      didChangeWatchedFiles: dyn,
      symbol: dyn,
      executeCommand: dyn,
      fileOperations: { ...dyn, didCreate: true, didRename: true, didDelete: true, willCreate: true, willRename: true, willDelete: true },
      diagnostics: { refreshSupport: true },
      semanticTokens: { refreshSupport: true },
      textDocumentContent: dyn,
    },
    notebookDocument: { synchronization: dyn },
    window: { workDoneProgress: true, showDocument: { support: true } },
  };
}

test('the server announces no capability of a feature the client bundle leaves out', { timeout: 30000 }, async () => {
  const { UNUSED_FEATURES } = (await import(pathToFileURL(join(root, 'scripts/client-features.mjs')).href)) as {
    UNUSED_FEATURES: Record<string, string[]>;
  };
  const proc = spawn(process.execPath, [join(root, 'server/out/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const registered: string[] = [];
  conn.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
    registered.push(...p.registrations.map((r) => r.method));
    return null;
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest('workspace/workspaceFolders', () => []);
  conn.listen();
  try {
    const init = await conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [],
      capabilities: everything(),
    });
    await conn.sendNotification('initialized', {});
    // The registrations are sent while `initialized` is handled, so they arrive before this answer.
    await conn.sendRequest('shutdown');
    const caps = init.capabilities;
    assert.deepEqual(Object.keys(caps).sort(), [
      'codeActionProvider',
      'completionProvider',
      'diagnosticProvider',
      'executeCommandProvider',
      'hoverProvider',
      'textDocumentSync',
      'workspace',
    ]);
    assert.deepEqual(Object.keys(caps.workspace as object), ['workspaceFolders']);
    for (const [module, keys] of Object.entries(UNUSED_FEATURES)) {
      for (const key of keys) {
        const [head, tail] = key.split('.') as [string, string?];
        const announced = tail === undefined ? caps[head] : (caps[head] as Record<string, unknown> | undefined)?.[tail];
        assert.equal(announced, undefined, `${key} is announced but the client's ${module} feature is a stub`);
      }
    }
    assert.deepEqual(registered.sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  } finally {
    conn.dispose();
    proc.kill();
  }
});

test('the client bundle holds stubs instead of the unused features, and no minimatch', () => {
  const ext = brotliDecompressSync(readFileSync(join(root, 'client/out/bundle.js.br'))).toString('utf8');
  // Strings of the real modules: semantic tokens' and notebook sync's middleware names, minimatch's error text.
  for (const marker of ['provideDocumentSemanticTokensEdits', 'Notebook must be identical', 'pattern is too long']) {
    assert.ok(!ext.includes(marker), `the client bundle contains ${marker}`);
  }
  // Kept: completion, hover, code actions, pull diagnostics.
  for (const marker of ['provideCompletionItem', 'provideHover', 'provideCodeActions', 'provideDiagnostics']) {
    assert.ok(ext.includes(marker), `the client bundle lacks ${marker}`);
  }
});
