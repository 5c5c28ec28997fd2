/**
 * The vCluster CORS language server: a thin adapter between LSP and the lint engine.
 *
 * Started by the VS Code client (`--node-ipc`) or any LSP client (`--stdio`); createConnection picks the
 * transport from the command line.
 */
import { setFlagsFromString } from 'node:v8';
// Parsing YAML allocates many short-lived objects; a larger young generation means fewer scavenges during a
// re-lint, which is what shows up as latency spikes (p95) on big files. Must run before most allocation.
setFlagsFromString('--max-semi-space-size=32');
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type {
  ClientCapabilities,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type Analysis } from './analysis';
import { codeActions, workspaceEdit, type CodeActionOptions } from './codeActions';
import { completions } from './completion';
import { CorsBlockError, planCorsBlock } from './corsBlock';
import { diagnosticsFor } from './diagnostics';
import { hover } from './hover';
import { checkOrigins } from './origins';
import {
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  INSERT_BLOCK_KIND,
  InsertCorsBlockRequest,
  StatusNotification,
  ValidateOriginsRequest,
  ValuesInfoRequest,
  type InsertCorsBlockResult,
} from './protocol';
import { readValuesInfo } from './valuesInfo';
import { uriToPath } from './selection';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';

/** Delay between the last change of a document and its lint in push mode. */
const DEFAULT_DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let capabilities: ClientCapabilities = {};
let pullMode = false;
let configurationCapability = false;
let debounceMs = DEFAULT_DEBOUNCE_MS;
let initSettingsRaw: unknown = undefined;
let globalSettings: Settings = DEFAULT_SETTINGS;
let folders: string[] = [];
const settingsCache = new Map<string, Promise<Settings>>();
const timers = new Map<string, NodeJS.Timeout>();

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

const analyzer = new Analyzer({ workspaceFolders: () => folders, log });

/** Never let one bad request take the server down. */
function guard<P extends unknown[], R>(where: string, fallback: R, fn: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      logError(where, e);
      return fallback;
    }
  };
}

process.on('uncaughtException', (e) => logError('uncaughtException', e));
process.on('unhandledRejection', (e) => logError('unhandledRejection', e));

/* --------------------------------------------------------------- settings */

function settingsSection(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'vclusterCors' in (raw as Record<string, unknown>)) return (raw as Record<string, unknown>).vclusterCors;
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
  if (fresh) sendStatus(analysis);
  return analysis;
}

/* ---------------------------------------------------------- push diagnostics */

function schedule(uri: string, delay: number): void {
  const old = timers.get(uri);
  if (old) clearTimeout(old);
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const run = () => {
    timers.delete(uri);
    void publish(uri, version);
  };
  timers.set(uri, setTimeout(run, Math.max(0, delay)));
}

async function publish(uri: string, version: number): Promise<void> {
  try {
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return; // a newer change is scheduled
    const a = await analysisFor(uri);
    const now = documents.get(uri);
    if (!a || !now || now.version !== a.version || a.version !== version) return; // stale: the document moved on
    await connection.sendDiagnostics({ uri, version: a.version, diagnostics: diagnosticsFor(a) });
  } catch (e) {
    logError('publishDiagnostics', e);
  }
}

function refreshAll(): void {
  if (pullMode) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) {
      connection.languages.diagnostics.refresh().catch((e) => logError('diagnostic/refresh', e));
    }
    return;
  }
  for (const d of documents.all()) schedule(d.uri, 0);
}

function settingsChanged(): void {
  settingsCache.clear();
  analyzer.invalidate();
  refreshAll();
}

