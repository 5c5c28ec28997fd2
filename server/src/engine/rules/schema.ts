import { defineRule } from './rule';
import { validateValuesSchema } from '../parse/schema';
import { valuesRoot } from '../targets/valuesFile';
import { isManifest } from '../targets';

export default defineRule({
  meta: {
    id: 'schema',
    defaultSeverity: 'error',
    description: "The values do not fit the vcluster-platform chart's schema (wrong type, unknown `ingress` key, annotations not a map).",
    fixable: false,
    kind: 'syntax',
  },
  create(ctx) {
    return {
      document(d) {
        // Only values documents (not Kubernetes manifests) are checked against the chart schema.
        if (isManifest(d.doc.contents)) return;
        const root = valuesRoot(d.doc);
        if (!root) return;
        for (const p of validateValuesSchema(root, d.doc)) ctx.report({ range: p.range, message: p.message });
      },
    };
  },
});
