import { defineRule, type RuleContext } from './rule';
import { q } from './_shared';
import { fix } from '../fix/edits';
import type { EffectivePolicy, Fix, Range } from '../types';
import { appendsHeader, type HandHeader, type HandwrittenCors } from '../policy/handwritten/types';
import { isCorsHeader } from '../policy/handwritten/collect';
import type { TextLike } from '../util/pieceText';

const ACAO = 'access-control-allow-origin';
const isAcao = (h: HandHeader) => h.name.toLowerCase() === ACAO && h.level !== 'other';

/** ` always` before the directive's `;`, when the directive's range in the file is exact. */
function alwaysFix(text: TextLike, h: HandHeader): Fix[] {
  const end = h.range.end - 1;
  if (text.charCodeAt(end) !== 59 /* ; */ || h.range.end - h.range.start > 2000 || !text.slice(h.range.start, end).startsWith('add_header'))
    return [];
  return [fix('Add `always` (send the header on error responses too)', [{ start: end, end, newText: ' always' }], true)];
}

/** The native annotations that replace a hand-written policy (ingress-nginx). */
function nativeAnnotations(p: EffectivePolicy): string {
  const listed = p.origins.every((m) => m.kind === 'exact' || m.kind === 'null') && p.origins.length > 0;
  const lines = [
    `enable-cors: "true"`,
    `cors-allow-origin: "${listed ? p.origins.map((m) => m.value).join(', ') : 'https://dashboard.example.com'}"`,
  ];
  lines.push(`cors-allow-credentials: "${String(p.allowCredentials)}"`);
  if (p.allowMethods) lines.push(`cors-allow-methods: "${p.allowMethods}"`);
  if (p.allowHeaders) lines.push(`cors-allow-headers: "${p.allowHeaders}"`);
  return lines.map((l) => `\`nginx.ingress.kubernetes.io/${l}\``).join(', ');
}

function duplicates(ctx: RuleContext, acao: HandHeader[], hw: HandwrittenCors, p: EffectivePolicy): void {
  const r0 = (hs: HandHeader[]): Range => hs[hs.length - 1].range;
  const adds = acao.filter(appendsHeader);
  for (const level of ['server', 'location'] as const) {
    const same = adds.filter((h) => h.level === level);
    // A `set` of the same header before an `add` is one more line (Istio, Gateway API).
    const setToo = same.length > 0 && acao.some((h) => h.level === level && h.directive === 'set');
    const lines = same.length + (setToo ? 1 : 0);
    if (lines < 2) continue;
    const d = same[0].directive;
    ctx.report({
      range: r0(same),
      messageId: 'twice',
      severity: 'error',
      message:
        d === 'add_header'
          ? `${same.length} \`add_header Access-Control-Allow-Origin\` directives apply to the same responses; \`add_header\` appends, so the response carries the header ${same.length} times and browsers refuse it ("multiple values").`
          : `Access-Control-Allow-Origin is written ${lines} times in ${same[0].via.replace(/\.[a-z]+$/, '')}; \`${d}\` appends another header line, so the response carries it ${lines} times and browsers refuse it ("multiple values").`,
    });
  }
  if (hw.native && acao.length > 0) {
    const added = acao.find(appendsHeader);
    const keep = "Keep one of the two: the controller's CORS settings, or the hand-written headers.";
    if (added && !hw.nativeWins)
      ctx.report({
        range: added.range,
        messageId: 'native',
        severity: 'error',
        message: `${p.profile.Name}'s own CORS is on and ${added.via} writes Access-Control-Allow-Origin too: \`${added.directive}\` appends a second header next to the controller's, and browsers refuse a response with two values. ${keep}`,
      });
    else
      ctx.report({
        range: acao[0].range,
        messageId: 'nativeOverwrite',
        message: `${p.profile.Name}'s own CORS is on and ${acao[0].via} sets Access-Control-Allow-Origin too. ${hw.nativeWins ?? "With ingress-nginx, the controller's value wins for the origins it allows and the hand-written one is sent to every other origin, so the policy shown is not the whole story."} ${keep}`,
      });
  }
}

