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
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type {
  CancellationToken,
  ClientCapabilities,
  InitializeParams,
  InitializeResult,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixTextSteps, type FixTextOptions, type FixTextResult } from '../engine/index';
import { Analyzer, type Analysis } from './analysis';
import { codeActions, workspaceEdit, type CodeActionOptions } from './codeActions';
import { completions } from './completion';
import { CorsBlockError, planCorsBlock } from '../engine/index';
import { diagnosticsFor } from './diagnostics';
import { DEFAULT_QUIET_MS, TypingQuiet } from './typing';
import { hover } from './hover';
import { GO_TO_WINNING_VALUE, releaseHover, winningValueActions, withReleaseHover } from './release';
import { checkOrigins } from './origins';
import {
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  INSERT_BLOCK_KIND,
  MIGRATE_KIND,
  InsertCorsBlockRequest,
  MigrateRequest,
  StatusNotification,
  ValidateOriginsRequest,
  ValuesInfoRequest,
  type InsertCorsBlockResult,
  type MigrateResult,
} from '../protocol';
import { readValuesInfo } from './valuesInfo';
import { uriToPath } from './selection';
import { migrateDocument } from './migrate';
import { isMigrationTarget, MIGRATION_TARGETS, MigrateUsageError } from '../engine/index';
import { DocumentStore } from './documents';
import { clampPosition, clampRange, invalidParams, isRange, paramsObject, requirePosition, requireRange, textDocumentUri } from './params';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';

/** Delay between the last change of a document and its lint in push mode. */
const DEFAULT_DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);

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
const timers = new Map<string, NodeJS.Timeout>();
/** Diagnostics on the line being typed wait for a pause (lsp/typing.ts). */
const typing = new TypingQuiet(DEFAULT_QUIET_MS, (uri) => {
  if (!pullMode) schedule(uri, 0);
  else if (capabilities.workspace?.diagnostics?.refreshSupport) connection.languages.diagnostics.refresh().catch((e: unknown) => logError('diagnostic/refresh', e));
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

const analyzer = new Analyzer({ workspaceFolders: () => folders, log, openText: (p) => openText(p) });

/**
 * Never let one bad request take the server down. A ResponseError (invalid params, cancelled) is the answer;
 * any other error is a bug: logged with its stack, and the request answers `fallback`.
 */
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

/** Lets queued messages (a `$/cancelRequest`, newer edits) be read before and between long steps. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function checkCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** Fix-all without blocking: yields between passes and answers RequestCancelled when the client cancels. */
async function runFixAll(uri: string, version: number, text: string, options: FixTextOptions, token?: CancellationToken): Promise<FixTextResult> {
  // VCLUSTER_CORS_MAX_FIX_PASSES: the pass limit, for debugging a fix that does not converge (as in the CLI).
  const limit = Number(process.env.VCLUSTER_CORS_MAX_FIX_PASSES);
  const steps = fixTextSteps(text, Number.isInteger(limit) && limit > 0 ? { ...options, maxPasses: limit } : options);
  // A `$/cancelRequest` sent right after the request is read before the first pass.
  await tick();
  checkCancelled(token);
  for (;;) {
    const r = steps.next();
    if (r.done) {
      if (r.value.stopped === 'max-passes') reportNonConvergence(uri, version, r.value);
      return r.value;
    }
    await tick();
    checkCancelled(token);
  }
}

const nonConvergenceShown = new Set<string>();

/** Tells the user (once per document version) that fix-all hit its pass limit: a fix that does not converge. */
function reportNonConvergence(uri: string, version: number, r: FixTextResult): void {
  const key = `${uri}@${version}`;
  if (nonConvergenceShown.has(key)) return;
  nonConvergenceShown.add(key);
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  log(`fix-all stopped after ${r.passes} passes on ${uri}: a fix does not converge`);
  // window/showMessage: every client shows it as a notification (showWarningMessage would be a request).
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Warning,
    message: `vCluster CORS: fix-all stopped after ${r.passes} passes on ${name} because a fix does not converge; no fix-all was offered. Please report this.`,
  });
}

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
  log(`${doc.uri}: ${why}; ${documentTextSupport ? 'asking the editor for its text' : 'no edits are offered for it until the editor sends the whole text'}`);
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
    await connection.sendDiagnostics({ uri, version: a.version, diagnostics: typing.filter(uri, a.version, diagnosticsFor(a)) });
  } catch (e) {
    logError('publishDiagnostics', e);
  }
}

