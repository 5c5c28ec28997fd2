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
  // Envoy Gateway SecurityPolicy `cors:`, Contour HTTPProxy `corsPolicy:`, Emissary Mapping/Module `cors:`.
  if (
    (kinds.has('SecurityPolicy') || kinds.has('HTTPProxy') || kinds.has('Mapping') || kinds.has('Module')) &&
    /^[ \t]+cors(Policy)?:/m.test(text)
  )
    return true;
  // Kong `plugin: cors`; APISIX `name: cors` in a plugins list (ApisixRoute, ApisixPluginConfig, PluginConfig).
  if ((kinds.has('KongPlugin') || kinds.has('KongClusterPlugin')) && /^plugin:[ \t]*["']?cors\b/m.test(text)) return true;
  if ([...kinds].some((k) => /^(ApisixRoute|ApisixPluginConfig|PluginConfig)$/.test(k)) && /\bname:[ \t]*["']?cors\b/.test(text))
    return true;
  // Any controller's CORS annotation prefix (so unknown-cors-annotation can speak about `ingress.kubernetes.io/`, `nginx.org/`).
  if (kinds.has('Ingress') && CORS_ANNOTATION.test(text)) return true;
  return false;
}

/** An annotation key whose name mentions CORS, with any prefix: `nginx.ingress.kubernetes.io/enable-cors`, `ingress.kubernetes.io/cors-enable`. */
const CORS_ANNOTATION = /^[ \t]*["']?[A-Za-z0-9.-]+\/[A-Za-z0-9_.-]*cors[A-Za-z0-9_.-]*["']?[ \t]*:/im;

/**
 * Any file with CORS configuration the linter reads: a CORS manifest (above), or a Helm values file with CORS
 * annotations under an `ingress:` block (another chart's values, whatever its name). Cheap text checks.
 */
export function looksLikeCorsConfig(text: string): boolean {
  if (looksLikeCorsManifest(text)) return true;
  // Traefik file provider: http.middlewares.<name>.headers.accessControl*; Flagger Canary: spec.service.corsPolicy.
  if (/^http:/m.test(text) && /^[ \t]+middlewares:/m.test(text) && /^[ \t]+accessControl/m.test(text)) return true;
  // Traefik docker/compose labels: traefik.http.middlewares.<name>.headers.accessControl*, keys case-insensitive.
  if (/^services:/m.test(text) && /traefik\.http\.middlewares\.[^.\s]+\.headers\.(accesscontrol|addvaryheader)/i.test(text)) return true;
  if (/^kind:[ \t]*["']?Canary\b/m.test(text) && /^[ \t]+corsPolicy:/m.test(text)) return true;
  return /^[ \t]*ingress:/m.test(text) && /^[ \t]*annotations:/m.test(text) && CORS_ANNOTATION.test(text);
}
