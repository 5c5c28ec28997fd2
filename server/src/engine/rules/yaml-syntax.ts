import { defineRule } from './rule';
import { flat } from '../util/pieceText';

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
      manifest: 'The manifest is not valid YAML: `kubectl apply` and GitOps tools fail on it.',
      template: 'The chart template is not valid YAML around its actions: check it with `helm template`.',
      warning: 'YAML parser warning: the file may not read as intended.',
    },
  },
  create(ctx) {
    return {
      end() {
        // What a parse error means depends on who reads the file: Helm reads values files; kubectl (or a
        // GitOps tool) reads manifests; a chart template is parsed here with its `{{ }}` actions masked, so an
        // error may also come from branches that never render together.
        const template = ctx.templates.chartTemplate;
        // Most lints have no parse problem: skip the two searches of the whole text then.
        if (!ctx.parseProblems.some((p) => p.kind !== 'duplicate-key')) return;
        const manifest = /^apiVersion:[ \t]*\S/m.test(flat(ctx.text)) && /^kind:[ \t]*\S/m.test(flat(ctx.text));
        // The headline says what the error means for who reads the file; the explanation is the parser's message.
        for (const p of ctx.parseProblems) {
          if (p.kind === 'duplicate-key') continue;
          ctx.report({
            range: p.range,
            messageId: p.kind === 'warning' ? 'warning' : template ? 'template' : manifest ? 'manifest' : 'error',
            message: p.message.replace(/[.:;]?$/, '.'),
            severity: p.kind === 'warning' || template ? 'warning' : undefined,
          });
        }
      },
    };
  },
});