function refreshAll(): void {
  if (pullMode) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) {
      connection.languages.diagnostics.refresh().catch((e: unknown) => logError('diagnostic/refresh', e));
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
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, INSERT_BLOCK_KIND, MIGRATE_KIND], resolveProvider: false },
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
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'vclusterCors' }).catch((e: unknown) => logError('register', e));
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
  if (!pullMode) schedule(doc.uri, 0);
}

function onChanged(doc: TextDocument): void {
  const uri = doc.uri;
  // The analysis of this version (if any) was made from another text (a re-sync keeps the version).
  // The other files of its release (known from the analysis about to be forgotten) need new diagnostics too.
  releaseMemberChanged(uri);
  analyzer.forgetResult(uri);
  if (!pullMode) schedule(uri, debounceMs);
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
    if (d.uri !== uri && members.includes(uriToPath(d.uri).path)) schedule(d.uri, debounceMs);
  }
}

/** The open document at a file path (release members edited but not saved). */
function openText(filePath: string): { text: string; version: string } | undefined {
  for (const d of documents.all()) {
    if (uriToPath(d.uri).path === filePath) return { text: d.getText(), version: `open:${d.version}` };
  }
  return undefined;
}

connection.onExecuteCommand(
  guard('workspace/executeCommand', null, async (params) => {
    if (params.command !== GO_TO_WINNING_VALUE) return null;
    const [uri, range] = (params.arguments ?? []) as [unknown, unknown];
    if (typeof uri !== 'string' || !isRange(range)) throw invalidParams('workspace/executeCommand: expected the arguments [uri, range].');
    await connection.window.showDocument({ uri, selection: range, takeFocus: true });
    return null;
  }),
);

function onClosed(uri: string): void {
  const t = timers.get(uri);
  if (t) clearTimeout(t);
  timers.delete(uri);
  analyzer.forget(uri);
  typing.forget(uri);
  settingsCache.delete(uri);
  if (!pullMode) void connection.sendDiagnostics({ uri, diagnostics: [] });
}

/* ---------------------------------------------------------- pull diagnostics */

connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token) => {
    const uri = textDocumentUri(params, 'textDocument/diagnostic');
    await tick();
    checkCancelled(token);
    const a = await analysisFor(uri);
    // The lint ran synchronously: let a `$/cancelRequest` that arrived meanwhile be read before answering.
    await tick();
    checkCancelled(token);
    if (!a) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // A report that holds back the line being typed has its own id: the one after the pause is then new.
    const resultId = `${a.generation}:${a.version}${typing.quietLine(uri, a.version) === undefined ? '' : ':typing'}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: typing.filter(uri, a.version, diagnosticsFor(a)) };
  }),
);

/* ------------------------------------------------------------ code actions */

function actionOptions(): CodeActionOptions {
  return { documentChanges: !!capabilities.workspace?.workspaceEdit?.documentChanges };
}

connection.onCodeAction(
  guard('textDocument/codeAction', [], async (params, token) => {
    const method = 'textDocument/codeAction';
    const uri = textDocumentUri(params, method);
    const range = requireRange(params.range, method);
    const context = paramsObject(params.context, `${method} context`);
    if (!Array.isArray(context.diagnostics)) throw invalidParams(`${method}: \`context.diagnostics\` must be an array.`);
    if (context.only !== undefined && !(Array.isArray(context.only) && context.only.every((k) => typeof k === 'string'))) {
      throw invalidParams(`${method}: \`context.only\` must be an array of strings.`);
    }
    if (!context.diagnostics.every((d) => typeof d === 'object' && d !== null && isRange((d as { range?: unknown }).range))) {
      throw invalidParams(`${method}: every diagnostic in \`context.diagnostics\` needs a range.`);
    }
    await tick();
    checkCancelled(token);
    const a = await analysisFor(uri);
    if (!a || !documents.trusted(uri)) return [];
    await tick();
    checkCancelled(token);
    const clamped = {
      ...params,
      range: clampRange(a.lines, range).range,
      context: { ...params.context, diagnostics: params.context.diagnostics.map((d) => ({ ...d, range: clampRange(a.lines, d.range).range })) },
    };
    // Fix-all re-lints the file alone: not for a file of a release (its fixes may belong to another file).
    const only = params.context.only;
    if (a.release && only?.some((k) => k.startsWith('source'))) return [];
    const actions = await codeActions(a, clamped, { ...actionOptions(), fix: (text, options) => runFixAll(uri, a.version, text, options, token) });
    if (a.release && (!only || only.some((k) => CodeActionKind.QuickFix.startsWith(k)))) {
      actions.push(...winningValueActions(a.release, a.lines.offset(clamped.range.start.line, clamped.range.start.character)));
    }
    return actions;
  }),
);

