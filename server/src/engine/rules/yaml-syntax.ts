import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    description: 'The file is not valid YAML (or cannot be read as YAML at all).',
    fixable: false,
    docs: {
      summary: 'the YAML does not parse (also binary, too large or too deeply nested files)',
      severity: '`error` (parser warnings: `warning`)',
    },
    kind: 'syntax',
    messages: {
      error: 'The file is not valid YAML: Helm cannot read it, so `helm upgrade` fails.',
      warning: 'YAML parser warning: the file may not read as intended.',
        },
  },
  create(ctx) {
    return {
      end() {
        for (const p of ctx.parseProblems) {
          if (p.kind === 'duplicate-key') continue;
          ctx.report({
            range: p.range,
            messageId: p.kind === 'warning' ? 'warning' : 'error',
            message: `${p.message.replace(/[.:;]?$/, '.')}${p.kind === 'error' ? ' Helm cannot read this file, so `helm upgrade` fails.' : ''}`,
            severity: p.kind === 'warning' ? 'warning' : undefined,
          });
        }
      },
    };
  },
});
