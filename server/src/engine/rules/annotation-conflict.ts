import { defineRule } from './rule';
import { q } from './_shared';
import { fix, removePair } from '../fix/edits';
import type { AnnotationEntry, Fix } from '../types';
import type { TextLike } from '../util/pieceText';

/** The one annotation every chart version writes itself, before the user's blocks. */
export const CHART_DEFAULT_ANNOTATION = { key: 'nginx.org/websocket-services', value: 'loft' };

function shown(e: AnnotationEntry, text: TextLike): string {
  return q(text.slice(e.value.range.start, e.value.range.end).trim() || 'null');
}

function sameValue(a: AnnotationEntry, b: AnnotationEntry): boolean {
  return a.value.isString === b.value.isString && a.value.text === b.value.text;
}

export default defineRule({
  meta: {
    id: 'annotation-conflict',
    defaultSeverity: 'warning',
    description:
      "The same annotation key is set in `ingress.annotations` and `commonAnnotations` (or repeats the chart's own annotation): the rendered Ingress has a duplicate key.",
    fixable: 'safe',
    docs: {
      summary: 'the same annotation in `ingress.annotations` and `commonAnnotations`',
      fix: 'remove one copy',
    },
    kind: 'syntax',
    messages: {
      twice: 'An annotation is set in both annotation blocks: strict tools reject the duplicate key.',
      chartDefault: 'The chart already sets {{key}}: strict tools reject the duplicate key.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    const line = (offset: number) => ctx.lines.position(offset).line + 1;
    return {
      target(t) {
        if (!t.values) return;
        // The effective (last) entry of each key within each map.
        const lastIn = (source: AnnotationEntry['source']) => {
          const m = new Map<string, AnnotationEntry>();
          for (const a of t.annotations) if (a.source === source) m.set(a.key, a);
          return m;
        };
        // Without commonAnnotations nothing conflicts: only the chart's own annotation is looked for (no maps built).
        const hasCommon = t.annotations.some((a) => a.source === 'commonAnnotations');
        const own = hasCommon ? lastIn('ingress.annotations') : undefined;
        const common = hasCommon ? lastIn('commonAnnotations') : new Map<string, AnnotationEntry>();

        for (const [key, a] of own ?? []) {
          const c = common.get(key);
          if (!c) continue;
          const same = sameValue(a, c);
          // A key repeated inside ingress.annotations (duplicate-key) keeps conflicting after one removal.
          const single = t.annotations.filter((x) => x.source === 'ingress.annotations' && x.key === key).length === 1;
          const outcome = same
            ? `both are ${shown(a, ctx.text)}`
            : `the Ingress gets ${shown(c, ctx.text)} from \`commonAnnotations\`, not ${shown(a, ctx.text)}`;
          const fixes: Fix[] = same
            ? [fix('Remove the duplicate from ingress.annotations', [removePair(ctx.text, a.map, a.pair)], single)]
            : [
                fix(`Keep ${shown(c, ctx.text)} (remove the key from ingress.annotations)`, [removePair(ctx.text, a.map, a.pair)], false),
                fix(`Keep ${shown(a, ctx.text)} (remove the key from commonAnnotations)`, [removePair(ctx.text, c.map, c.pair)], false),
              ];
          ctx.report({
            range: a.keyRange,
            messageId: 'twice',
            message:
              `${q(key)} is also set in \`commonAnnotations\` (line ${line(c.keyRange.start)}): the chart writes both blocks into the Ingress, so the key appears twice. ` +
              `Lenient parsers keep the last one (${outcome}), while strict tools (Argo CD, Flux/kustomize post-render, kubeconform --strict) fail with "mapping key … already defined".`,
            related: [{ range: c.keyRange, message: `${q(key)} in commonAnnotations` }],
            fixes,
          });
        }

        // Both maps are written after the chart's own `nginx.org/websocket-services: loft`.
        const dk = CHART_DEFAULT_ANNOTATION.key;
        const first = (own ? own.get(dk) : lastWithKey(t.annotations, dk)) ?? common.get(dk);
        if (first) {
          const same = first.value.isString && first.value.text === CHART_DEFAULT_ANNOTATION.value;
          ctx.report({
            range: first.keyRange,
            messageId: 'chartDefault',
            data: { key: q(dk.slice(dk.indexOf('/') + 1)) },
            message:
              `The chart already writes ${q(`${dk}: ${CHART_DEFAULT_ANNOTATION.value}`)} on the Ingress, so ${q(dk)} appears twice. ` +
              `Lenient parsers keep the last one (${same ? 'the same value' : shown(first, ctx.text)}), while strict tools (Argo CD, Flux/kustomize post-render, kubeconform --strict) fail with "mapping key … already defined".`,
            fixes: same ? [fix(`Remove ${q(dk)} (the chart sets it)`, [removePair(ctx.text, first.map, first.pair)], true)] : [],
          });
        }
      },
    };
  },
});

/** The last entry with `key` (the one a map keeps). */
function lastWithKey(annotations: readonly AnnotationEntry[], key: string): AnnotationEntry | undefined {
  for (let i = annotations.length - 1; i >= 0; i--) if (annotations[i].key === key) return annotations[i];
  return undefined;
}
