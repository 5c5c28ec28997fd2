/**
 * `vclusterCors.openRuleDoc`: the server attaches it to diagnostics and code actions with the rule's
 * documentation URL. URLs of the form `…/docs/rules/<id>.md` open the copy bundled in the extension
 * in the Markdown preview (works offline and matches the installed version); anything else is opened
 * externally. Without an argument the user picks a rule.
 *
 * The .vsix carries the rule pages as one file, client/out/rule-docs.json.br (`{ "<id>": "<markdown>" }`,
 * brotli-compressed by scripts/build.mjs; one compressed entry is a third of 48), written out once per session to
 * `<global storage>/docs/rules/<id>.md` so that the preview and the links between rule pages work as files. In a
 * checkout (docs/rules/ present) the pages open from there.
 */
import * as vscode from 'vscode';
import { brotliDecompressSync } from 'zlib';

const RULE_DOC_URL = /\/docs\/rules\/([a-z0-9][a-z0-9-]*)\.md(?:[?#].*)?$/i;
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

export class RuleDocs {
  private pages: Promise<Map<string, string>> | undefined;
  private written: Promise<vscode.Uri | undefined> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly storageUri: vscode.Uri,
  ) {}

  private async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }

  /** The bundled pages by rule id (empty when the pack is missing or unreadable). */
  private bundled(): Promise<Map<string, string>> {
    this.pages ??= (async () => {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'client', 'out', 'rule-docs.json.br'));
        const json = JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as Record<string, unknown>;
        return new Map(Object.entries(json).filter((e): e is [string, string] => RULE_ID.test(e[0]) && typeof e[1] === 'string'));
      } catch {
        return new Map<string, string>();
      }
    })();
    return this.pages;
  }

  /** The folder the pages open from: docs/rules of a checkout, else the pack written out to global storage. */
  private folder(): Promise<vscode.Uri | undefined> {
    this.written ??= (async () => {
      const checkout = vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules');
      if (await this.exists(checkout)) return checkout;
      const pages = await this.bundled();
      if (pages.size === 0) return undefined;
      const dir = vscode.Uri.joinPath(this.storageUri, 'docs', 'rules');
      try {
        await vscode.workspace.fs.createDirectory(dir);
        const encoder = new TextEncoder();
        await Promise.all(
          [...pages].map(([id, md]) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, `${id}.md`), encoder.encode(md))),
        );
        return dir;
      } catch {
        this.written = undefined; // try again next time
        return undefined;
      }
    })();
    return this.written;
  }

  /** Rule ids that have bundled documentation, sorted. */
  async ruleIds(): Promise<string[]> {
    const pages = await this.bundled();
    if (pages.size > 0) return [...pages.keys()].sort();
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules'));
      return entries
        .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
        .map(([name]) => name.slice(0, -3))
        .filter((id) => RULE_ID.test(id))
        .sort();
    } catch {
      return [];
    }
  }

  /**
   * Opens the documentation for a URL, a rule id, or (no argument) a rule picked from a list.
   * Returns the URI that was opened, or undefined.
   */
  async open(arg?: unknown): Promise<string | undefined> {
    let target = typeof arg === 'string' ? arg.trim() : arg instanceof vscode.Uri ? arg.toString() : undefined;
    if (!target) {
      const ids = await this.ruleIds();
      const picked = await vscode.window.showQuickPick(ids, { title: 'vCluster CORS: open rule documentation', placeHolder: 'Rule id' });
      if (!picked) return undefined;
      target = picked;
    }
    const id = RULE_ID.test(target) ? target : RULE_DOC_URL.exec(target)?.[1]?.toLowerCase();
    const dir = id ? await this.folder() : undefined;
    if (id && dir) {
      const local = vscode.Uri.joinPath(dir, `${id}.md`);
      if (await this.exists(local)) {
        await vscode.commands.executeCommand('markdown.showPreview', local);
        return local.toString();
      }
    }
    if (/^https?:\/\//i.test(target)) {
      const uri = vscode.Uri.parse(target);
      await vscode.env.openExternal(uri);
      return uri.toString();
    }
    void vscode.window.showWarningMessage(`vCluster CORS: no documentation found for ${target}.`);
    return undefined;
  }
}
