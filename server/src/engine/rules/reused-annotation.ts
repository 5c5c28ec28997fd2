import { defineRule } from './rule';

/**
 * Reported by the release linter (engine/helm/release.ts) for releases upgraded with `--reuse-values`:
 * a CORS annotation that only the previous release's values still set. This module holds its meta.
 */
export default defineRule({
  meta: {
    id: 'reused-annotation',
    defaultSeverity: 'warning',
    description:
      'With `--reuse-values`, a CORS annotation that no values file sets any more stays in the release (only the previous values set it).',
    fixable: false,
    docs: {
      summary: "with `--reuse-values`, a CORS annotation only the previous release's values still set",
      controllers: 'all (Helm releases)',
    },
    kind: 'semantic',
    // engine/helm/release.ts builds these findings itself (their text is the explanation alone so far).
    messages: {
      reused: 'A CORS annotation survives only through `--reuse-values`: no values file sets it.',
    },
  },
  create() {
    return {};
  },
});
