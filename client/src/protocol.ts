/**
 * The custom parts of the protocol between this client and the vCluster CORS language server.
 * Mirrors server/src/lsp/protocol.ts (copied, not imported: the client bundle must not pull in
 * vscode-languageserver).
 */
import { NotificationType, RequestType } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageclient/node';

export const CLIENT_ID = 'vclusterCors';
export const CLIENT_NAME = 'vCluster CORS';
/** `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'vcluster-cors';
export const FIX_ALL_KIND = 'source.fixAll.vclusterCors';

export const Commands = {
  insertCorsBlock: 'vclusterCors.insertCorsBlock',
  copyHelmUpgrade: 'vclusterCors.copyHelmUpgrade',
  copyPreflightCurl: 'vclusterCors.copyPreflightCurl',
  restartServer: 'vclusterCors.restartServer',
  showOutput: 'vclusterCors.showOutput',
  openRuleDoc: 'vclusterCors.openRuleDoc',
  verifyPreflight: 'vclusterCors.verifyPreflight',
  migrateCors: 'vclusterCors.migrateCors',
} as const;

/** `vclusterCors/migrate` (see server/src/lsp/protocol.ts). */
export interface MigrateParams {
  uri: string;
  to: string;
}
export interface MigrateResult {
  content: string;
  changed: boolean;
}
export const MigrateRequest = new RequestType<MigrateParams, MigrateResult, void>('vclusterCors/migrate');

/** Sent by the server after every lint of a document (`validated: false` when it was not linted). */
export interface StatusParams {
  uri: string;
  environment: 'production' | 'development';
  environmentReason: string;
  lintMs: number;
  validated: boolean;
}
export const StatusNotification = new NotificationType<StatusParams>('vclusterCors/status');

export interface InsertCorsBlockParams {
  uri: string;
  origins: string[];
  credentials: boolean;
}
export interface InsertCorsBlockResult extends WorkspaceEdit {
  added?: string[];
  kept?: string[];
}
export const InsertCorsBlockRequest = new RequestType<InsertCorsBlockParams, InsertCorsBlockResult | null, void>('vclusterCors/insertCorsBlock');

export interface ValidateOriginsParams {
  origins: string[];
}
export interface ValidateOriginsResult {
  /** Human-readable problems, empty when every origin is fine. */
  problems: string[];
}
export const ValidateOriginsRequest = new RequestType<ValidateOriginsParams, ValidateOriginsResult, void>('vclusterCors/validateOrigins');

/** ingress.host and the allowed origins of a document's text (for the client's clipboard and verify commands). */
export interface ValuesInfoParams {
  text: string;
}
export interface ValuesInfo {
  host?: string;
  /** Every origin of cors-allow-origin as written (comma-separated list split and trimmed). */
  origins: string[];
}
export const ValuesInfoRequest = new RequestType<ValuesInfoParams, ValuesInfo, void>('vclusterCors/valuesInfo');

/** Arguments of the `vclusterCors.insertCorsBlock` command (all optional: the UI asks for what is missing). */
export interface InsertCorsBlockArgs {
  uri?: string;
  origins?: string[];
  credentials?: boolean;
}
