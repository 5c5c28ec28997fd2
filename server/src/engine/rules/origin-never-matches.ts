/**
 * origin-never-matches: an allowed origin that no browser `Origin` header can ever equal, because the controller
 * compares the written string character for character (policy.originMatching 'literal': Traefik's list, Istio's
 * `exact:`/`prefix:`) and the entry is not how browsers serialize an origin (`scheme://host[:port]`, lower-case
 * scheme and host, no path, no trailing slash, a concrete host). Browser serialization: docs/reference/browser-cors.md.
 */
import { defineRule } from './rule';
import { q } from './_shared';
import { controllerName } from './_origins';
import { splitOrigin } from '../policy/origins';
import { replaceOriginFix } from '../fix/origins';
import type { EffectivePolicy, Fix, OriginMatcher } from '../types';

interface Problem {
  /** What is wrong, as the first words of the message. */
  what: string;
  /** What the browser sends instead (an origin), when it can be told. */
  sends?: string;
  /** A `*` in the host: browsers send a concrete host, the one shown is an example. */
  star?: boolean;
  /** The entry to write instead, and whether that fix is safe. */
  fix?: { value: string; safe: boolean };
}

function problemOf(m: OriginMatcher): Problem | undefined {
  const v = m.value;
  const p = splitOrigin(v);
  if (m.kind === 'prefix') {
    // A prefix only fails when no origin can start with it: no scheme before a host, or a path after it.
    if (!p)
      return /^[a-z]*:?\/?\/?$/i.test(v) || /^https?:\/\/?$/i.test(v)
        ? undefined
        : { what: `${q(v)} has no scheme`, sends: `https://${v}` };
    return p.rest !== '' ? { what: `${q(v)} has a path`, sends: `${p.scheme}://${p.host}${p.port ? ':' + p.port : ''}` } : undefined;
  }
  if (m.kind !== 'exact') return undefined;
  if (!p) {
    if (/^[A-Za-z0-9.*-]+(:\d+)?$/.test(v))
      return { what: `${q(v)} has no scheme`, sends: `https://${v.toLowerCase()}`, fix: { value: `https://${v}`, safe: false } };
    return { what: `${q(v)} is not an origin (\`scheme://host[:port]\`)` };
  }
  const origin = `${p.scheme}://${p.host}${p.port !== undefined ? ':' + p.port : ''}`;
  if (p.host.includes('*'))
    return {
      what: `${q(v)} has a literal \`*\` in the host`,
      star: true,
      sends: `${p.scheme.toLowerCase()}://${p.host.replace(/\*/g, 'app').toLowerCase()}${p.port !== undefined ? ':' + p.port : ''}`,
    };
  if (p.rest === '/') return { what: `${q(v)} ends with a slash`, sends: origin, fix: { value: origin, safe: true } };
  if (p.rest !== '')
    return { what: `${q(v)} has a path, query or fragment (${q(p.rest)})`, sends: origin, fix: { value: origin, safe: false } };
  if (origin !== origin.toLowerCase())
    return { what: `${q(v)} has upper-case letters`, sends: origin.toLowerCase(), fix: { value: origin.toLowerCase(), safe: true } };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'origin-never-matches',
    defaultSeverity: 'error',
    description:
      "An allowed origin that no browser `Origin` can equal under the controller's literal matching (no scheme, a path or slash, a `*` in the host).",
    fixable: 'safe',
    docs: {
      summary:
        'an origin no browser `Origin` can equal where the controller compares literally (no scheme, a path or slash, a `*` in the host, upper case)',
      fix: 'the origin a browser sends, when there is one',
      controllers: 'Traefik, Istio (`exact:`/`prefix:`), wherever origins compare literally',
    },
    messages: {
      neverMatches: '{{origin}} never equals a browser Origin: this entry allows nothing.',
    },
    kind: 'semantic',
  },
  create(ctx) {
    return {
      policy(p: EffectivePolicy) {
        if (p.originMatching !== 'literal') return;
        for (const m of p.writtenOrigins) {
          const problem = problemOf(m);
          if (!problem) continue;
          const ctl = controllerName(p);
          const sends = problem.sends
            ? ` Browsers send ${problem.star ? 'a concrete host, such as ' : ''}${q('Origin: ' + problem.sends)}${m.kind === 'prefix' ? ', which does not start with it' : ''}.`
            : '';
          const how =
            m.kind === 'prefix'
              ? 'checks that the Origin starts with this string, character for character'
              : 'compares the Origin with this string character for character';
          const advice = problem.fix
            ? `Write ${q(problem.fix.value)}.`
            : problem.star
              ? "List each origin, or use the controller's regular-expression matching."
              : 'Write the origin as `scheme://host[:port]`.';
          const fixes: Fix[] = [];
          if (problem.fix) {
            const f = replaceOriginFix(p, m, problem.fix.value, `Replace with ${q(problem.fix.value)}`, problem.fix.safe);
            if (f) fixes.push(f);
          }
          ctx.report({
            range: m.range,
            messageId: 'neverMatches',
            data: { origin: q(m.value) },
            message: `${problem.what}, and ${ctl} ${how}.${sends} ${advice}`,
            fixes,
          });
        }
      },
    };
  },
});
