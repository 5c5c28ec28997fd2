import { defineRule } from './rule';
import { fieldLabel, q } from './_shared';
import { fix, replaceValue, insertPairs, doubleQuoted } from '../fix/edits';
import type { RelatedInfo } from '../types';

export const PLACEHOLDER_ORIGIN = 'https://dashboard.example.com';

export default defineRule({
  meta: {
    id: 'wildcard-with-credentials',
    defaultSeverity: 'error',
    description: 'Any origin (`*`, written, defaulted or by fallback) is allowed together with credentials.',
    fixable: true,
    kind: 'semantic',
  },
  create(ctx) {
    return {
      policy(p) {
        const any = p.origins.length === 1 && p.origins[0].kind === 'any';
        if (!any || !p.allowCredentials) return;
        const of = p.fields.origin;
        const cf = p.fields.credentials;
        const originHow = of
          ? p.origins[0].range !== of.value.range || of.value.text.trim() === '*'
            ? 'allows any origin (`*`)'
            : `falls back to any origin (\`*\`) because ${q(of.value.text)} is invalid`
          : 'allows any origin (`*`) because cors-allow-origin is not set';
        const credHow = cf ? (cf.value.text.trim() === 'true' ? 'credentials are allowed' : `credentials fall back to \`true\``) : 'credentials default to `true`';
        const effect =
          p.acaoMode === 'literal-star'
            ? 'the controller sends `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true`, which every browser refuses for credentialed requests (cookies, Authorization via credentials mode)'
            : 'the controller echoes any Origin with `Access-Control-Allow-Credentials: true`: any website can make credentialed requests';
        const range = of ? p.origins[0].range : cf ? cf.value.range : p.anchor;
        const related: RelatedInfo[] = [];
        if (cf) related.push({ range: cf.keyRange, message: `${fieldLabel(cf, 'credentials')} is set here` });
        if (of && range !== of.value.range) related.push({ range: of.keyRange, message: 'origin is set here' });
        const fixes = [];
        if (cf) fixes.push(fix('Set cors-allow-credentials to "false"', [replaceValue(cf.value, 'false')], true));
        else if (p.target.kind === 'ingress-nginx' && p.target.values?.annotationsMap && p.controller === 'ingress-nginx')
          fixes.push(
            fix(
              'Add cors-allow-credentials: "false"',
              [insertPairs(ctx.text, p.target.values.annotationsMap, [[`${p.target.prefix}/cors-allow-credentials`, doubleQuoted('false')]], p.target.values.annotationsPair?.key ? undefined : undefined)],
              true,
            ),
          );
        if (of) fixes.push(fix(`Replace ${q('*')} with an explicit origin (${PLACEHOLDER_ORIGIN})`, [replaceValue(of.value, PLACEHOLDER_ORIGIN)], false));
        ctx.report({ range, message: `${originHow[0].toUpperCase()}${originHow.slice(1)} and ${credHow}: ${effect}.`, related, fixes });
      },
    };
  },
});
