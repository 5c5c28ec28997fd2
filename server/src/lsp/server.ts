/**
 * The vCluster CORS language server: a thin adapter between LSP and the lint engine. Started by the VS Code client
 * (`--node-ipc`) or any LSP client (`--stdio`); the transport comes from the command line (lsp/transport.ts).
 */
import { setFlagsFromString } from 'node:v8';
// Parsing YAML allocates many short-lived objects; a larger young generation means fewer scavenges during a
// re-lint, which is what shows up as latency spikes (p95) on big files. Must run before most allocation.
setFlagsFromString('--max-semi-space-size=32');
// Before the bundle is compiled, as in scripts/server-loader.cjs: lsp/memory.ts needs V8's gc function.
setFlagsFromString('--expose-gc');
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { ClientCapabilities, InitializeParams, InitializeResult, WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type Analysis } from './analysis';
import type { CodeActionOptions } from './codeActions';
import { PushDiagnostics } from './push';
import { DEFAULT_QUIET_MS, TypingQuiet } from './typing';
import { GO_TO_WINNING_VALUE } from './release';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, INSERT_BLOCK_KIND, MIGRATE_KIND, StatusNotification } from '../protocol';
import { uriToPath } from './selection';
import { DocumentStore } from './documents';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import { guardWith } from './requests';
import { FixAllRunner } from './fixAllRunner';
import type { HandlerContext } from './handlers/context';
import { registerCodeActions, registerCompletionHover, registerPullDiagnostics } from './handlers/features';
import { registerCustomRequests } from './handlers/custom';
import { MemoryKeeper, processMemoryHost } from './memory';
import { connect } from './transport';
import { processWarmHost, WarmUp } from './warmup';
import { shadowRoute } from './warmRoute';

/** Delay between the last change of a document and its lint in push mode. */
const DEFAULT_DEBOUNCE_MS = 150;

const connection = connect();

let capabilities: ClientCapabilities = {};
/** The client answers `vclusterCors/documentText` (re-sync after a suspicious edit). */
let documentTextSupport = false;
let pullMode = false;
let configurationCapability = false;
let debounceMs = DEFAULT_DEBOUNCE_MS;
let initSettingsRaw: unknown = undefined;
let globalSettings: Settings = DEFAULT_SETTINGS;
let folders: string[] = [];
const settingsCache = new Map<string, Promise<Settings>>();
/** Diagnostics on the line being typed wait for a pause (lsp/typing.ts). */
const typing = new TypingQuiet(DEFAULT_QUIET_MS, (uri) => {
  if (!pullMode) push.schedule(uri, 0);
  else if (capabilities.workspace?.diagnostics?.refreshSupport)
    connection.languages.diagnostics.refresh().catch((e: unknown) => logError('diagnostic/refresh', e));
});

function log(message: string): void {
  try {
    connection.console.log(message);
  } catch {
    /* the connection may be gone */
  }
}

function logError(where: string, e: unknown): void {
  const err = e as Error;
  try {
    connection.console.error(`[${where}] ${err?.stack ?? String(e)}`);
  } catch {
    /* the connection may be gone */
  }
}

const analyzer = new Analyzer({ workspaceFolders: () => folders, log, openText: (p) => openText(p), editOf: (d) => documents.editOf(d) });
/** Gives back the garbage of big parses once the server is idle (lsp/memory.ts). */
const memory = new MemoryKeeper(processMemoryHost());
/** Types into a copy of the first linted document while idle: the user's first edits run warm code (lsp/warmup.ts). */
const warm = new WarmUp(processWarmHost(memory), () => folders, shadowRoute);
/** A message from the client: idle-time work waits. */
function touched(): void {
  memory.touch();
  warm.touch();
}
const guardRequest = guardWith(logError);
const guard: typeof guardRequest = (where, fallback, fn) =>
  guardRequest(where, fallback, (...args) => {
    touched();
    return fn(...args);
  });

/** Edits computed on a copy that may differ from the editor's would damage the document: refuse them. */
function requireTrusted(uri: string): void {
  if (!documents.trusted(uri)) {
    throw new ResponseError(LSPErrorCodes.ContentModified, 'The document is being re-synchronised with the editor; try again.');
  }
}

const documents = new DocumentStore({
  opened: (doc) => onOpened(doc),
  changed: (doc, typedLine) => {
    typing.changed(doc.uri, doc.version, typedLine);
    onChanged(doc);
  },
  closed: (uri) => onClosed(uri),
  suspect: (doc, why) => void resync(doc, why),
  log,
});

