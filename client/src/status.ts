/**
 * The language status item for YAML files: the environment the file is linted for (and why) and how
 * long the last lint took, from the server's `vclusterCors/status` notifications.
 */
import * as vscode from 'vscode';
import { plain } from './text';
import { Commands, type StatusParams } from '../../server/src/protocol';

export class LanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, StatusParams & { at: Date }>();
  private readonly disposables: vscode.Disposable[] = [];
  private serverState: 'starting' | 'running' | 'stopped' = 'starting';

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('vclusterCors.status', { language: 'yaml' });
    this.item.name = 'vCluster CORS';
    this.item.command = { title: 'Output', command: Commands.showOutput, tooltip: 'Show the vCluster CORS output' };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
    this.render();
  }

  /** The last status received for a document (exposed for tests through the extension API). */
  get(uri: string): (StatusParams & { at: Date }) | undefined {
    return this.byUri.get(uri);
  }

  update(p: StatusParams): void {
    if (!p || typeof p.uri !== 'string') return;
    this.byUri.set(p.uri, { ...p, at: new Date() });
    if (vscode.window.activeTextEditor?.document.uri.toString() === p.uri) this.render();
  }

  setServerState(state: 'starting' | 'running' | 'stopped'): void {
    this.serverState = state;
    this.render();
  }

  private render(): void {
    const item = this.item;
    item.busy = this.serverState === 'starting';
    if (this.serverState === 'stopped') {
      item.text = '$(error) vCluster CORS';
      item.detail = 'server stopped: see the output';
      item.severity = vscode.LanguageStatusSeverity.Error;
      return;
    }
    item.severity = vscode.LanguageStatusSeverity.Information;
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? this.byUri.get(uri) : undefined;
    if (!s) {
      item.text = 'vCluster CORS';
      item.detail = this.serverState === 'starting' ? 'starting…' : 'not linted yet';
      return;
    }
    if (!s.validated) {
      item.text = 'vCluster CORS: off';
      item.detail = 'not a vCluster Platform values file (see the vclusterCors.files setting)';
      return;
    }
    const icon = s.environment === 'production' ? '$(shield)' : '$(beaker)';
    item.text = `${icon} CORS: ${s.environment}`;
    const time = s.at.toLocaleTimeString(undefined, { hour12: false });
    // The detail is plain text: show the server's `code` spans as quotes.
    const reason = plain(s.environmentReason);
    item.detail = `${reason} · linted at ${time} in ${Math.round(s.lintMs * 10) / 10} ms`;
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
