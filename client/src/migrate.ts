/** "Migrate CORS to …": ask the server for the migrated manifests and open them in a new untitled YAML editor. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MigrateRequest, type MigrateParams } from '../../server/src/protocol';

const TARGETS = ['gateway-api', 'traefik', 'istio', 'envoy-gateway', 'ingress-nginx'];

export async function openMigration(client: LanguageClient | undefined, arg: unknown): Promise<vscode.TextDocument | undefined> {
  const a = (arg ?? {}) as Partial<MigrateParams>;
  const uri = typeof a.uri === 'string' ? a.uri : vscode.window.activeTextEditor?.document.uri.toString();
  const to = typeof a.to === 'string' ? a.to : await vscode.window.showQuickPick(TARGETS, { placeHolder: 'Migrate the CORS policy to…' });
  if (!uri || !to) return undefined;
  if (!client) {
    void vscode.window.showErrorMessage('vCluster CORS: the language server is not running.');
    return undefined;
  }
  try {
    const r = await client.sendRequest(MigrateRequest, { uri, to });
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: r.content });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return doc;
  } catch (e) {
    void vscode.window.showErrorMessage(`vCluster CORS: ${(e as Error).message}`);
    return undefined;
  }
}
