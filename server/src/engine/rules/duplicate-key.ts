import { defineRule } from './rule';
import { q } from './_shared';
import { controlBetween } from '../parse/template';

export default defineRule({
  meta: {
    id: 'duplicate-key',
    defaultSeverity: 'error',
    description: 'A mapping key appears twice in the same mapping.',
    fixable: false,
    kind: 'syntax',
  },
  create(ctx) {
    return {
      end() {
        // In a chart template, the same key in two branches of an `if`/`else` (or `range`) is not a duplicate.
        const actions = ctx.templates.chartTemplate ? ctx.templates.unknown : [];
        const dups = ctx.parseProblems.filter(
          (p) => p.kind === 'duplicate-key' && !(p.first && controlBetween(actions, p.first.end, p.range.start)),
        );
        // The occurrence Helm keeps is the last one of each key in its mapping.
        const lastOf = new Map<number, (typeof dups)[number]>();
        for (const p of dups) {
          const k = p.first?.start ?? -1;
          const cur = lastOf.get(k);
          if (!cur || cur.range.start < p.range.start) lastOf.set(k, p);
        }
        for (const p of dups) {
          const line = p.first ? ctx.lines.position(p.first.start).line + 1 : 0;
          const last = lastOf.get(p.first?.start ?? -1) ?? p;
          const lastLine = ctx.lines.position(last.range.start).line + 1;
          const kept = last.valueText !== undefined ? `${q(last.valueText)}, line ${lastLine}` : `line ${lastLine}`;
          ctx.report({
            range: p.range,
            message: `${q(p.message)} is already defined on line ${line} of this mapping: Helm silently keeps the last one (${kept}) and drops the others, while strict YAML tools (yamllint, kustomize, Argo CD) reject the file.`,
            related: p.first ? [{ range: p.first, message: `first ${q(p.message)}` }] : [],
          });
        }
      },
    };
  },
});