/** Ask the client for the text of a document whose copy became suspect (bounded retries while it keeps changing). */
async function resync(doc: TextDocument, why: string): Promise<void> {
  log(
    `${doc.uri}: ${why}; ${documentTextSupport ? 'asking the editor for its text' : 'no edits are offered for it until the editor sends the whole text'}`,
  );
  if (!documentTextSupport) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const r = await connection.sendRequest<{ version?: unknown; text?: unknown } | null>('vclusterCors/documentText', { uri: doc.uri });
      if (!r || typeof r.version !== 'number' || typeof r.text !== 'string') return;
      if (documents.resync(doc.uri, r.version, r.text)) {
        log(`${doc.uri}: re-synchronised with the editor (version ${r.version})`);
        if (pullMode) refreshAll();
        return;
      }
      if (!documents.get(doc.uri)) return;
    } catch (e) {
      log(`${doc.uri}: re-synchronisation failed: ${(e as Error).message}`);
      return;
    }
  }
}

process.on('uncaughtException', (e) => logError('uncaughtException', e));
process.on('unhandledRejection', (e) => logError('unhandledRejection', e));

/* --------------------------------------------------------------- settings */

function settingsSection(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'vclusterCors' in (raw as Record<string, unknown>))
    return (raw as Record<string, unknown>).vclusterCors;
  return raw;
}

function settingsFor(uri: string): Promise<Settings> {
  if (!configurationCapability) return Promise.resolve(globalSettings);
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'vclusterCors' })
      .then((raw: unknown) => (raw === null || raw === undefined ? globalSettings : normalizeSettings(raw)))
      .catch((e: unknown) => {
        logError('workspace/configuration', e);
        return globalSettings;
      });
    settingsCache.set(uri, p);
  }
  return p;
}

function setFolders(list: readonly WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
  const out: string[] = [];
  for (const f of list ?? []) {
    const p = uriToPath(f.uri);
    if (p.isFile) out.push(p.path);
  }
  if (out.length === 0 && rootUri) {
    const p = uriToPath(rootUri);
    if (p.isFile) out.push(p.path);
  }
  folders = out;
}

/* --------------------------------------------------------------- analysis */

function sendStatus(a: Analysis): void {
  void connection.sendNotification(StatusNotification, {
    uri: a.uri,
    environment: a.environment,
    environmentReason: a.environmentReason,
    lintMs: Math.round(a.lintMs * 100) / 100,
    validated: a.validated,
  });
}

/** The analysis of the open document's current version, or undefined when it is not open. */
async function analysisFor(uri: string): Promise<Analysis | undefined> {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  if (!current) return undefined;
  const { analysis, fresh } = analyzer.analyze(current, settings);
  // The status (lint time for the status bar) goes out after the diagnostics the caller is about to send.
  if (fresh)
    setImmediate(() => {
      sendStatus(analysis);
      memory.afterWork();
      warm.linted(analysis, settings);
    });
  return analysis;
}

/* ---------------------------------------------------------- push diagnostics */

const push = new PushDiagnostics({ connection, documents, typing, analysisFor: (uri) => analysisFor(uri), logError });

function refreshAll(): void {
  if (pullMode) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) {
      connection.languages.diagnostics.refresh().catch((e: unknown) => logError('diagnostic/refresh', e));
    }
    return;
  }
  for (const d of documents.all()) push.schedule(d.uri, 0);
}

function settingsChanged(): void {
  settingsCache.clear();
  analyzer.invalidate();
  refreshAll();
}

/* ------------------------------------------------------------- lifecycle */

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities ?? {};
  const experimental = capabilities.experimental as { vclusterCors?: { documentText?: unknown } } | undefined;
  const init = params.initializationOptions as { documentText?: unknown } | undefined;
  documentTextSupport = experimental?.vclusterCors?.documentText === true || init?.documentText === true;
  pullMode = !!capabilities.textDocument?.diagnostic;
  configurationCapability = !!capabilities.workspace?.configuration;
  initSettingsRaw = settingsSection(params.initializationOptions);
  globalSettings = normalizeSettings(initSettingsRaw);
  const opts = params.initializationOptions as { debounceMs?: unknown; quietMs?: unknown } | undefined;
  if (opts && typeof opts.debounceMs === 'number' && opts.debounceMs >= 0) debounceMs = opts.debounceMs;
  if (opts && typeof opts.quietMs === 'number' && opts.quietMs >= 0) typing.quietMs = opts.quietMs;
  // rootUri is deprecated, but clients without workspace folders (some editors) still send only it.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  setFolders(params.workspaceFolders, params.rootUri);
  log(`vcluster-cors server started (${pullMode ? 'pull' : 'push'} diagnostics, node ${process.version})`);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, INSERT_BLOCK_KIND, MIGRATE_KIND],
        resolveProvider: false,
      },
      completionProvider: { triggerCharacters: ['/', ':', '"', ','], resolveProvider: false },
      hoverProvider: true,
      executeCommandProvider: { commands: [GO_TO_WINNING_VALUE] },
    },
    serverInfo: { name: 'vcluster-cors', version: '0.1.0' },
  };
  if (pullMode) {
    result.capabilities.diagnosticProvider = { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: false, workspaceDiagnostics: false };
  }
  if (capabilities.workspace?.workspaceFolders) {
    result.capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  }
  return result;
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: 'vclusterCors' })
      .catch((e: unknown) => logError('register', e));
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.vcluster-cors.{yaml,yml}' }] })
      .catch((e: unknown) => logError('register', e));
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      try {
        setFolders(await connection.workspace.getWorkspaceFolders());
        settingsChanged();
      } catch (e) {
        logError('workspaceFolders', e);
      }
    });
  }
});