/* ------------------------------------------------------ completion, hover */

connection.onCompletion(
  guard('textDocument/completion', null, async (params, token) => {
    const uri = textDocumentUri(params, 'textDocument/completion');
    const position = requirePosition(params.position, 'textDocument/completion');
    const a = await analysisFor(uri);
    if (!a) return null;
    checkCancelled(token);
    const snippets = !!capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    return completions(a, clampPosition(a.lines, position).position, { snippets });
  }),
);

connection.onHover(
  guard('textDocument/hover', null, async (params, token) => {
    const uri = textDocumentUri(params, 'textDocument/hover');
    const position = requirePosition(params.position, 'textDocument/hover');
    const a = await analysisFor(uri);
    if (!a) return null;
    checkCancelled(token);
    const at = clampPosition(a.lines, position).position;
    const extra = a.release ? releaseHover(a.release, a.lines.offset(at.line, at.character)) : undefined;
    return withReleaseHover(hover(a, at), extra);
  }),
);

/* --------------------------------------------------------- custom requests */

connection.onRequest(
  InsertCorsBlockRequest,
  guard('vclusterCors/insertCorsBlock', null as unknown as InsertCorsBlockResult, async (params) => {
    const p = paramsObject(params, 'vclusterCors/insertCorsBlock');
    const uri = p.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, '`uri` is required.');
    if (!Array.isArray(p.origins) || !p.origins.every((o) => typeof o === 'string')) throw invalidParams('`origins` must be an array of strings.');
    const check = checkOrigins(params.origins);
    if (!check.ok) throw new ResponseError(ErrorCodes.InvalidParams, check.message);
    const a = await analysisFor(uri);
    if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `The document ${uri} is not open.`);
    requireTrusted(uri);
    try {
      const plan = planCorsBlock(a.text, check.origins, params.credentials);
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
    const p = paramsObject(params, 'vclusterCors/validateOrigins');
    if (!Array.isArray(p.origins)) throw invalidParams('`origins` must be an array of strings.');
    const check = checkOrigins(params.origins);
    return { problems: check.ok ? [] : check.problems };
  }),
);

connection.onRequest(
  MigrateRequest,
  guard('vclusterCors/migrate', null as unknown as MigrateResult, async (params) => {
    const p = paramsObject(params, 'vclusterCors/migrate');
    const uri = p.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, '`uri` is required.');
    if (typeof p.to !== 'string' || !isMigrationTarget(p.to))
      throw new ResponseError(ErrorCodes.InvalidParams, `\`to\` must be one of ${MIGRATION_TARGETS.join(', ')}.`);
    const a = await analysisFor(uri);
    if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `The document ${uri} is not open.`);
    try {
      return migrateDocument(a, p.to);
    } catch (e) {
      if (e instanceof MigrateUsageError) throw new ResponseError(ErrorCodes.InvalidRequest, e.message);
      throw e;
    }
  }),
);

connection.onRequest(
  ValuesInfoRequest,
  guard('vclusterCors/valuesInfo', { origins: [] as string[] }, (params) => readValuesInfo(typeof params?.text === 'string' ? params.text : '')),
);

documents.listen(connection);
connection.listen();
