/**
 * vCluster CORS for VS Code: a thin client for the vcluster-cors language server (bundled in
 * server/out/server.js) plus a few editor commands (insert a CORS block, copy `helm upgrade` / a
 * preflight `curl`, open rule documentation, verify the preflight against the live Platform) and a
 * language status item.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { copyHelmUpgrade, copyPreflightCurl } from './clipboardCommands';
import { CorsBlockInserter, type InsertCorsBlockOutcome } from './insertCorsBlock';
import {
  CLIENT_ID,
  CLIENT_NAME,
  Commands,
  StatusNotification,
  type InsertCorsBlockArgs,
  type StatusParams,
} from '../../server/src/protocol';
import { RuleDocs } from './ruleDocs';
import { LanguageStatus } from './status';
import { verifyPreflight } from './verify';
import { openMigration } from './migrate';

/** What `activate` returns (used by the e2e tests; not a stable API). */
export interface VclusterCorsApi {
  client(): LanguageClient | undefined;
  /** Resolves once the language server is running. */
  ready(): Promise<void>;
  /** The last `vclusterCors/status` received for a document URI. */
  status(uri: string): (StatusParams & { at: Date }) | undefined;
  insertCorsBlock(args?: InsertCorsBlockArgs): Promise<InsertCorsBlockOutcome | undefined>;
}

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;

// VS Code awaits the API activate returns; keeping it async keeps a future await from changing the signature.
// eslint-disable-next-line @typescript-eslint/require-await
export async function activate(context: vscode.ExtensionContext): Promise<VclusterCorsApi> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = new LanguageStatus();
  const docs = new RuleDocs(context.extensionUri, context.globalStorageUri);
  context.subscriptions.push(output, status);
  const log = (msg: string) => output.info(`[client] ${msg}`);

  const serverModule = context.asAbsolutePath('server/out/server.js');
  // server.js keeps a V8 code cache of the engine bundle here (scripts/server-loader.cjs), so the server starts
  // without compiling the bundle again; it falls back to compiling when the cache is missing or unusable.
  const env = { VCLUSTER_CORS_CACHE_DIR: context.globalStorageUri.fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      // The server still reads settings through didChangeConfiguration pushes (its pull requests come too).
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      configurationSection: 'vclusterCors',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.vcluster-cors.{yaml,yml}'),
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
    initializationOptions: { vclusterCors: plainSettings(), documentText: true },
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    markdown: { isTrusted: { enabledCommands: [Commands.openRuleDoc] }, supportHtml: false },
  };

  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) status.setServerState('running');
      else if (e.newState === State.Starting) status.setServerState('starting');
      else status.setServerState('stopped');
    }),
    client.onNotification(StatusNotification, (p) => status.update(p)),
    // The server asks for a document's text when an edit it received could not be applied exactly (re-sync).
    client.onRequest('vclusterCors/documentText', (p: { uri?: unknown }) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === p?.uri);
      return doc ? { uri: doc.uri.toString(), version: doc.version, text: doc.getText() } : null;
    }),
  );

  const inserter = new CorsBlockInserter(() => client, log);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.insertCorsBlock, (args?: InsertCorsBlockArgs) => inserter.run(args)),
    vscode.commands.registerCommand(Commands.copyHelmUpgrade, (arg?: unknown) => copyHelmUpgrade(arg)),
    vscode.commands.registerCommand(Commands.copyPreflightCurl, (arg?: unknown) => copyPreflightCurl(arg, client)),
    vscode.commands.registerCommand(Commands.openRuleDoc, (arg?: unknown) => docs.open(arg)),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(Commands.migrateCors, (arg?: unknown) => openMigration(client, arg)),
    vscode.commands.registerCommand(Commands.verifyPreflight, (arg?: unknown) =>
      verifyPreflight(arg, { cliPath: context.asAbsolutePath('server/out/cli.js'), output, client: () => client }),
    ),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      log('restarting the language server');
      await restart();
      void vscode.window.setStatusBarMessage('vCluster CORS: language server restarted', 3000);
    }),
  );

  starting = start(log);
  // Activation must not fail because the server does: the commands that don't need it keep working.
  starting.catch(() => undefined);

  return {
    client: () => client,
    ready: () => starting ?? Promise.resolve(),
    status: (uri) => status.get(uri),
    insertCorsBlock: (args) => inserter.run(args),
  };
}

async function start(log: (msg: string) => void): Promise<void> {
  if (!client) return;
  try {
    await client.start();
    log(`language server running (${vscode.workspace.isTrusted ? 'trusted' : 'restricted'} workspace)`);
  } catch (e) {
    log(`the language server failed to start: ${(e as Error).message}`);
    void vscode.window
      .showErrorMessage(`vCluster CORS: the language server failed to start: ${(e as Error).message}`, 'Show output')
      .then((a) => {
        if (a) void vscode.commands.executeCommand(Commands.showOutput);
      });
    throw e;
  }
}

async function restart(): Promise<void> {
  if (!client) return;
  if (client.isRunning()) {
    starting = client.restart();
  } else {
    starting = client.start();
  }
  await starting;
}

/** The `vclusterCors` settings as plain JSON (for initializationOptions). */
function plainSettings(): unknown {
  try {
    return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('vclusterCors')));
  } catch {
    return {};
  }
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
}
