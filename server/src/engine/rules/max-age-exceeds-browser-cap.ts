import { defineRule } from './rule';
import { q } from './_shared';
import { CHROMIUM_MAX_AGE, FIREFOX_MAX_AGE, SAFARI_MAX_AGE, humanSeconds, qv } from './_lists';
import { fix } from '../fix/edits';
import { maxAgeText, settingLabel, writeSetting } from '../policy/profiles';
import type { Fix } from '../types';

const CAPS = `browsers cache a preflight for at most ${CHROMIUM_MAX_AGE} s in Chromium, ${FIREFOX_MAX_AGE} s in Firefox and ${SAFARI_MAX_AGE} s in Safari`;

export default defineRule({
  meta: {
    id: 'max-age-exceeds-browser-cap',
    defaultSeverity: 'warning',
    description:
      'The effective preflight max-age is above 7200 s (including the implicit 1728000 of ingress-nginx): browsers cap it (Chromium 7200 s, Firefox 86400 s, Safari 600 s).',
    fixable: 'safe',
    docs: {
      summary: 'effective max-age > 7200 (incl. the implicit 1728000)',
      fix: '`"7200"`',
    },
    kind: 'semantic',
    messages: {
      tooLong: '{{setting}} is above 7200 s: Chromium and Safari cache the preflight for less.',
      defaultTooLong: "{{setting}} is not set: the default is above every browser's preflight cap.",
    },
  },
  create(ctx) {
    return {
      policy(p) {
        if (p.maxAge === null || p.maxAge <= CHROMIUM_MAX_AGE) return;
        const f = p.fields.maxAge;
        const ctl = p.profile.name;
        const sent = `${ctl} sends \`Access-Control-Max-Age: ${p.maxAge}\` (${humanSeconds(p.maxAge)})`;
        const gain = p.maxAge > FIREFOX_MAX_AGE ? 'so no browser keeps it longer than 24 hours' : 'so only Firefox keeps it that long';
        const label = settingLabel(p, 'maxAge');
        const capped = maxAgeText(p.profile, CHROMIUM_MAX_AGE);
        if (f) {
          // A value the controller does not accept falls back to its default: invalid-max-age reports that one.
          if (p.fellBack?.maxAge) return;
          const { edit, shown } = writeSetting(p.profile, f.value, capped, p.profile.maxAgeType);
          ctx.report({
            range: f.value.range,
            messageId: 'tooLong',
            data: { setting: q(label) },
            message: `${q(label)} ${qv(f.value.text)}: ${sent}, ${gain}. ${CAPS.charAt(0).toUpperCase()}${CAPS.slice(1)}. Use ${CHROMIUM_MAX_AGE} or less.`,
            fixes: [fix(`Set ${label} to ${shown}`, [edit], true)],
          });
          return;
        }
        const fixes: Fix[] = [];
        const add = p.profile.addSetting(ctx.text, p, 'maxAge', capped);
        if (add) fixes.push(fix(`Add ${label}: ${add.shown}`, [add.edit], true));
        const enable = p.fields.enable;
        ctx.report({
          range: enable ? enable.keyRange : p.anchor,
          messageId: 'defaultTooLong',
          data: { setting: q(label) },
          message: `Without it, ${sent}, but ${CAPS}, ${gain}. Set ${q(label)} to ${CHROMIUM_MAX_AGE} or less.`,
          fixes,
        });
      },
    };
  },
});
