import { defineRule } from './rule';
import { q } from './_shared';
import { fix, replaceValue } from '../fix/edits';
import type { EffectivePolicy, Fix, OriginMatcher } from '../types';
import { dotSample, escapeDots, hasTopLevelAlternation, literalOf, missingAnchors, unescapedDots } from './_regex';
import { withCredentials } from './_origins';
import { re2Error } from '../policy/re2';

/**
 * The regex entries of a policy (Traefik accessControlAllowOriginListRegex, Istio `regex:` matchers). A regex
 * that matches `*` (Istio `.*`) is an any-origin matcher, reported by wildcard-origin.
 */
function regexEntries(p: EffectivePolicy): OriginMatcher[] {
  if (p.profile.origins.regex.match === 'none') return [];
  return p.writtenOrigins.filter((m) => m.kind === 'regex');
}

/** Anchoring is safe when the regex clearly describes a whole origin: it starts with a scheme. */
function startsWithScheme(re: string): boolean {
  return /^\^?(https?|\(https?\)|https\?|\(https\|http\)|\(http\|https\))(:|\\:)\/\//.test(re) || /^\^?https\?:\/\//.test(re);
}

export default defineRule({
  meta: {
    id: 'unanchored-origin-regex',
    defaultSeverity: 'error',
    description:
      'An origin regex lets foreign origins through: a Traefik regex not anchored with `^…$` (Go `MatchString` accepts any origin that contains a match), or an unescaped `.` (Traefik and Istio).',
    fixable: 'safe',
    docs: {
      controllers: 'those with origin regexes (Traefik, Istio)',
      summary: "a Traefik origin regex without `^…$` (Go's `MatchString` finds it anywhere), or an unescaped `.` in a Traefik/Istio regex",
      fix: 'when the regex starts with a scheme; otherwise unsafe',
    },
    kind: 'semantic',
    messages: {
      unanchored: 'Origin regex {{regex}} is not anchored: origins that contain a match pass.',
      dots: 'Origin regex {{regex}} has an unescaped `.`: it matches any character.',
    },
  },
  create(ctx) {
    return {
      target(_t, p) {
        for (const m of regexEntries(p)) {
          const re = m.value;
          if (re2Error(re) !== undefined) continue; // schema reports regexes that do not compile
          const dots = unescapedDots(re);
          const matching = p.profile.origins.regex;
          const anchors = matching.match === 'contains' ? missingAnchors(re) : { start: false, end: false };
          if (!anchors.start && !anchors.end && dots.length === 0) continue;
          const problems: string[] = [];
          const alternation = hasTopLevelAlternation(re);
          if (anchors.start || anchors.end) {
            const lit = literalOf(escapeDots(re, dots));
            const which = anchors.start && anchors.end ? '`^…$`' : anchors.start ? '`^`' : '`$`';
            const sample = anchors.end && lit !== undefined ? `, so ${q(lit + '.evil.io')} is allowed too` : '';
            problems.push(
              `${p.profile.Name} matches origin regexes with ${matching.match === 'contains' ? matching.engine : 'a search'}, which allows any origin that contains a match${sample}: add ${which}`,
            );
          }
          if (dots.length > 0) {
            const sample = dotSample(re, dots);
            problems.push(
              `escape ${dots.length === 1 ? 'its `.`' : `its ${dots.length} dots`} as \`\\.\`${sample ? ` (unescaped, ${q(sample)} is allowed too)` : ''}`,
            );
          }
          // Escaping the dots first keeps the offsets of `re` valid.
          const escaped = escapeDots(re, dots);
          let fixed: string;
          if (anchors.start || anchors.end) {
            if (alternation) fixed = `^(?:${escaped.replace(/^\^/, '').replace(/\$$/, '')})$`;
            else fixed = (anchors.start ? '^' : '') + escaped + (anchors.end ? '$' : '');
          } else fixed = escaped;
          const fixes: Fix[] = [];
          const title =
            anchors.start || anchors.end
              ? dots.length
                ? 'Anchor the regex and escape its dots'
                : 'Anchor the regex with ^…$'
              : 'Escape the dots';
          // Escaping label dots only narrows the regex to what was meant. Anchoring is safe when the regex
          // starts with a scheme (it describes a whole origin); otherwise it may rely on matching a part.
          const safe = !(anchors.start || anchors.end) || startsWithScheme(re);
          if (m.field) fixes.push(fix(`${title}: ${q(fixed)}`, [replaceValue(m.field.value, fixed)], safe));
          const text = problems.join('; ');
          const message = `${text.charAt(0).toUpperCase()}${text.slice(1)}. Origins that match get their Origin echoed in \`Access-Control-Allow-Origin\`${withCredentials(p)}.`;
          ctx.report({
            range: m.range,
            messageId: anchors.start || anchors.end ? 'unanchored' : 'dots',
            data: { regex: q(re) },
            message,
            fixes,
          });
        }
      },
    };
  },
});
