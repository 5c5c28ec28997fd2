/**
 * "Verify CORS preflight against the live Platform": runs the bundled CLI (`server/out/cli.js verify - --format
 * json`) on the document's text and shows how the live answer compares with the file.
 *
 * The only editor command that uses the network, so: only in a trusted workspace, and only after the user
 * confirmed the exact request in a modal. The CLI runs in the extension host's own binary (Electron in
 * desktop VS Code) with ELECTRON_RUN_AS_NODE=1, so no separate Node installation is needed. It never sends
 * cookies or credentials.
 */
import * as cp from 'child_process';
import * as path from 'path';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as vscode from 'vscode';
import { preflightOrigin, targetDocument } from './clipboardCommands';
import { plain } from './text';
import { readValuesInfo } from './valuesInfo';

export const SEND_PREFLIGHT = 'Send preflight';
/** The CLI gives up after 10 s (its default --timeout); this only guards against a hung process. */
const CHILD_TIMEOUT_MS = 30_000;

export interface VerifyDifferenceJson {
  field: string;
  predicted: string | null;
  observed: string | null;
  message: string;
  cause: string;
}

/** `vcluster-cors verify --format json` (see the CLI's `verify --help`). */
export interface VerifyResultJson {
  file: string;
  controller: string;
  source: string;
  url: string;
  origin: string;
  request: { method: string; headers: Record<string, string> };
  predicted: { status: number | 'backend'; headers: Record<string, string> };
  observed: { status: number; headers: Record<string, string> };
  match: boolean;
  differences: VerifyDifferenceJson[];
  verdict: 'allowed' | 'blocked';
  notes: string[];
}

export interface VerifyOutcome {
  /** The CLI's exit code: 0 match, 1 differences, 2 usage or network error. */
  code: number | null;
  result?: VerifyResultJson;
  /** The CLI's error message (exit 2). */
  error?: string;
}

export interface VerifyDeps {
  cliPath: string;
  output: vscode.LogOutputChannel;
  /** The language client (the host and origins of the file are asked from the server). */
  client?: () => LanguageClient | undefined;
}

