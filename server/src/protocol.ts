/**
 * The custom parts of the protocol between the vCluster CORS client (client/src) and language server
 * (server/src/lsp): one module, imported by both. It only depends on `vscode-languageserver-protocol` (which
 * both vscode-languageclient and vscode-languageserver build on), never on the engine, so the client bundle
 * stays small.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

export const SERVER_NAME = 'vcluster-cors';
export const CLIENT_ID = 'vclusterCors';
export const CLIENT_NAME = 'vCluster CORS';
/** `source` of every diagnostic and the pull-diagnostics identifier. */
export const DIAGNOSTIC_SOURCE = 'vcluster-cors';

/** Code action kinds. */
export const FIX_ALL_KIND = 'source.fixAll.vclusterCors';
export const INSERT_BLOCK_KIND = 'source.vclusterCors.insertCorsBlock';
/** "Migrate CORS to …" (refactor.rewrite; offered as a quick fix of ingress-nginx-retired too). */
export const MIGRATE_KIND = 'refactor.rewrite.vclusterCors.migrate';

/** Commands contributed by the client (package.json); the server only refers to them in code actions. */
export const Commands = {
  insertCorsBlock: 'vclusterCors.insertCorsBlock',
  copyHelmUpgrade: 'vclusterCors.copyHelmUpgrade',
  copyPreflightCurl: 'vclusterCors.copyPreflightCurl',
  restartServer: 'vclusterCors.restartServer',
  showOutput: 'vclusterCors.showOutput',
  openRuleDoc: 'vclusterCors.openRuleDoc',
  verifyPreflight: 'vclusterCors.verifyPreflight',
  /** Opens the migrated manifests (from MigrateRequest) in a new untitled editor. Arguments: MigrateParams. */
  migrateCors: 'vclusterCors.migrateCors',
} as const;
export const OPEN_RULE_DOC_COMMAND = Commands.openRuleDoc;
export const INSERT_BLOCK_COMMAND = Commands.insertCorsBlock;
export const MIGRATE_COMMAND = Commands.migrateCors;

/** Sent after every lint of a document (also for documents that are not linted: `validated: false`). */
export interface StatusParams {
  uri: string;
  environment: 'production' | 'development';
  environmentReason: string;
  /** Time spent in the engine for this lint, in milliseconds. */
  lintMs: number;
  /** Whether the document was linted (it is a vCluster Platform values file and linting is enabled). */
  validated: boolean;
}
export const StatusNotification = new NotificationType<StatusParams>('vclusterCors/status');

export interface InsertCorsBlockParams {
  uri: string;
  /** Origins to allow, each `scheme://host[:port]`. */
  origins: string[];
  credentials: boolean;
}

/**
 * A plain WorkspaceEdit (`changes[uri]` holds the TextEdits) plus two informational lists: the CORS
 * annotation keys that were added, and those already present (left untouched).
 */
export interface InsertCorsBlockResult extends WorkspaceEdit {
  added: string[];
  kept: string[];
}
/** null when the document is not open on the server. */
export const InsertCorsBlockRequest = new RequestType<InsertCorsBlockParams, InsertCorsBlockResult | null, void>(
  'vclusterCors/insertCorsBlock',
);

/** Checks origins the way the insert request does (for input validation in the client UI). */
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

/** Arguments of the `vclusterCors.insertCorsBlock` command (all optional: the client asks for what is missing). */
export interface InsertCorsBlockArgs {
  uri?: string;
  origins?: string[];
  credentials?: boolean;
}

/** `vclusterCors/migrate`: the document's CORS policies written for another controller, with the behaviour diff. */
export interface MigrateParams {
  uri: string;
  /** gateway-api, traefik, istio, envoy-gateway or ingress-nginx. */
  to: string;
}
export interface MigrateResult {
  /** YAML: the behaviour diff as a comment header, then the generated manifests (`---` separated). */
  content: string;
  /** Whether a browser would observe a difference (the CLI's exit code 1). */
  changed: boolean;
}
export const MigrateRequest = new RequestType<MigrateParams, MigrateResult, void>('vclusterCors/migrate');