/* ------------------------------------------------------------- lifecycle */

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities ?? {};
  pullMode = !!capabilities.textDocument?.diagnostic;
  configurationCapability = !!capabilities.workspace?.configuration;
  initSettingsRaw = settingsSection(params.initializationOptions);
  globalSettings = normalizeSettings(initSettingsRaw);
  const opts = params.initializationOptions as { debounceMs?: unknown } | undefined;
  if (opts && typeof opts.debounceMs === 'number' && opts.debounceMs >= 0) debounceMs = opts.debounceMs;
  setFolders(params.workspaceFolders, params.rootUri);
  log(`vcluster-cors server started (${pullMode ? 'pull' : 'push'} diagnostics, node ${process.version})`);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, INSERT_BLOCK_KIND], resolveProvider: false },
      completionProvider: { triggerCharacters: ['/', ':', '"', ','], resolveProvider: false },
      hoverProvider: true,
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
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'vclusterCors' }).catch((e) => logError('register', e));
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.vcluster-cors.{yaml,yml}' }] })
      .catch((e) => logError('register', e));
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
    if (params.changes.some((c) => /(^|[\\/])\.vcluster-cors\.ya?ml$/.test(uriToPath(c.uri).path))) {
      log('configuration file changed: re-linting');
      settingsChanged();
    }
  } catch (e) {
    logError('didChangeWatchedFiles', e);
  }
});

/* -------------------------------------------------------------- documents */

const justOpened = new Map<string, number>();

documents.onDidOpen((e) => {
  justOpened.set(e.document.uri, e.document.version);
  if (!pullMode) schedule(e.document.uri, 0);
});

documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  if (justOpened.get(uri) === e.document.version) {
    justOpened.delete(uri);
    return;
  }
  justOpened.delete(uri);
  if (!pullMode) schedule(uri, debounceMs);
});

documents.onDidClose((e) => {
  const uri = e.document.uri;
  const t = timers.get(uri);
  if (t) clearTimeout(t);
  timers.delete(uri);
  justOpened.delete(uri);
  analyzer.forget(uri);
  settingsCache.delete(uri);
  if (!pullMode) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

/* ---------------------------------------------------------- pull diagnostics */

connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (params) => {
    const a = await analysisFor(params.textDocument.uri);
    if (!a) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${a.generation}:${a.version}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsFor(a) };
  }),
);

/* ------------------------------------------------------------ code actions */

function actionOptions(): CodeActionOptions {
  return { documentChanges: !!capabilities.workspace?.workspaceEdit?.documentChanges };
}

connection.onCodeAction(
  guard('textDocument/codeAction', [], async (params) => {
    const a = await analysisFor(params.textDocument.uri);
    if (!a) return [];
    return codeActions(a, params, actionOptions());
  }),
);

/* ------------------------------------------------------ completion, hover */

connection.onCompletion(
  guard('textDocument/completion', null, async (params) => {
    const a = await analysisFor(params.textDocument.uri);
    if (!a) return null;
    const snippets = !!capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    return completions(a, params.position, { snippets });
  }),
);

connection.onHover(
  guard('textDocument/hover', null, async (params) => {
    const a = await analysisFor(params.textDocument.uri);
    if (!a) return null;
    return hover(a, params.position);
  }),
);

/* --------------------------------------------------------- custom requests */

connection.onRequest(
  InsertCorsBlockRequest,
  guard('vclusterCors/insertCorsBlock', null as unknown as InsertCorsBlockResult, async (params) => {
    const uri = params?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, '`uri` is required.');
    const check = checkOrigins(params.origins);
    if (!check.ok) throw new ResponseError(ErrorCodes.InvalidParams, check.message);
    const a = await analysisFor(uri);
    if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `The document ${uri} is not open.`);
    try {
      const plan = planCorsBlock(a.text, check.origins, params.credentials === true);
      return { ...workspaceEdit(a, plan.edits, actionOptions()), added: plan.added, kept: plan.kept };
    } catch (e) {
      if (e instanceof CorsBlockError) throw new ResponseError(ErrorCodes.InvalidRequest, e.message);
      throw e;
    }
  }),
);

connection.onRequest(
  ValidateOriginsRequest,
  guard('vclusterCors/validateOrigins', { problems: [] as string[] }, (params) => {
    const check = checkOrigins(params?.origins);
    return { problems: check.ok ? [] : check.problems };
  }),
);

connection.onRequest(
  ValuesInfoRequest,
  guard('vclusterCors/valuesInfo', { origins: [] as string[] }, (params) => readValuesInfo(typeof params?.text === 'string' ? params.text : '')),
);

documents.listen(connection);
connection.listen();
