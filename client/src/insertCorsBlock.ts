/**
 * `vclusterCors.insertCorsBlock`: asks for the origin(s) (validated by the server's
 * `vclusterCors/validateOrigins`, or a local check when the server lacks it) and whether credentials are
 * allowed, then lets the server compute the edit (`vclusterCors/insertCorsBlock`) and applies it.
 * Every prompt is skipped when its answer comes in the arguments, and when the file already sets what it asks for
 * (the block keeps existing annotations, so an origin typed for a file that has `cors-allow-origin` would be unused).
 */
import * as vscode from 'vscode';
import { ErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import {
  InsertCorsBlockRequest,
  ValidateOriginsRequest,
  type InsertCorsBlockArgs,
  type InsertCorsBlockResult,
} from '../../server/src/protocol';
import { targetDocument } from './clipboardCommands';
import { plain } from './text';

export interface InsertCorsBlockOutcome {
  applied: boolean;
  added: string[];
  kept: string[];
  /** The prompts shown (an answer the file already has is not asked for). */
  asked: ('origins' | 'credentials')[];
}

/** Only used to ask the server what the file already sets; never written (an existing value is kept). */
const PROBE_ORIGIN = 'https://dashboard.example.com';

const shortName = (k: string) => k.replace(/^.*\//, '');

/** A notification short enough to read whole: the names when there are few, else how many. */
export function insertSummary(added: readonly string[], kept: readonly string[]): string {
  const names = (ks: readonly string[]) => (ks.length <= 2 ? ks.map(shortName).join(' and ') : `${ks.length} annotations`);
  return `vCluster CORS: added ${names(added)}${kept.length ? `; kept ${kept.length} already set` : ''}.`;
}

/** Splits the input box text into origins (commas or whitespace). */
export function splitOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const LOCAL_ORIGIN = /^(https?):\/\/(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** Fallback validation when the server does not implement vclusterCors/validateOrigins. */
export function validateOriginsLocally(origins: readonly string[]): string[] {
  if (origins.length === 0) return ['Give at least one origin, such as `https://app.example.com`.'];
  const problems: string[] = [];
  for (const o of origins) {
    if (o === '*') problems.push('`*` allows every website; list the origins that need access instead');
    else if (o === 'null') problems.push('`null` must not be trusted');
    else if (o.endsWith('/')) problems.push(`\`${o}\` has a trailing slash (browsers send the origin without one)`);
    else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(o)) problems.push(`\`${o}\` has no scheme (write \`https://${o}\`)`);
    else if (!LOCAL_ORIGIN.test(o)) problems.push(`\`${o}\` is not of the form \`scheme://host[:port]\``);
  }
  return problems;
}

/** Number of text edits in a WorkspaceEdit (`changes` or `documentChanges`). */
function editCount(e: InsertCorsBlockResult): number {
  let n = 0;
  for (const edits of Object.values(e.changes ?? {})) n += edits.length;
  for (const dc of e.documentChanges ?? []) if ('edits' in dc) n += dc.edits.length;
  return n;
}

export class CorsBlockInserter {
  /** Set once the server answered MethodNotFound for validateOrigins: validate locally from then on. */
  private serverValidation = true;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly log: (msg: string) => void,
  ) {}

  async validate(origins: string[]): Promise<string[]> {
    const client = this.client();
    if (this.serverValidation && client?.isRunning()) {
      try {
        const r = await client.sendRequest(ValidateOriginsRequest, { origins });
        if (r && Array.isArray(r.problems)) return r.problems;
      } catch (e) {
        if (e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound) {
          this.serverValidation = false;
          this.log('The server does not implement vclusterCors/validateOrigins; validating origins in the client.');
        } else {
          this.log(`vclusterCors/validateOrigins failed: ${(e as Error).message}`);
        }
      }
    }
    return validateOriginsLocally(origins);
  }

  private async askOrigins(): Promise<string[] | undefined> {
    const text = await vscode.window.showInputBox({
      title: 'vCluster CORS: insert CORS annotations',
      prompt: 'Origin(s) allowed to call the Platform API, separated by commas',
      placeHolder: 'https://app.example.com, https://admin.example.com',
      ignoreFocusOut: true,
      validateInput: async (value) => {
        const problems = await this.validate(splitOrigins(value));
        return problems.length ? plain(problems.join('; ')) : undefined;
      },
    });
    return text === undefined ? undefined : splitOrigins(text);
  }

  private async askCredentials(): Promise<boolean | undefined> {
    type Item = vscode.QuickPickItem & { value: boolean };
    const items: Item[] = [
      {
        label: 'No credentials',
        description: 'cors-allow-credentials: "false"',
        detail: 'The UI sends tokens in the Authorization header (recommended).',
        value: false,
      },
      {
        label: 'Allow credentials',
        description: 'cors-allow-credentials: "true"',
        detail: 'Browsers may send cookies and client certificates with cross-origin requests.',
        value: true,
      },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'vCluster CORS: allow credentials?', ignoreFocusOut: true });
    return picked?.value;
  }

  async run(args?: InsertCorsBlockArgs): Promise<InsertCorsBlockOutcome | undefined> {
    const a: InsertCorsBlockArgs = args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {};
    const doc = await targetDocument(a.uri ?? (args instanceof vscode.Uri ? args : undefined));
    if (!doc || doc.languageId !== 'yaml') {
      void vscode.window.showErrorMessage('vCluster CORS: open a vCluster Platform values file (YAML) first.');
      return undefined;
    }
    const client = this.client();
    if (!client?.isRunning()) {
      void vscode.window.showErrorMessage('vCluster CORS: the language server is not running (see the "vCluster CORS" output).');
      return undefined;
    }

    // What the file already sets decides what to ask (a dry run of the same request; nothing is applied).
    const existing = await this.existing(client, doc.uri.toString());
    const has = (suffix: string) => existing.some((k) => k.endsWith('/' + suffix));
    const asked: InsertCorsBlockOutcome['asked'] = [];
    if (
      existing.length > 0 &&
      ['enable-cors', 'cors-allow-origin', 'cors-allow-methods', 'cors-allow-headers', 'cors-allow-credentials', 'cors-max-age'].every(has)
    ) {
      void vscode.window.showInformationMessage('vCluster CORS: the CORS annotations are already there; nothing to insert.');
      return { applied: false, added: [], kept: existing, asked };
    }
    let origins = Array.isArray(a.origins)
      ? a.origins
          .filter((o): o is string => typeof o === 'string')
          .map((o) => o.trim())
          .filter((o) => o !== '')
      : undefined;
    if (!origins && has('cors-allow-origin')) origins = [PROBE_ORIGIN];
    else if (origins) {
      const problems = await this.validate(origins);
      if (problems.length) {
        void vscode.window.showErrorMessage(`vCluster CORS: ${plain(problems.join('; '))}`);
        return undefined;
      }
    } else {
      asked.push('origins');
      origins = await this.askOrigins();
      if (!origins) return undefined;
    }
    let credentials = typeof a.credentials === 'boolean' ? a.credentials : has('cors-allow-credentials') ? false : undefined;
    if (credentials === undefined) {
      asked.push('credentials');
      credentials = await this.askCredentials();
      if (credentials === undefined) return undefined;
    }

    let result;
    try {
      result = await client.sendRequest(InsertCorsBlockRequest, { uri: doc.uri.toString(), origins, credentials });
    } catch (e) {
      void vscode.window.showErrorMessage(`vCluster CORS: cannot insert the CORS annotations: ${plain((e as Error).message)}`);
      return undefined;
    }
    const added = result?.added ?? [];
    const kept = result?.kept ?? [];
    if (!result || editCount(result) === 0) {
      void vscode.window.showInformationMessage('vCluster CORS: the CORS annotations are already there; nothing to insert.');
      return { applied: false, added, kept, asked };
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result);
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied) {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      if (editor) {
        // Reveal the first change.
        const first = edit.get(doc.uri)[0];
        if (first) editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      void vscode.window.showInformationMessage(insertSummary(added, kept));
    } else {
      void vscode.window.showErrorMessage('vCluster CORS: the edit could not be applied (was the file changed meanwhile?).');
    }
    return { applied, added, kept, asked };
  }

  /** The CORS annotations the file already sets ([] when the server cannot tell). */
  private async existing(client: LanguageClient, uri: string): Promise<string[]> {
    try {
      const r = await client.sendRequest(InsertCorsBlockRequest, { uri, origins: [PROBE_ORIGIN], credentials: false });
      return r?.kept ?? [];
    } catch {
      return [];
    }
  }
}
