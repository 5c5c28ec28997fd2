import { defineRule } from './rule';
import { q } from './_shared';
import { nonStringKind, parentKeyRange, qv } from './_lists';
import { doubleQuoted, fix, insertPairs, replaceValue } from '../fix/edits';
import { annotationKey, ingressNginxDetails } from '../policy/ingressNginx';
import { CORS_SUFFIXES } from '../policy/ingressNginxModel';
import type { AnnotationEntry, Fix, RelatedInfo } from '../types';

export default defineRule({
  meta: {
    id: 'cors-not-enabled',
    defaultSeverity: 'warning',
    description: '`cors-*` annotations while `enable-cors` is missing or false: ingress-nginx ignores them.',
    fixable: 'safe',
    docs: {
      summary: '`cors-*` annotations while `enable-cors` is missing or false',
      fix: 'adds `enable-cors: "true"` when it is missing',
    },
    unnecessary: true,
    kind: 'syntax',
    messages: {
      corsOff: '{{name}} has no effect: CORS is off, so ingress-nginx ignores it.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(t, p) {
        const det = ingressNginxDetails(p);
        if (!det || p.configured) return;
        const corsKeys = new Set(CORS_SUFFIXES.filter((s) => s !== 'enable-cors').map((s) => annotationKey(t, s)));
        // One finding per key, on the entry that wins (the last one when a key is set twice).
        const entries: AnnotationEntry[] = t.annotations.filter((a) => corsKeys.has(a.key) && t.byKey.get(a.key) === a);
        if (entries.length === 0) return;

        const enableKey = annotationKey(t, 'enable-cors');
        const enableEntry = t.byKey.get(enableKey);
        // An entry whose value is a list, a map or an unresolvable alias does not feed the policy (the
        // engine leaves it out of byKey), but the key is there: adding another one would duplicate it.
        const unusable = enableEntry ? undefined : t.annotations.find((a) => a.key === enableKey);
        const related: RelatedInfo[] = [];
        let why: string;
        let fixes: Fix[] = [];
        if (unusable) {
          const what =
            unusable.value.collection === 'map'
              ? 'a map'
              : unusable.value.collection === 'seq'
                ? 'a list'
                : 'an alias that cannot be resolved';
          why = `\`enable-cors\` is ${what}, not a boolean string (see annotation-value-not-string)`;
          related.push({ range: unusable.keyRange, message: 'enable-cors is set here' });
        } else if (!enableEntry || !det.enable) {
          why = '`enable-cors` is not set';
          // Insert into the map that holds the first cors-* key (ingress.annotations before commonAnnotations).
          const first = t.annotations.find((a) => corsKeys.has(a.key)) ?? entries[0];
          fixes = [
            fix(
              'Add enable-cors: "true"',
              [insertPairs(ctx.text, first.map, [[annotationKey(t, 'enable-cors'), doubleQuoted('true')]], parentKeyRange(t, first.map))],
              true,
            ),
          ];
        } else {
          const text = enableEntry.value.text;
          related.push({ range: enableEntry.keyRange, message: 'enable-cors is set here' });
          if (det.enable.accepted) {
            // Explicitly false: the user switched CORS off on purpose, so switching it on is only offered.
            why = text === 'false' ? '`enable-cors` is `false`' : `\`enable-cors\` is ${qv(text)}, which ingress-nginx reads as \`false\``;
            fixes = [fix('Set enable-cors to "true"', [replaceValue(enableEntry.value, 'true')], false)];
          } else if (nonStringKind(ctx.text, enableEntry.value) === 'skip') {
            // null or a collection (annotation-value-not-string reports it)
            why = `\`enable-cors\` ${!enableEntry.value.node ? 'has no value' : enableEntry.value.style === undefined ? 'is not a string' : 'has no value'} and defaults to \`false\``;
          } else if (det.enable.reason === 'empty') {
            why = '`enable-cors` is empty and defaults to `false`';
          } else {
            // invalid-boolean reports the value and fixes it.
            why = `\`enable-cors\` ${qv(text)} is not a boolean ingress-nginx accepts (see invalid-boolean) and defaults to \`false\``;
          }
        }
        const prefix = t.prefix + '/';
        for (const e of entries) {
          const name = e.key.startsWith(prefix) ? e.key.slice(prefix.length) : e.key;
          ctx.report({
            range: e.keyRange,
            messageId: 'corsOff',
            data: { name: q(name) },
            message: `${why}: ingress-nginx reads no cors-* annotation until CORS is switched on with \`enable-cors: "true"\`.`,
            related,
            fixes,
          });
        }
      },
    };
  },
});
