import { defineRule } from './rule';

/** Reported by the release linter (engine/helm/release.ts) when a values source cannot be applied; this module holds its meta. */
export default defineRule({
  meta: {
    id: 'release-values',
    defaultSeverity: 'error',
    description:
      'A values source of a Helm release cannot be applied: bad `--set` syntax, `--set` into a scalar or list, a values file that is not a mapping.',
    fixable: false,
    docs: {
      summary:
        'a source of a [Helm release](#helm-releases-several-values-files---set---reuse-values) cannot be applied (bad `--set`, `--set` into a scalar, …)',
      controllers: 'all (Helm releases)',
    },
    kind: 'syntax',
    // engine/helm/release.ts builds these findings itself (their text is the explanation alone so far).
    messages: {
      source: 'A values source of the release cannot be applied: Helm rejects the release.',
    },
  },
  create() {
    return {};
  },
});
