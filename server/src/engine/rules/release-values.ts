import { defineRule } from './rule';

/** Reported by the release linter (engine/helm/release.ts) when a values source cannot be applied; this module holds its meta. */
export default defineRule({
  meta: {
    id: 'release-values',
    defaultSeverity: 'error',
    description: 'A values source of a Helm release cannot be applied: bad `--set` syntax, `--set` into a scalar or list, a values file that is not a mapping.',
    fixable: false,
    kind: 'syntax',
  },
  create() {
    return {};
  },
});
