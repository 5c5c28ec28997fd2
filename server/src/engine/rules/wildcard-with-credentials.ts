import { defineRule } from './rule';
import { fieldLabel, q } from './_shared';
import { fix, replaceValue } from '../fix/edits';
import { settingName, writeSetting } from '../policy/profiles';
import { replaceOriginFix } from '../fix/origins';
import type { RelatedInfo } from '../types';
import { anyOriginCause, controllerName, ControllerName, originSettingName } from './_origins';

export const PLACEHOLDER_ORIGIN = 'https://dashboard.example.com';

export default defineRule({
  meta: {
    id: 'wildcard-with-credentials',
    defaultSeverity: 'error',
    description: 'Any origin (`*`, written, defaulted or by fallback) is allowed together with credentials.',
    fixable: 'safe',
    docs: {
      summary: 'effective origin `*` with effective credentials `true`',
    },
    kind: 'semantic',
    messages: {
      literalStar: 'Any origin with credentials: browsers reject every credentialed request.',
      echo: 'Any origin with credentials: any website can make credentialed requests.',
      // When invalid-origin reports the value (the root cause): named, so the rows do not look alike.
      becauseInvalid: '`*` with credentials, because the origin list is invalid: see invalid-origin.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        const any = p.origins.length === 1 && p.origins[0].kind === 'any';
        if (!any || !p.allowCredentials) return;
        const of = p.fields.origin;
        const cf = p.fields.credentials;
        const originHow = !of
          ? `${originSettingName(p)} is not set, so any origin (\`*\`) is allowed`
          : anyOriginCause(p) === 'fallback'
            ? `${fieldLabel(of, 'origin')} ${q(of.value.text)} is invalid, so ${controllerName(p)} falls back to any origin (\`*\`)`
            : p.origins[0].value !== '*'
              ? `${fieldLabel(of, 'origin')} allows any origin (${q(p.origins[0].value)} matches the string \`*\`, which ${controllerName(p)} treats as every origin)`
              : `${fieldLabel(of, 'origin')} allows any origin (\`*\`)`;
        const credHow = !cf
          ? `${p.profile.settings.credentials} is not set and defaults to \`true\``
          : p.fellBack?.credentials
            ? `${fieldLabel(cf, 'credentials')} ${q(cf.value.text)} is invalid and falls back to \`true\``
            : `${fieldLabel(cf, 'credentials')} is \`true\``;
        const c = controllerName(p);
        // The headline says what happens; the explanation starts with what the controller sends, then why.
        const message =
          p.acaoMode === 'literal-star'
            ? `${originHow} and ${credHow}: ${c} sends \`Access-Control-Allow-Origin: *\` together with \`Access-Control-Allow-Credentials: true\`, and every browser refuses that combination for credentialed requests.`
            : `${ControllerName(p)} echoes any Origin together with \`Access-Control-Allow-Credentials: true\`: ${originHow} and ${credHow}.`;
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
        const name = settingName(p, 'credentials');
        if (cf) {
          // The value is written the way the controller reads it: an annotation string, or a CRD's YAML boolean.
          const { edit, shown } = writeSetting(p.profile, cf.value, 'false', 'boolean');
          fixes.push(fix(`Set ${name} to ${shown}`, [edit], safeCred));
        } else {
          const add = p.profile.addSetting(ctx.text, p, 'credentials', 'false');
          if (add) fixes.push(fix(`Add ${name}: ${add.shown}`, [add.edit], safeCred));
        }
        const originTitle = `Replace ${q(star.container === 'sequence' ? star.value : '*')} with an explicit origin (${PLACEHOLDER_ORIGIN})`;
        if (of && !fallback && star.container === 'sequence') {
          // A list item (Traefik, Istio, Gateway API): replace only that item (Istio: as `exact:`).
          const f = replaceOriginFix(p, star, PLACEHOLDER_ORIGIN, originTitle, false);
          if (f) fixes.push(f);
        } else if (of && !fallback) fixes.push(fix(originTitle, [replaceValue(of.value, PLACEHOLDER_ORIGIN)], false));
        ctx.report({
          range,
          messageId: p.acaoMode === 'literal-star' ? 'literalStar' : 'echo',
          message,
          related,
          fixes,
          cause: fallback && of ? { ruleId: 'invalid-origin', range: of.value.range, messageId: 'becauseInvalid' } : undefined,
        });
      },
    };
  },
});