function shadowed(ctx: RuleContext, hw: HandwrittenCors): void {
  const locationAdd = hw.headers.find((h) => h.directive === 'add_header' && h.level === 'location');
  if (!locationAdd) return;
  for (const h of hw.headers) {
    if (h.directive !== 'add_header' || h.level !== 'server' || !isCorsHeader(h.name)) continue;
    ctx.report({
      range: h.range,
      messageId: 'shadowed',
      related: [{ range: locationAdd.range, message: 'this location-level add_header hides the server-level ones' }],
      message: `nginx inherits \`add_header\` from the server level only into locations that have no \`add_header\` of their own, and the ${locationAdd.via} adds ${q(locationAdd.name)}: ${q(h.name)} is not sent on this Ingress's paths. Use \`more_set_headers\`, which is not hidden this way, or write the header in the configuration-snippet.`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'manual-cors-headers',
    defaultSeverity: 'warning',
    description: 'CORS headers written by hand (snippets, custom headers) that do not do what they seem to.',
    fixable: 'safe',
    docs: {
      summary:
        'hand-written CORS headers: two `Access-Control-Allow-Origin` values, `add_header` without `always` or hidden by another level, a `*` inside an origin, snippets the controller ignores',
      fix: '`add_header … always`',
      severity: 'error for two origin values and `*` inside an origin, warning otherwise',
    },
    kind: 'syntax',
    messages: {
      list: 'Several origins in one Access-Control-Allow-Origin: browsers accept exactly one and block all.',
      twice: 'Access-Control-Allow-Origin is sent twice: browsers reject the response.',
      native: 'Access-Control-Allow-Origin is written by hand and by the controller: two values, browsers block.',
      nativeOverwrite: 'Access-Control-Allow-Origin is set by hand and by the controller: one overwrites the other.',
      wildcard: '{{value}} is sent literally: `*` inside an origin matches no browser origin.',
      noAlways: '`add_header` without `always`: the CORS header vanishes on 4xx/5xx, a CORS error hides the status.',
      shadowed: 'This server-snippet `add_header` is dropped: the location has `add_header` of its own.',
      snippetsOff: 'Snippets are ignored unless the controller allows them: this CORS may never be sent.',
    },
  },
  create(ctx) {
    return {
      target(_t, p) {
        const hw = p.handwritten;
        if (!hw) return;
        const acao = hw.headers.filter(isAcao);
        for (const h of acao) {
          const v = h.value.trim();
          if (!h.echo && v.split(/[\s,]+/).filter((x) => x !== '').length > 1)
            ctx.report({
              range: h.valueRange,
              messageId: 'list',
              severity: 'error',
              message: `${h.via} sends ${q(v)}. The browser compares the whole header with the page's origin, so a list never matches: send one origin, chosen from the request's \`Origin\`. ${p.profile.nativeOrigins.several}`,
            });
          else if (!h.echo && v !== '*' && v.includes('*'))
            ctx.report({
              range: h.valueRange,
              messageId: 'wildcard',
              data: { value: q(v) },
              severity: 'error',
              message: `${h.via} sends ${q(v)} as it is; browsers compare it character for character with the page's origin, and no origin contains a \`*\`. ${p.profile.nativeOrigins.subdomains}`,
            });
        }
        duplicates(ctx, acao, hw, p);
        for (const h of hw.headers) {
          if (h.directive !== 'add_header' || h.always || h.level === 'other' || !isCorsHeader(h.name)) continue;
          ctx.report({
            range: h.range,
            messageId: 'noAlways',
            message: `nginx's \`add_header\` only sends ${q(h.name)} on 200, 201, 204, 206, 301–304, 307 and 308 unless \`always\` is given. On a 401, 403, 404 or 5xx the browser then sees no CORS header and reports a CORS error instead of the real status.`,
            fixes: alwaysFix(ctx.text, h),
          });
        }
        shadowed(ctx, hw);
        if (hw.ignoredWhy) {
          const s = hw.sources[0];
          const replace =
            p.handwritten && !hw.native ? ` Better, replace the snippet with the native annotations: ${nativeAnnotations(p)}.` : '';
          ctx.report({
            range: s.keyRange,
            messageId: 'snippetsOff',
            message: `${hw.ignoredWhy.replace(/\.$/, '')}. To keep the snippet, the controller needs \`allow-snippet-annotations: "true"\` and \`annotations-risk-level: Critical\` in its ConfigMap (Helm: \`controller.allowSnippetAnnotations: true\`, \`controller.config.annotations-risk-level: Critical\`).${replace}`,
          });
        }
      },
    };
  },
});
