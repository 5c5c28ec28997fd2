import { defineRule } from './rule';
import { fieldLabel, q } from './_shared';
import { fix, replace, replaceValue, insertPairs, doubleQuoted } from '../fix/edits';
import { replaceOriginFix } from '../fix/origins';
import type { RelatedInfo } from '../types';
import { ingressNginxDetails } from '../policy/ingressNginx';
import { anyOriginCause, controllerName } from './_origins';

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
        const det = p.controller === 'ingress-nginx' ? ingressNginxDetails(p) : undefined;
        const originHow = !of
          ? 'cors-allow-origin is not set, so any origin (`*`) is allowed'
          : anyOriginCause(p) === 'fallback'
            ? `${fieldLabel(of, 'origin')} ${q(of.value.text)} is invalid, so ingress-nginx falls back to any origin (\`*\`)`
            : p.origins[0].value !== '*'
              ? `${fieldLabel(of, 'origin')} allows any origin (${q(p.origins[0].value)} matches the string \`*\`, which ${controllerName(p)} treats as every origin)`
              : `${fieldLabel(of, 'origin')} allows any origin (\`*\`)`;
        const credHow = !cf
          ? `${p.controller === 'ingress-nginx' ? 'cors-allow-credentials is not set and defaults to `true`' : 'credentials are allowed'}`
          : det?.credentials && !det.credentials.accepted
            ? `${fieldLabel(cf, 'credentials')} ${q(cf.value.text)} is invalid and falls back to \`true\``
            : `${fieldLabel(cf, 'credentials')} is \`true\``;
        const effect =
          p.acaoMode === 'literal-star'
            ? 'the controller sends `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials: true`, and every browser refuses that combination for credentialed requests'
            : 'the controller echoes any Origin together with `Access-Control-Allow-Credentials: true`: any website can make credentialed requests';
        const range = of ? p.origins[0].range : cf ? cf.value.range : p.anchor;
        const related: RelatedInfo[] = [];
        if (cf) related.push({ range: cf.keyRange, message: `${fieldLabel(cf, 'credentials')} is set here` });
        
        // Turning credentials off changes nothing a browser can observe when the controller sends a literal `*`
        // (credentialed requests fail either way), so that fix is safe there. When `*` comes from a fallback,
        // the real repair is the origin value (invalid-origin), so nothing here is applied automatically.
        const fallback = anyOriginCause(p) === 'fallback';
        const safeCred = p.acaoMode === 'literal-star' && !fallback;
        const fixes = [];
        const star = p.origins[0];
        if (cf && p.controller !== 'ingress-nginx') {
          // Manifests: the field is a boolean in the CRD, so write the YAML boolean `false`, never the string.
          const name = cf.label.slice(cf.label.lastIndexOf('.') + 1);
          fixes.push(fix(`Set ${name} to false`, [replace(cf.value.range, 'false')], safeCred));
        } else if (cf) fixes.push(fix('Set cors-allow-credentials to "false"', [replaceValue(cf.value, 'false')], safeCred));
        else if (p.target.kind === 'ingress-nginx' && p.target.values?.annotationsMap)
          fixes.push(
            fix(
              'Add cors-allow-credentials: "false"',
              [insertPairs(ctx.text, p.target.values.annotationsMap, [[`${p.target.prefix}/cors-allow-credentials`, doubleQuoted('false')]])],
              safeCred,
            ),
          );
        const originTitle = `Replace ${q(star.container === 'sequence' ? star.value : '*')} with an explicit origin (${PLACEHOLDER_ORIGIN})`;
        if (of && !fallback && star.container === 'sequence') {
          // A list item (Traefik, Istio, Gateway API): replace only that item (Istio: as `exact:`).
          const f = replaceOriginFix(p, star, PLACEHOLDER_ORIGIN, originTitle, false);
          if (f) fixes.push(f);
        } else if (of && !fallback) fixes.push(fix(originTitle, [replaceValue(of.value, PLACEHOLDER_ORIGIN)], false));
        ctx.report({ range, message: `${originHow} and ${credHow}: ${effect}.`, related, fixes });
      },
    };
  },
});
