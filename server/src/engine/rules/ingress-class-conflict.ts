import { defineRule } from './rule';
import { q } from './_shared';
import { fix, removePair, replaceValue, insertPairs, doubleQuoted } from '../fix/edits';
import { helmTruthy } from './_values';
import { valueRef } from '../parse/values';
import type { Fix, IngressNginxTarget, Range, RelatedInfo, TextEdit } from '../types';
import { chartIngressDefaults } from '../helm/chartDefaults';
import type { TextLike } from '../util/pieceText';

export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The ingressClassName the Ingress gets (undefined: none), and where it is written (undefined: chart default). */
export function effectiveClassName(t: IngressNginxTarget, text: TextLike): { value: string; range?: Range } | undefined {
  const v = t.values;
  if (v) {
    const ic = v.ingressClass;
    if (!ic) return { value: chartIngressDefaults().ingressClass };
    const truthy = helmTruthy(ic.node, text);
    if (truthy !== true) return undefined;
    return { value: String(ic.value), range: ic.range };
  }
  // Ingress manifests: spec.ingressClassName as written.
  const ic = t.ingressClass;
  if (!ic || !ic.range || !ic.value) return undefined;
  return { value: ic.value, range: ic.range };
}

export default defineRule({
  meta: {
    id: 'ingress-class-conflict',
    defaultSeverity: 'error',
    description:
      'The `kubernetes.io/ingress.class` annotation is set while `ingress.ingressClass` (default `nginx`) is not empty: the API server rejects the Ingress.',
    fixable: 'safe',
    docs: {
      summary: '`kubernetes.io/ingress.class` annotation while `ingressClass` is set',
      fix: 'remove the annotation',
    },
    kind: 'syntax',
    messages: {
      both: 'The ingress-class annotation is set together with the class field: the API server rejects it.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(target) {
        const t = target;
        const cls = effectiveClassName(t, ctx.text);
        if (!cls) return;
        for (const a of t.annotations) {
          if (a.key !== CLASS_ANNOTATION) continue;
          const annValue = a.value.text;
          const how = cls.range
            ? `\`ingress.ingressClass\` is ${q(cls.value)}`
            : `\`ingress.ingressClass\` is not set and defaults to ${q(cls.value)}`;
          const field = t.values ? `the chart also writes \`spec.ingressClassName: ${cls.value}\`` : '`spec.ingressClassName` is set too';
          const fixes: Fix[] = [];
          const removeAnn = removePair(ctx.text, a.map, a.pair);
          if (annValue === cls.value) {
            fixes.push(fix(`Remove the ${CLASS_ANNOTATION} annotation`, [removeAnn], true));
          } else {
            fixes.push(fix(`Remove the ${CLASS_ANNOTATION} annotation (keep class ${q(cls.value)})`, [removeAnn], false));
            const v = t.values;
            if (v && annValue !== '') {
              let set: TextEdit | undefined;
              if (v.ingressClass && cls.range) set = replaceValue(valueRef(ctx.text, v.ingressClass.node, cls.range.start), annValue);
              else if (!v.ingressClass && v.ingressMap && !v.ingressMap.flow && v.ingressMap.items.length > 0)
                set = insertPairs(ctx.text, v.ingressMap, [['ingressClass', doubleQuoted(annValue)]]);
              const overlaps = set && set.start < removeAnn.end && removeAnn.start <= set.end;
              if (set && !overlaps)
                fixes.push(fix(`Use class ${q(annValue)} in ingress.ingressClass and remove the annotation`, [set, removeAnn], false));
            }
          }
          const related: RelatedInfo[] = cls.range ? [{ range: cls.range, message: `ingressClass ${q(cls.value)}` }] : [];
          ctx.report({
            range: a.keyRange,
            messageId: 'both',
            message:
              `${how}, so ${field}, and Kubernetes' Ingress validation refuses ${q(CLASS_ANNOTATION)} next to it ` +
              `("annotations.kubernetes.io/ingress.class: Invalid value: … can not be set when the class field is also set"). ` +
              (t.values ? 'Remove the annotation, or set `ingressClass: ""` to keep only the annotation.' : 'Remove the annotation.'),
            related,
            fixes,
          });
        }
      },
    };
  },
});
