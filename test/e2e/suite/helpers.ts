/// <reference types="mocha" />
/**
 * Shared helpers of the e2e suite (loaded by the harness like the test files; it defines no tests).
 * Everything is polled: the language server answers asynchronously, so no fixed sleeps.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXT_ID = 'vcluster-cors.vcluster-cors';
export const SOURCE = 'vcluster-cors';

export interface Status {
  uri: string;
  environment: 'production' | 'development';
  environmentReason: string;
  lintMs: number;
  validated: boolean;
  at: Date;
}

/** The (unstable) API the extension returns from activate(). */
export interface Api {
  client(): { isRunning(): boolean } | undefined;
  ready(): Promise<void>;
  status(uri: string): Status | undefined;
}

let api: Api | undefined;

/** Activates the extension and waits for the language server. */
export async function activateExtension(): Promise<Api> {
  if (api) {
    await api.ready();
    return api;
  }
  const ext = vscode.extensions.getExtension<Api>(EXT_ID);
  assert.ok(ext, `${EXT_ID} is installed`);
  api = await ext.activate();
  await api.ready();
  return api;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...rel.split('/'));
}

/** Opens a workspace file (or a URI) in a non-preview editor, so the client pulls its diagnostics. */
export async function openFile(rel: string | vscode.Uri): Promise<vscode.TextEditor> {
  const uri = typeof rel === 'string' ? wsUri(rel) : rel;
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `fn` returns a truthy value; fails with `what` (and `detail()`) after `timeout` ms. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  { timeout = 15000, interval = 50, detail }: { timeout?: number; interval?: number; detail?: () => string } = {},
): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      const extra = detail ? `\n${detail()}` : lastError ? `\nlast error: ${(lastError as Error).message}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${extra}`);
    }
    await sleep(interval);
  }
}

/** The rule id of a diagnostic (`code.value` or plain `code`). */
export function ruleId(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Our diagnostics of a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

const SEV = ['error', 'warning', 'info', 'hint'];
export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(no diagnostics)';
  return ds
    .map(
      (d) =>
        `${SEV[d.severity]} ${ruleId(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
    )
    .join('\n');
}

/** Waits until our diagnostics of `uri` satisfy `predicate`; returns them. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeout = 15000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const ds = ours(uri);
      return predicate(ds) ? ds : undefined;
    },
    what,
    { timeout, detail: () => `diagnostics of ${uri.path.split('/').slice(-2).join('/')}:\n${describeDiagnostics(ours(uri))}` },
  );
}

export const hasRule = (id: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => ruleId(d) === id);
export const lacksRule = (id: string) => (ds: vscode.Diagnostic[]) => !ds.some((d) => ruleId(d) === id);
export const byRule = (ds: readonly vscode.Diagnostic[], id: string) => ds.filter((d) => ruleId(d) === id);

/** Waits for the server's vclusterCors/status for a document (sent after each lint). */
export async function waitForStatus(
  uri: vscode.Uri,
  predicate: (s: Status) => boolean = () => true,
  what = 'a vclusterCors/status notification',
): Promise<Status> {
  const a = await activateExtension();
  return waitFor(
    () => {
      const s = a.status(uri.toString());
      return s && predicate(s) ? s : undefined;
    },
    `${what} for ${uri.path.split('/').pop()}`,
    { detail: () => `last status: ${JSON.stringify(a.status(uri.toString()))}` },
  );
}

export function rangeString(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Updates a `vclusterCors` (or other) setting; `undefined` removes it. */
export async function setSetting(section: string, key: string, value: unknown, target = vscode.ConfigurationTarget.Global): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, target);
}

/** The code actions offered for a range, resolved. */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  // A plain Command has `command: string`; a CodeAction has `command?: Command`.
  return (all ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Hover texts at a position, joined. */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function completionLabels(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Line number (0-based) of the first line containing `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`"${needle}" not found in ${doc.uri.path}`);
}

/** Position of `needle` (+ offset) on its first line. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const line = lineOf(doc, needle);
  return new vscode.Position(line, doc.lineAt(line).text.indexOf(needle) + offset);
}
