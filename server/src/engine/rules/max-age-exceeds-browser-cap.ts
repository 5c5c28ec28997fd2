import { defineRule } from './rule';
import { fieldLabel, q } from './_shared';
import { CHROMIUM_MAX_AGE, FIREFOX_MAX_AGE, SAFARI_MAX_AGE, controllerName, humanSeconds, qv } from './_lists';
import { doubleQuoted, fix, insertPairs, replace, replaceValue } from '../fix/edits';
import { nodeRange } from '../parse/parse';
import { goAtoi, goTrimSpace } from '../parse/values';
import type { Fix, TextEdit } from '../types';
import type { Node } from 'yaml';

const CAPS = `browsers cache a preflight for at most ${CHROMIUM_MAX_AGE} s in Chromium, ${FIREFOX_MAX_AGE} s in Firefox and ${SAFARI_MAX_AGE} s in Safari`;

export default defineRule({
  meta: {
    id: 'max-age-exceeds-browser-cap',
    defaultSeverity: 'warning',
    description:
      'The effective preflight max-age is above 7200 s (including the implicit 1728000 of ingress-nginx): browsers cap it (Chromium 7200 s, Firefox 86400 s, Safari 600 s).',
    fixable: true,
    kind: 'semantic',
  },
  create(ctx) {
    return {
      policy(p) {
        if (p.maxAge === null || p.maxAge <= CHROMIUM_MAX_AGE) return;
        const f = p.fields.maxAge;
        const ctl = controllerName(p.controller);
        const sent = `${ctl} sends \`Access-Control-Max-Age: ${p.maxAge}\` (${humanSeconds(p.maxAge)})`;
        const gain = p.maxAge > FIREFOX_MAX_AGE ? 'so no browser keeps it longer than 24 hours' : 'so only Firefox keeps it that long';
        const label = p.controller === 'ingress-nginx' ? 'cors-max-age' : fieldLabel(f, 'max-age');
        if (f) {
          // ingress-nginx replaces a value it cannot parse by 1728000: invalid-max-age reports that one.
          if (p.controller === 'ingress-nginx' && goAtoi(goTrimSpace(f.value.text)) !== p.maxAge) return;
          let edit: TextEdit;
          let shown: string;
          if (p.controller === 'ingress-nginx') {
            edit = replaceValue(f.value, String(CHROMIUM_MAX_AGE));
            shown = `"${CHROMIUM_MAX_AGE}"`;
          } else if (p.controller === 'istio') {
            // A protobuf Duration string.
            edit = replaceValue(f.value, `${CHROMIUM_MAX_AGE}s`);
            shown = `${CHROMIUM_MAX_AGE}s`;
          } else {
            edit = f.value.isString ? replaceValue(f.value, String(CHROMIUM_MAX_AGE)) : replace(f.value.range, String(CHROMIUM_MAX_AGE));
            shown = String(CHROMIUM_MAX_AGE);
          }
          ctx.report({
            range: f.value.range,
            message: `${q(label)} ${qv(f.value.text)}: ${sent}, but ${CAPS}, ${gain}. Use ${CHROMIUM_MAX_AGE} or less.`,
            fixes: [fix(`Set ${label} to ${shown}`, [edit], true)],
          });
          return;
        }
        const fixes: Fix[] = [];
        const t = p.target;
        // A cors-max-age whose value is a list or a map is not used, but the key exists: never add a second one.
        const key = t.kind === 'ingress-nginx' ? `${t.prefix}/cors-max-age` : '';
        if (p.controller === 'ingress-nginx' && t.kind === 'ingress-nginx' && t.values?.annotationsMap && !t.annotations.some((a) => a.key === key)) {
          const parent = t.values.annotationsPair ? nodeRange(t.values.annotationsPair.key as Node) : undefined;
          fixes.push(
            fix(
              `Add cors-max-age: "${CHROMIUM_MAX_AGE}"`,
              [insertPairs(ctx.text, t.values.annotationsMap, [[key, doubleQuoted(String(CHROMIUM_MAX_AGE))]], parent)],
              true,
            ),
          );
        }
        const enable = p.fields.enable;
        ctx.report({
          range: enable ? enable.keyRange : p.anchor,
          message: `${q(label)} is not set: ${sent}, but ${CAPS}, ${gain}. Set ${q(label)} to ${CHROMIUM_MAX_AGE} or less.`,
          fixes,
        });
      },
    };
  },
});
