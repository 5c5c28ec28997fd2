/**
 * helm-template: a CORS value that holds a Go-template action (`{{ … }}`) is unknown until Helm renders it,
 * so the rules that check the value's content skip it (engine/templates.ts). This rule says so, once per value.
 */
import { defineRule } from './rule';
import { q } from './_shared';
import { corsValues, isOtherChartTarget } from '../targets';

export default defineRule({
  meta: {
    id: 'helm-template',
    defaultSeverity: 'info',
    description: 'A CORS value holds a Helm template action (`{{ … }}`): it is unknown until rendered and is not checked.',
    fixable: false,
    docs: {
      summary: 'a CORS value holds a Helm template action (`{{ … }}`), so it is not checked',
    },
    kind: 'syntax',
    messages: {
      unknown: 'Template action in {{label}}: the value is unknown until Helm renders it.',
    },
  },
  create(ctx) {
    return {
      target(t) {
        if (ctx.templates.unknown.length === 0) return;
        for (const v of corsValues(t)) {
          if (!ctx.templates.isUnknown(v.range)) continue;
          const why = ctx.templates.chartTemplate
            ? 'The rules that check this value skip it; lint the rendered output (`helm template … | vcluster-cors lint --stdin-filename rendered.yaml -`) to check it.'
            : isOtherChartTarget(t)
              ? 'Helm renders `{{ }}` in a values file only when the chart passes the value through `tpl`, which vcluster-cors cannot see for this chart, so the rules that check this value skip it. Lint the rendered output (`helm template`) to check it.'
              : 'The rules that check this value skip it; lint the rendered output to check it.';
          ctx.report({ range: v.range, messageId: 'unknown', data: { label: q(v.label) }, message: why });
        }
      },
    };
  },
});
