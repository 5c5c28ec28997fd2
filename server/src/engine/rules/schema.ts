import { defineRule } from './rule';
import { validateValuesSchema } from '../schema/chart';
import { valuesRoot } from '../targets/valuesFile';
import { classifyValues } from '../targets/valuesKind';
import { declaredPlatformValues } from '../config/platformValues';
import { isManifest } from '../targets';
import { validateCrdTarget, validateHttpRouteFilters } from '../schema/crd';
import { fix, renameKey } from '../fix/edits';
import { q } from './_shared';

export default defineRule({
  meta: {
    id: 'schema',
    defaultSeverity: 'error',
    description:
      "The values do not fit the vcluster-platform chart's schema (wrong type, unknown `ingress` key, annotations not a map), or a Traefik, Istio or Gateway API CORS block does not fit its CRD's validation.",
    fixable: 'unsafe',
    docs: {
      fix: 'renames a key to the one its "did you mean" names',
      summary: "shape errors, including Gateway API's published CORS filter validation and Istio's method enum",
    },
    kind: 'syntax',
    messages: {
      values: "The values do not match the chart's schema: Helm rejects them or the chart ignores them.",
      crd: 'The object does not match its CRD schema: the API server rejects it.',
      annotation: 'The controller does not accept this annotation value: it ignores the setting.',
      plugin: "The plugin configuration does not fit the gateway's schema: the gateway refuses it.",
    },
  },
  create(ctx) {
    return {
      document(d) {
        // A document that does not parse has a partial tree: shape errors there would be noise next to yaml-syntax.
        if (d.doc.errors.length > 0) return;
        // Values documents are checked against the chart schema; manifests against their CRD (below).
        if (isManifest(d.doc.contents)) {
          for (const p of validateHttpRouteFilters(d.doc)) ctx.report({ range: p.range, messageId: 'crd', message: p.message });
          return;
        }
        // The chart schema is the vCluster Platform chart's: other charts' values are not checked against it (a release
        // of that chart, options.platformValues, declares its values files as the chart's, as the targets do).
        const declared = ctx.options.platformValues ?? declaredPlatformValues(ctx.filePath, ctx.config);
        if (!classifyValues(d.doc, { filePath: ctx.filePath, declared }).platform) return;
        const root = valuesRoot(d.doc);
        if (!root) return;
        for (const p of validateValuesSchema(root, d.doc, d.aliasFree)) {
          // "Did you mean `ingressClass`?": the rename, on request (the chart starts using the value).
          const fixes = p.rename ? [fix(`Rename to ${q(p.rename)}`, [renameKey(ctx.text, p.range, p.rename)], false)] : [];
          ctx.report({ range: p.range, messageId: 'values', message: p.message, fixes });
        }
      },
      target(t) {
        for (const p of validateCrdTarget(ctx.text, t)) ctx.report({ range: p.range, messageId: p.messageId ?? 'crd', message: p.message });
      },
    };
  },
});
