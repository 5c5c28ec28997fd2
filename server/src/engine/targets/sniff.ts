/** Text-level checks that need no YAML parse (the CLI folder search; usable by the language server too). */

/**
 * Cheap content check for YAML files outside the values globs: a Kubernetes manifest of a kind that
 * configures CORS — a Traefik Middleware, an Istio VirtualService, an HTTPRoute with a `CORS` filter,
 * or an Ingress with ingress-nginx CORS annotations. A text search, not a parse: false positives are
 * harmless (the linter finds no target), and a file that fails to parse is still reported.
 */
export function looksLikeCorsManifest(text: string): boolean {
  const kinds = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*(?:#.*)?$/gm)) kinds.add(m[1]);
  if (kinds.size === 0) return false;
  if (kinds.has('Middleware') && /^[ \t]*apiVersion:[ \t]*["']?traefik\.(io|containo\.us)\//m.test(text)) return true;
  if (kinds.has('VirtualService') && /^[ \t]*apiVersion:[ \t]*["']?networking\.istio\.io\//m.test(text)) return true;
  if (kinds.has('HTTPRoute') && /\btype:[ \t]*["']?CORS\b/.test(text)) return true;
  if (kinds.has('Ingress') && /nginx\.ingress\.kubernetes\.io\/(enable-cors|cors-)/.test(text)) return true;
  return false;
}
