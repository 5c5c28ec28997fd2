import { defineRule } from './rule';
import { q } from './_shared';

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
        for (const p of ctx.parseProblems) {
          if (p.kind !== 'duplicate-key') continue;
          const line = p.first ? ctx.lines.position(p.first.start).line + 1 : 0;
          ctx.report({
            range: p.range,
            message: `${q(p.message)} is already defined on line ${line} of this mapping: Helm rejects values files with duplicate keys ("already set in map"), and other tools silently keep only one of them.`,
            related: p.first ? [{ range: p.first, message: `first ${q(p.message)}` }] : [],
          });
        }
      },
    };
  },
});
