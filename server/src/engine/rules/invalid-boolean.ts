import { defineRule } from './rule';
import { annotation, q } from './_shared';
import { GO_BOOLS, boolIntent, nonStringKind, nonStringPreamble, qv } from './_lists';
import { fix, replaceValue } from '../fix/edits';
import { ingressNginxDetails } from '../policy/ingressNginx';
import { goParseBool, goTrimSpace } from '../parse/values';
import type { StepResult } from '../policy/ingressNginxModel';
import type { AnnotationEntry } from '../types';

const OUTCOME = {
  'enable-cors': 'ingress-nginx treats it as `false`, so CORS stays off and every cors-* annotation is ignored',
  'cors-allow-credentials': 'ingress-nginx falls back to `true` and sends `Access-Control-Allow-Credentials: true`',
} as const;

export default defineRule({
  meta: {
    id: 'invalid-boolean',
    defaultSeverity: 'error',
    description:
      '`enable-cors` or `cors-allow-credentials` is not a Go `strconv.ParseBool` value: CORS stays off, or credentials fall back to `true`.',
    fixable: 'safe',
    docs: {
      summary: '`enable-cors`/`cors-allow-credentials` is not a Go `ParseBool` value',
      fix: '`"true"` / `"false"` when the intent is clear',
    },
    kind: 'syntax',
    messages: {
      'enable-cors': '`enable-cors` is not a boolean ingress-nginx accepts: CORS stays off.',
      'cors-allow-credentials': '`cors-allow-credentials` is not a boolean ingress-nginx accepts: it falls back to `true`.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    const check = (suffix: keyof typeof OUTCOME, e: AnnotationEntry | undefined, r: StepResult<boolean> | undefined) => {
      if (!e || !r || r.accepted) return;
      const v = e.value;
      const text = v.text;
      const kind = nonStringKind(ctx.text, v);
      if (kind === 'skip') return; // null or a collection: annotation-value-not-string alone
      const intent = boolIntent(text);
      let outcome: string = OUTCOME[suffix];
      if (suffix === 'cors-allow-credentials' && intent === 'false') outcome += `, the opposite of what ${q(goTrimSpace(text))} says`;
      let message: string;
      if (kind) {
        message = `${q(suffix)}: ${nonStringPreamble(kind, text)}: ${outcome}.`;
      } else if (r.reason === 'empty') {
        message = `${q(suffix)} is empty: ${outcome}.`;
      } else if (goParseBool(goTrimSpace(text)) !== undefined) {
        message = `${q(suffix)} ${qv(text)} has whitespace around the boolean, which ingress-nginx's validator rejects: ${outcome}.`;
      } else {
        message = `${q(suffix)} ${qv(text)} is not a boolean for ingress-nginx (Go's strconv.ParseBool accepts only ${GO_BOOLS}): ${outcome}.`;
      }
      ctx.report({
        range: v.range,
        messageId: suffix,
        message,
        fixes: intent ? [fix(`Set ${suffix} to "${intent}"`, [replaceValue(v, intent)], true)] : [],
      });
    };
    return {
      target(t, p) {
        const det = ingressNginxDetails(p);
        if (!det) return;
        check('enable-cors', annotation(t, 'enable-cors'), det.enable);
        check('cors-allow-credentials', annotation(t, 'cors-allow-credentials'), det.credentials);
      },
    };
  },
});
