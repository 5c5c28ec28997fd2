import { defineRule } from './rule';
import { q } from './_shared';
import { fix, replaceValue } from '../fix/edits';
import { removeOriginsFix, replaceOriginFix } from '../fix/origins';
import type { EffectivePolicy, Fix } from '../types';
import {
  PLACEHOLDER_ORIGIN,
  allowsAny,
  anyOriginCause,
  anyOriginRange,
  ControllerName,
  originSettingName,
  defined,
  unsafe,
  withCredentials,
  writtenStar,
  isLoopbackOrigin,
  hostOrPrefixOrigin,
} from './_origins';
import type { OriginMatcher, RelatedInfo } from '../types';

/**
 * Listed entries whose own problem `*` hides (p.origins is just `*`, so the rules about them stay silent): named in
 * the related information, so removing `*` brings no surprise.
 */
function maskedProblems(p: EffectivePolicy, ctx: { environment: string }): RelatedInfo[] {
  const out: RelatedInfo[] = [];
  const others = p.writtenOrigins.filter((w: OriginMatcher) => w.kind !== 'any');
  for (const w of others) {
    const why = isLoopbackOrigin(w)
      ? ctx.environment === 'production'
        ? 'is a loopback origin in a production file (localhost-in-prod)'
        : undefined
      : hostOrPrefixOrigin(w) && w.scheme.toLowerCase() === 'http'
        ? 'is a plain-HTTP origin (insecure-origin)'
        : undefined;
    if (why) out.push({ range: w.range, message: `Hidden by \`*\`: ${q(w.value)} ${why}, reported once \`*\` is removed.` });
  }
  return out;
}

/** What the controller sends when every origin is allowed (the headline says what that allows). */
function effect(p: EffectivePolicy): string {
  const c = ControllerName(p);
  if (p.acaoMode === 'literal-star') {
    const where = p.profile.starOnEveryResponse
      ? 'the literal `Access-Control-Allow-Origin: *` on every response, even to requests without an Origin header'
      : '`Access-Control-Allow-Origin: *`';
    return `${c} sends ${where}, which browsers accept for every request made without credentials`;
  }
  const cred = " together with `Access-Control-Allow-Credentials: true`, so requests with the user's credentials (cookies) get through too";
  return `${c} echoes every request Origin in \`Access-Control-Allow-Origin\`${withCredentials(p, cred)}`;
}

/** How any origin came to be allowed, beyond what the headline says (empty when it says it all). */
function howAny(p: EffectivePolicy): string {
  const setting = originSettingName(p);
  switch (anyOriginCause(p)) {
    case 'default':
      return ` ${ControllerName(p)} defaults ${setting} to \`*\`.`;
    case 'written': {
      const others = p.writtenOrigins.filter((w) => w.kind !== 'any').length;
      const star = writtenStar(p);
      const what = star && star.value !== '*' ? q(star.value) : q('*');
      if (others > 0) return ` ${what} in ${setting} overrides the other entries.`;
      return what === q('*') ? '' : ` ${what} allows any origin.`;
    }
    case 'fallback': {
      const text = p.fields.origin!.value.text.trim();
      return text === ''
        ? ` ${ControllerName(p)} falls back to \`*\` because ${setting} is empty.`
        : ` ${ControllerName(p)} falls back to \`*\` because ${setting} ${q(text)} is invalid.`;
    }
  }
}

export default defineRule({
  meta: {
    id: 'wildcard-origin',
    defaultSeverity: 'error',
    environments: { development: 'warning' },
    description:
      'Any origin is allowed: `*` written, defaulted because the origin setting is missing, or the fallback for an invalid value.',
    fixable: 'unsafe',
    docs: {
      summary: 'effective origin `*`',
      fix: 'placeholder origin',
    },
    kind: 'semantic',
    messages: {
      written: "Any origin is allowed (`*`): any website can read the API's responses.",
      default: '{{setting}} is not set, so any origin is allowed: any website can read the API.',
      fallback: '{{setting}} is invalid, so any origin is allowed: any website can read the API.',
      // When invalid-origin reports the value (the root cause): named, so the rows do not look alike.
      becauseInvalid: 'Any origin (`*`) allowed, because the origin list is invalid: see invalid-origin.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        if (!allowsAny(p)) return;
        const fixes: Fix[] = [];
        const cause = anyOriginCause(p);
        const of = p.fields.origin;
        if (cause === 'written') {
          const star = writtenStar(p)!;
          const others = p.writtenOrigins.filter((w) => w.kind !== 'any');
          if (others.length > 0)
            fixes.push(...defined([unsafe(removeOriginsFix(ctx.text, p, [star], `Remove ${q('*')} and keep the listed origins`))]));
          fixes.push(
            ...defined([
              replaceOriginFix(p, star, PLACEHOLDER_ORIGIN, `Replace ${q('*')} with an explicit origin (${PLACEHOLDER_ORIGIN})`, false),
            ]),
          );
        } else if (cause === 'fallback' && of) {
          fixes.push(
            fix(`Replace the value with an explicit origin (${PLACEHOLDER_ORIGIN})`, [replaceValue(of.value, PLACEHOLDER_ORIGIN)], false),
          );
        } else if (cause === 'default') {
          const add = p.profile.addSetting(ctx.text, p, 'origin', PLACEHOLDER_ORIGIN);
          if (add) fixes.push(fix(`Add ${p.profile.settings.origin}: ${add.shown}`, [add.edit], false));
        }
        ctx.report({
          range: anyOriginRange(p),
          messageId: cause,
          data: { setting: q(originSettingName(p)) },
          message: `${effect(p)}.${howAny(p)} List the origins that need access instead.`,
          fixes,
          related: cause === 'written' ? maskedProblems(p, ctx) : [],
          cause: cause === 'fallback' && of ? { ruleId: 'invalid-origin', range: of.value.range, messageId: 'becauseInvalid' } : undefined,
        });
      },
    };
  },
});
