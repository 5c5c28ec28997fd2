/**
 * The few facts the clipboard and verify commands need (ingress.host, the allowed origins), asked from the
 * language server (`vclusterCors/valuesInfo`), which parses YAML anyway: the client bundles no YAML parser.
 */
import type { LanguageClient } from 'vscode-languageclient/node';
import { ValuesInfoRequest, type ValuesInfo } from '../../server/src/protocol';

export type { ValuesInfo };

/** ingress.host and the allowed origins of a document's text; throws a one-line error when the server is not running. */
export async function readValuesInfo(client: LanguageClient | undefined, text: string): Promise<ValuesInfo> {
  if (!client || !client.isRunning())
    throw new Error('the vCluster CORS language server is not running (run "vCluster CORS: Restart language server")');
  return client.sendRequest(ValuesInfoRequest, { text });
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
