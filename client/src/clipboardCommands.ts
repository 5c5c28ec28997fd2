/**
 * "Copy `helm upgrade` command for this file" and "Copy preflight `curl`": both build a shell command
 * from the active values file, write it to the clipboard and say so. They return the copied text
 * (handy for tests and other extensions) or undefined when nothing was copied.
 */
import * as path from 'path';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as vscode from 'vscode';
import { plain } from './text';
import { readValuesInfo, shellQuote } from './valuesInfo';

export const CHART_REPO = 'https://charts.loft.sh/';
export const CHART_NAME = 'vcluster-platform';
export const DEFAULT_RELEASE = 'vcluster-platform';
export const DEFAULT_NAMESPACE = 'vcluster-platform';
/** Used in the curl command when the file allows any origin (or none is written). */
export const EXAMPLE_ORIGIN = 'https://example.com';

/** The document a command acts on: its argument (Uri or URI string) or the active editor's document. */
export async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  let uri: vscode.Uri | undefined;
  if (arg instanceof vscode.Uri) uri = arg;
  else if (typeof arg === 'string' && arg !== '') uri = vscode.Uri.parse(arg);
  else if (arg && typeof arg === 'object' && typeof (arg as { uri?: unknown }).uri === 'string')
    uri = vscode.Uri.parse((arg as { uri: string }).uri);
  if (uri) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open ?? vscode.workspace.openTextDocument(uri);
  }
  return vscode.window.activeTextEditor?.document;
}

/** The file's path relative to its workspace folder (forward slashes), or its absolute path outside any folder. */
export function workspaceRelativePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder && folder.uri.scheme === uri.scheme) {
    const rel = path.posix.relative(folder.uri.path, uri.path);
    if (rel && !rel.startsWith('..')) return rel;
  }
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

function settingString(uri: vscode.Uri, key: string, fallback: string): string {
  const v = vscode.workspace.getConfiguration('vclusterCors', uri).get<string>(key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
}

export function helmUpgradeCommand(uri: vscode.Uri): string {
  const release = settingString(uri, 'helm.release', DEFAULT_RELEASE);
  const namespace = settingString(uri, 'helm.namespace', DEFAULT_NAMESPACE);
  return [
    'helm upgrade',
    shellQuote(release),
    CHART_NAME,
    '--repo',
    CHART_REPO,
    '--namespace',
    shellQuote(namespace),
    '--reuse-values',
    '-f',
    shellQuote(workspaceRelativePath(uri)),
  ].join(' ');
}

/** The origin to send in the preflight: the first written origin, made concrete. */
export function preflightOrigin(origins: readonly string[]): { origin: string; note?: string } {
  const first = origins[0];
  if (!first)
    return { origin: EXAMPLE_ORIGIN, note: `no cors-allow-origin is set (any origin is allowed), so the command uses ${EXAMPLE_ORIGIN}` };
  if (first === '*') return { origin: EXAMPLE_ORIGIN, note: `cors-allow-origin is \`*\`, so the command uses ${EXAMPLE_ORIGIN}` };
  if (first.includes('*')) {
    const concrete = first.replace('*', 'app');
    return { origin: concrete, note: `${first} is a wildcard, so the command uses ${concrete}` };
  }
  return { origin: first };
}

const singleQuoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function preflightCurlCommand(host: string, origin: string): string {
  return [
    'curl -i -X OPTIONS',
    shellQuote(`https://${host}/kubernetes/management/apis`),
    '-H',
    singleQuoted(`Origin: ${origin}`),
    '-H',
    singleQuoted('Access-Control-Request-Method: GET'),
    '-H',
    singleQuoted('Access-Control-Request-Headers: authorization'),
  ].join(' ');
}

async function copy(text: string, what: string, note?: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(
    `vCluster CORS: copied the ${plain(what)} to the clipboard${note ? ` (${plain(note)})` : ''}: ${text}`,
  );
  return text;
}

export async function copyHelmUpgrade(arg?: unknown): Promise<string | undefined> {
  const doc = await targetDocument(arg);
  if (!doc) {
    void vscode.window.showErrorMessage('vCluster CORS: open a vCluster Platform values file first.');
    return undefined;
  }
  if (doc.isUntitled) {
    void vscode.window.showErrorMessage('vCluster CORS: save this file first; "helm upgrade -f" needs a file path.');
    return undefined;
  }
  return copy(helmUpgradeCommand(doc.uri), '`helm upgrade` command');
}

export async function copyPreflightCurl(arg: unknown, client: LanguageClient | undefined): Promise<string | undefined> {
  const doc = await targetDocument(arg);
  if (!doc) {
    void vscode.window.showErrorMessage('vCluster CORS: open a vCluster Platform values file first.');
    return undefined;
  }
  let info;
  try {
    info = await readValuesInfo(client, doc.getText());
  } catch (e) {
    void vscode.window.showErrorMessage(`vCluster CORS: ${(e as Error).message}`);
    return undefined;
  }
  if (!info.host) {
    void vscode.window.showErrorMessage(
      `vCluster CORS: ${path.posix.basename(doc.uri.path)} has no ingress.host; the preflight needs the Platform's host name.`,
    );
    return undefined;
  }
  const { origin, note } = preflightOrigin(info.origins);
  return copy(preflightCurlCommand(info.host, origin), 'preflight `curl` command', note);
}