function runCli(
  cliPath: string,
  args: string[],
  input: string,
  cwd: string,
  token: vscode.CancellationToken,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = cp.spawn(process.execPath, [cliPath, ...args], {
      cwd,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    const kill = () => child.kill();
    const timer = setTimeout(kill, CHILD_TIMEOUT_MS);
    const sub = token.onCancellationRequested(kill);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      sub.dispose();
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      sub.dispose();
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function describe(r: VerifyResultJson): string[] {
  const lines = [`verify ${r.file}: OPTIONS ${r.url}`];
  for (const [k, v] of Object.entries(r.request.headers)) lines.push(`  ${k}: ${v}`);
  for (const n of r.notes) lines.push(`  (${plain(n)})`);
  const block = (title: string, status: string, headers: Record<string, string>) => {
    lines.push(`${title}: status ${status}`);
    const names = Object.keys(headers);
    if (names.length === 0) lines.push('  (no CORS headers)');
    for (const n of names) lines.push(`  ${n}: ${headers[n]}`);
  };
  block('predicted from the file', String(r.predicted.status), r.predicted.headers);
  block('live', String(r.observed.status), r.observed.headers);
  if (r.match) lines.push('the live answer matches the file');
  else {
    lines.push(`${r.differences.length} difference(s) between the live answer and the file:`);
    for (const d of r.differences) {
      lines.push(`- ${d.message}`);
      lines.push(`  likely cause: ${d.cause}`);
    }
  }
  return lines;
}

interface VerifyTarget {
  doc: vscode.TextDocument;
  /** The file's base name, for messages. */
  name: string;
  host: string;
  url: string;
}

function fail(message: string): null {
  void vscode.window.showErrorMessage(`vCluster CORS: ${message}`);
  return null;
}

/** The trusted-workspace check, the document and its Platform host (asked from the server). */
async function resolveTarget(arg: unknown, deps: VerifyDeps): Promise<(VerifyTarget & { origins: string[] }) | null> {
  if (!vscode.workspace.isTrusted) return fail('verifying against the live Platform is only available in a trusted workspace.');
  const doc = await targetDocument(arg);
  if (!doc) return fail('open a vCluster Platform values file first.');
  let info;
  try {
    info = await readValuesInfo(deps.client?.(), doc.getText());
  } catch (e) {
    return fail((e as Error).message);
  }
  const name = path.posix.basename(doc.uri.path);
  if (!info.host) return fail(`${name} has no ingress.host; the preflight needs the Platform's host name.`);
  return { doc, name, host: info.host, url: `https://${info.host}/kubernetes/management/apis`, origins: info.origins };
}

/** The file's first allowed origin, or one the user enters when the file allows any origin. */
async function pickOrigin(name: string, origins: string[]): Promise<string | undefined> {
  if (origins.length > 0 && origins[0] !== '*') return preflightOrigin(origins).origin;
  const entered = await vscode.window.showInputBox({
    title: 'vCluster CORS: origin to verify',
    prompt: `${name} allows any origin, so there is no origin to test with. Enter the origin of the page that calls the Platform.`,
    placeHolder: 'https://dashboard.example.com',
    ignoreFocusOut: true,
    validateInput: (v) => (/^(https?:\/\/[^\s/?#]+|null)$/.test(v.trim()) ? undefined : 'An origin: scheme://host[:port], without a path'),
  });
  return entered?.trim();
}

/** The modal that shows the exact request; true when the user chose to send it. */
async function confirmSend(t: VerifyTarget, origin: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Send a CORS preflight to ${t.host}?`,
    {
      modal: true,
      detail: [
        `OPTIONS ${t.url}`,
        `Origin: ${origin}`,
        'Access-Control-Request-Method: GET',
        'Access-Control-Request-Headers: authorization',
        '',
        'No cookies or credentials are sent. The answer is compared with this file.',
      ].join('\n'),
    },
    SEND_PREFLIGHT,
  );
  return choice === SEND_PREFLIGHT;
}

/** The CLI's working folder and the name it reads stdin as (so .vcluster-cors.yaml is found from the file's folder). */
function cliPlace(doc: vscode.TextDocument): { cwd: string; stdinName: string } {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const cwd =
    folder && folder.uri.scheme === 'file' ? folder.uri.fsPath : doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : process.cwd();
  let stdinName = 'vcluster-platform.yaml';
  if (doc.uri.scheme === 'file') {
    const rel = path.relative(cwd, doc.uri.fsPath);
    stdinName = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : doc.uri.fsPath;
  }
  return { cwd, stdinName };
}

/** Shows the CLI's JSON answer (exit 0 or 1) in the output and a notification. */
function reportResult(t: VerifyTarget, code: number, stdout: string, stderr: string, output: vscode.LogOutputChannel): VerifyOutcome {
  let result: VerifyResultJson;
  try {
    result = JSON.parse(stdout) as VerifyResultJson;
  } catch {
    output.error(`[verify] unexpected output: ${stdout.slice(0, 500)}`);
    void vscode.window.showErrorMessage('vCluster CORS: the verification printed something unexpected; see the output.');
    return { code, error: 'unexpected output' };
  }
  for (const l of describe(result)) {
    if (result.match) output.info(`[verify] ${l}`);
    else output.warn(`[verify] ${l}`);
  }
  if (stderr.trim() !== '') output.warn(`[verify] ${stderr.trim()}`);
  if (result.match) {
    void vscode.window.showInformationMessage(`vCluster CORS: the live preflight answer from ${t.host} matches ${t.name}.`);
  } else {
    const n = result.differences.length;
    const first = result.differences[0];
    void vscode.window
      .showWarningMessage(
        `vCluster CORS: ${n} difference${n === 1 ? '' : 's'} between ${t.host} and ${t.name}: ${plain(first.message)} (${plain(first.cause)})`,
        'Show output',
      )
      .then((a) => {
        if (a) output.show(true);
      });
  }
  return { code, result };
}

/** The CLI's one-line error (exit 2), in the output and a notification. */
function reportError(code: number | null, stderr: string, output: vscode.LogOutputChannel): VerifyOutcome {
  const error =
    stderr
      .trim()
      .replace(/^vcluster-cors: /, '')
      .split('\nRun `vcluster-cors')[0] || `the CLI exited with ${code}`;
  output.error(`[verify] ${error}`);
  void vscode.window.showErrorMessage(`vCluster CORS: ${plain(error)}`, 'Show output').then((a) => {
    if (a) output.show(true);
  });
  return { code, error };
}

/** The command. Returns what happened (undefined when nothing was sent). */
export async function verifyPreflight(arg: unknown, deps: VerifyDeps): Promise<VerifyOutcome | undefined> {
  const { output } = deps;
  const t = await resolveTarget(arg, deps);
  if (t === null) return undefined;
  const origin = await pickOrigin(t.name, t.origins);
  if (origin === undefined || !(await confirmSend(t, origin))) return undefined;

  const { cwd, stdinName } = cliPlace(t.doc);
  const args = ['verify', '-', '--stdin-filename', stdinName, '--format', 'json', '--url', t.url, '--origin', origin];
  output.info(
    `[verify] sending the preflight: OPTIONS ${t.url} (Origin: ${origin})${t.doc.isDirty ? '; the prediction uses the unsaved text of the editor' : ''}`,
  );

  let run: { code: number | null; stdout: string; stderr: string };
  try {
    run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `vCluster CORS: sending the preflight to ${t.host}…`, cancellable: true },
      (_p, token) => runCli(deps.cliPath, args, t.doc.getText(), cwd, token),
    );
  } catch (e) {
    const msg = (e as Error).message;
    output.error(`[verify] cannot run the CLI: ${msg}`);
    void vscode.window.showErrorMessage(`vCluster CORS: cannot run the verification: ${msg}`);
    return { code: null, error: msg };
  }
  if (run.code === 0 || run.code === 1) return reportResult(t, run.code, run.stdout, run.stderr, output);
  return reportError(run.code, run.stderr, output);
}