connection.onDidChangeConfiguration((params) => {
  try {
    if (!configurationCapability) {
      const raw = settingsSection(params?.settings);
      globalSettings = normalizeSettings(raw && typeof raw === 'object' ? raw : initSettingsRaw);
    }
    settingsChanged();
  } catch (e) {
    logError('didChangeConfiguration', e);
  }
});

connection.onDidChangeWatchedFiles((params) => {
  try {
    const changes: unknown = (params as { changes?: unknown } | undefined)?.changes;
    if (!Array.isArray(changes)) {
      log('workspace/didChangeWatchedFiles ignored: `changes` must be an array.');
      return;
    }
    const uris = changes.map((c) => (c as { uri?: unknown } | null)?.uri).filter((u): u is string => typeof u === 'string');
    if (uris.some((u) => /(^|[\\/])\.vcluster-cors\.ya?ml$/.test(uriToPath(u).path))) {
      log('configuration file changed: re-linting');
      settingsChanged();
    }
  } catch (e) {
    logError('didChangeWatchedFiles', e);
  }
});

/* -------------------------------------------------------------- documents */

function onOpened(doc: TextDocument): void {
  touched();
  if (!pullMode) push.schedule(doc.uri, 0);
}

function onChanged(doc: TextDocument): void {
  touched();
  const uri = doc.uri;
  // The analysis of this version (if any) was made from another text (a re-sync keeps the version).
  // The other files of its release (known from the analysis about to be forgotten) need new diagnostics too.
  releaseMemberChanged(uri);
  analyzer.forgetResult(uri);
  if (!pullMode) push.schedule(uri, debounceMs);
}

/* ------------------------------------------------------------- releases */

let releaseRefreshTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * A file of a release changed: the other files of the release may gain or lose findings. Pull clients
 * re-pull after workspace/diagnostic/refresh; others get the diagnostics pushed.
 */
function releaseMemberChanged(uri: string): void {
  const members = analyzer.releaseMembersOf(uri);
  if (!members || members.length < 2) return;
  if (pullMode && capabilities.workspace?.diagnostics?.refreshSupport) {
    if (releaseRefreshTimer) clearTimeout(releaseRefreshTimer);
    releaseRefreshTimer = setTimeout(() => {
      releaseRefreshTimer = undefined;
      connection.languages.diagnostics.refresh().catch((err: unknown) => logError('diagnostic/refresh', err));
    }, debounceMs);
    return;
  }
  for (const d of documents.all()) {
    if (d.uri !== uri && members.includes(uriToPath(d.uri).path)) push.schedule(d.uri, debounceMs);
  }
}

/** The open document at a file path (release members edited but not saved). */
function openText(filePath: string): { text: string; version: string } | undefined {
  for (const d of documents.all()) {
    if (uriToPath(d.uri).path === filePath) return { text: d.getText(), version: `open:${d.version}` };
  }
  return undefined;
}

function onClosed(uri: string): void {
  push.cancel(uri);
  analyzer.forget(uri);
  typing.forget(uri);
  settingsCache.delete(uri);
  if (!pullMode) void connection.sendDiagnostics({ uri, diagnostics: [] });
}

/* --------------------------------------------------------------- handlers */

function actionOptions(): CodeActionOptions {
  return { documentChanges: !!capabilities.workspace?.workspaceEdit?.documentChanges };
}

const handlers: HandlerContext = {
  connection,
  documents,
  fixAll: new FixAllRunner(connection, log),
  guard,
  typing,
  capabilities: () => capabilities,
  analysisFor,
  requireTrusted,
  actionOptions,
};
registerPullDiagnostics(handlers);
registerCodeActions(handlers);
registerCompletionHover(handlers);
registerCustomRequests(handlers);

documents.listen(connection);
connection.listen();
