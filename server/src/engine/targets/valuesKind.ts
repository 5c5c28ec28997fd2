/**
 * Which chart a Helm values file is for. The vCluster Platform chart's schema and defaults (`ingress.enabled`
 * false, `ingress.tls.enabled` true, `ingress.host`, `ingressClass`) are only known for that chart, so the
 * rules built on them (`schema`, `ingress-disabled`, `tls-disabled`, `same-origin` via `ingress.host`) only
 * run on its values files. Every other chart's values file with CORS annotations gets the CORS rules only.
 *
 * A values document is the vCluster Platform chart's when (first match wins):
 *  1. the file is declared so in `.vcluster-cors.yaml` (`platformValues` globs), or no file name is given
 *     (an embedder asking about this chart's values);
 *  2. its file name is one the Platform docs use: `vcluster-platform*.yaml`, `*platform*values*.yaml`,
 *     `loft.yaml`, `loft-values.yaml` (also `.yml`);
 *  3. it has keys only that chart has (`ingress.ingressClass`, `config.loftHost`, `certIssuer`, `agentValues`,
 *     `admin.password`), directly or under an umbrella chart's `vcluster-platform:`/`loft:` key.
 */
import type { Document } from 'yaml';
import type { ValuesChartDecision } from '../types';
import { looksLikeValuesDocument } from './valuesFile';
import { globMatcher } from '../config/globs';
import { VALUES_FILE_GLOBS } from '../config/valuesGlobs';

const platformNameMatcher = globMatcher(VALUES_FILE_GLOBS, { nocase: true });
/** The last file name asked about: a lint asks twice per document (the targets, then the schema rule). */
let lastName: { base: string; platform: boolean } | undefined;
function isPlatformName(base: string): boolean {
  if (lastName?.base !== base) lastName = { base, platform: platformNameMatcher(`x/${base}`) };
  return lastName.platform;
}

export interface ValuesKindContext {
  filePath?: string;
  /** Whether the configuration declares this file a vCluster Platform values file (`platformValues`). */
  declared?: string;
}

export function classifyValues(doc: Document.Parsed, ctx: ValuesKindContext): ValuesChartDecision {
  if (ctx.declared) return { platform: true, reason: `declared in \`platformValues\` (\`${ctx.declared}\`)` };
  // Embedders that name no file (computePolicies(text), the insert-CORS-block command) mean this chart.
  if (ctx.filePath === undefined) return { platform: true, reason: 'no file name given' };
  const p = (ctx.filePath ?? '').replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base && isPlatformName(base)) return { platform: true, reason: `file name \`${base}\`` };
  if (looksLikeValuesDocument(doc.contents)) return { platform: true, reason: 'keys only the vCluster Platform chart has' };
  return { platform: false, reason: 'no vCluster Platform file name or keys' };
}
