/**
 * `vclusterCors.openRuleDoc`: the server attaches it to diagnostics and code actions with the rule's
 * documentation URL. URLs of the form `…/docs/rules/<id>.md` open the copy bundled in the extension
 * in the Markdown preview (works offline and matches the installed version); anything else is opened
 * externally. Without an argument the user picks a rule.
 */
import * as vscode from 'vscode';

const RULE_DOC_URL = /\/docs\/rules\/([a-z0-9][a-z0-9-]*)\.md(?:[?#].*)?$/i;
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

export class RuleDocs {
  constructor(private readonly extensionUri: vscode.Uri) {}

  private docUri(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${id}.md`);
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }

  /** Rule ids that have bundled documentation, sorted. */
  async ruleIds(): Promise<string[]> {
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
    if (id) {
      const local = this.docUri(id);
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
