import { defineRule, type ReportDescriptor, type RuleContext } from './rule';
import { q, annotation } from './_shared';
import { fix, replaceValue } from '../fix/edits';
import { ingressNginxDetails, entryRange } from '../policy/ingressNginx';
import { CORS_ORIGIN_REGEX, matchesOriginValidator, type OriginOutcome } from '../policy/ingressNginxModel';
import { splitOrigin } from '../policy/origins';
import type { AnnotationEntry, EffectivePolicy, FieldRef, Fix } from '../types';
import { replaceOriginFix } from '../fix/origins';

/** Why one entry is not an origin ingress-nginx can use (undefined: it is fine). */
export function entryProblem(v: string): string | undefined {
  // Only reached for vCluster Platform values (elsewhere an action is unknown until rendered): the chart
  // writes ingress.annotations with toYaml and no tpl, so the action reaches ingress-nginx as written.
  if (/\{\{[\s\S]*\}\}/.test(v))
    return `${q(v)} holds \`{{ }}\`, and Helm does not render \`{{ }}\` inside these values (the chart uses toYaml, not tpl)`;
  if (/["']/.test(v)) return `${q(v)} contains quote characters`;
  if (/[;\s]/.test(v.trim()))
    return `${q(v)} separates origins with ${/;/.test(v) ? 'semicolons' : 'spaces'}, but ingress-nginx only splits on commas`;
  const p = splitOrigin(v);
  if (!p) {
    if (/^[A-Za-z0-9.*-]+(:\d+)?$/.test(v)) return `${q(v)} has no scheme (write ${q('https://' + v)})`;
    return `${q(v)} is not of the form ${q('scheme://host[:port]')}`;
  }
  if (p.rest === '/') return `${q(v)} has a trailing slash (browsers send the origin without one)`;
  if (p.rest !== '') return `${q(v)} has a path, query or fragment (${q(p.rest)}); an origin is only scheme://host[:port]`;
  if (p.scheme !== p.scheme.toLowerCase()) return `${q(v)} has an upper-case scheme (ingress-nginx accepts only lower-case schemes)`;
  if (!/^[a-z]+$/.test(p.scheme)) return `${q(v)} has a scheme with characters other than letters`;
  if (p.host.startsWith('[')) return `${q(v)} is an IPv6 literal, which ingress-nginx cannot express`;
  if (p.host.includes('_')) return `${q(v)} has \`_\` in the host name`;
  if (p.host.includes('*') && !/^\*\.[^*]*$/.test(p.host)) return `${q(v)} has \`*\` in a place other than a leading \`*.\` label`;
  if (p.port !== undefined && !/^\d+$/.test(p.port)) return `${q(v)} has a port that is not a number`;
  if (!/^(\*\.)?[A-Za-z0-9.-]*$/.test(p.host)) return `${q(v)} has characters that are not allowed in a host name`;
  if (CORS_ORIGIN_REGEX.test(v)) return undefined;
  return `${q(v)} is not accepted by ingress-nginx`;
}

/** Best-effort repair of a whole origin list: separators, quotes, paths, scheme case, block scalars. */
export function repairOriginList(raw: string): string | undefined {
  const parts = raw
    .split(/[,;\s]+/)
    .map((s) => s.replace(/^["']+|["']+$/g, ''))
    .filter((s) => s !== '');
  const out: string[] = [];
  for (const s of parts) {
    const p = splitOrigin(s);
    if (s === '*' || s === 'null') {
      out.push(s);
      continue;
    }
    if (!p) return undefined;
    const origin = `${p.scheme.toLowerCase()}://${p.host}${p.port !== undefined ? ':' + p.port : ''}`;
    if (!CORS_ORIGIN_REGEX.test(origin)) return undefined;
    if (!out.includes(origin)) out.push(origin);
  }
  return out.length ? out.join(', ') : undefined;
}

/**
 * v1.0.5–v1.9.4 (docs/reference/controller-versions.md): the empty last entry of a trailing comma becomes an empty
 * regex alternative, which matches every origin.
 */
function emptyEntryReport(entry: AnnotationEntry, field: FieldRef, policy: EffectivePolicy): ReportDescriptor {
  const raw = entry.value.text;
  const at = raw.lastIndexOf(',');
  const cleaned = raw.slice(0, at) + raw.slice(at + 1);
  return {
    range: entryRange(field, at, 1),
    messageId: 'emptyEntry',
    data: { version: `v${policy.controllerVersion?.text ?? '?'}` },
    message:
      'cors-allow-origin ends with an empty entry. Before v1.9.5 (PR kubernetes/ingress-nginx#10616) ingress-nginx joins the entries ' +
      'into one regex with an empty last alternative, which matches every origin, and echoes the Origin with the credentials setting. Remove the comma.',
    fixes: [fix('Remove the trailing comma', [replaceValue(entry.value, cleaned.trimEnd())])],
  };
}

/** Where a report goes and how the list is repaired (shared by the two report steps). */
interface Site {
  ctx: RuleContext;
  entry: AnnotationEntry;
  field: FieldRef;
  raw: string;
  /** The repair fix (none when the list cannot be repaired or is already in repaired form). */
  fixes: (current: string) => Fix[];
}

/** The validator rejects the whole value: ingress-nginx allows `*`. One report per bad entry when they are known. */
function reportWholeInvalid({ ctx, entry, field, raw, fixes }: Site, outcome: OriginOutcome, block: boolean): void {
  const pieceProblems = outcome.pieces
    .map((p) => ({
      p,
      why:
        matchesOriginValidator(p.value.split(' ').join('')) && !/\r|\n/.test(p.value)
          ? undefined
          : (entryProblem(p.value) ?? `${q(p.value)} is not accepted`),
    }))
    .filter((x) => x.why);
  const consequence = 'ingress-nginx validates the annotation as a whole, and on failure uses its default `*`';
  if (outcome.reason === 'empty') {
    ctx.report({ range: entry.value.range, messageId: 'wholeInvalid', message: `cors-allow-origin is empty: ${consequence}.`, fixes: [] });
    return;
  }
  if (pieceProblems.length === 0 || /[\r\n]/.test(raw)) {
    const why = /[\r\n]/.test(raw)
      ? block
        ? 'is a block scalar that keeps a line break'
        : 'contains a line break'
      : 'does not pass ingress-nginx validation';
    ctx.report({
      range: entry.value.range,
      messageId: 'wholeInvalid',
      message: `cors-allow-origin ${why}: ${consequence}.`,
      fixes: fixes(raw),
    });
    return;
  }
  for (const { p, why } of pieceProblems) {
    ctx.report({
      range: entryRange(field, p.offset, p.value.length),
      messageId: 'wholeInvalid',
      message: `${why}: ${consequence}.`,
      fixes: fixes(raw),
    });
  }
}

/** List mode: each entry ingress-nginx skips (and the trailing comma of old versions). */
function reportSkipped({ ctx, entry, field, raw, fixes }: Site, outcome: OriginOutcome, policy: EffectivePolicy): void {
  if (outcome.emptyMatchesAll) ctx.report(emptyEntryReport(entry, field, policy));
  const kept = outcome.pieces.filter((p) => p.status === 'kept').length;
  const star = outcome.pieces.some((p) => p.status === 'star');
  for (const p of outcome.pieces) {
    if (p.status !== 'skipped-invalid') continue;
    const why = p.why ? `${q(p.value)}: ${p.why}` : (entryProblem(p.value) ?? `${q(p.value)} is not accepted by ingress-nginx`);
    const consequence =
      kept === 0 && !star
        ? 'ingress-nginx skips it, and with no origin left it sends no CORS headers at all'
        : 'ingress-nginx skips this entry';
    const f = fixes(raw);
    if (f.length === 0 && /^[A-Za-z0-9.-]+(:\d+)?$/.test(p.value)) {
      const m = policy.writtenOrigins[outcome.pieces.indexOf(p)];
      const add = m && replaceOriginFix(policy, m, `https://${p.value}`, `Add the scheme: ${q('https://' + p.value)}`, false);
      if (add) f.push(add);
    }
    ctx.report({
      range: entryRange(field, p.offset, p.value.length),
      messageId: kept === 0 && !star ? 'noneLeft' : 'skipped',
      data: { origin: q(p.value) },
      message: `${why}: ${consequence}.`,
      fixes: f,
    });
  }
}

export default defineRule({
  meta: {
    id: 'invalid-origin',
    defaultSeverity: 'error',
    description:
      'An origin value or entry that ingress-nginx cannot use: the whole list becomes `*`, the entry is dropped, or no origin is left.',
    fixable: 'safe',
    docs: {
      summary: 'an origin ingress-nginx cannot use: whole list → `*`, entry dropped, or no origin left',
      fix: 'rewrites the list',
    },
    kind: 'syntax',
    messages: {
      wholeInvalid: '`cors-allow-origin` is invalid: ingress-nginx rejects the whole value and allows any origin.',
      skipped: 'Unusable origin {{origin}}: ingress-nginx skips this entry.',
      noneLeft: 'Unusable origin {{origin}}: none is left, so no CORS headers are sent.',
      emptyEntry: 'Trailing comma: ingress-nginx {{version}} then allows and echoes every origin.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(target, policy) {
        const entry = annotation(target, 'cors-allow-origin');
        const det = ingressNginxDetails(policy);
        if (!entry || !det) return;
        const field: FieldRef = { keyRange: entry.keyRange, value: entry.value, label: entry.key };
        const raw = entry.value.text;
        const outcome = det.origin;
        // Computed only when something is reported.
        let repairedMemo: string | undefined | null = null;
        const repairedList = () => (repairedMemo === null ? (repairedMemo = repairOriginList(raw)) : repairedMemo);
        const fixes = (current: string) => {
          const repaired = repairedList();
          return repaired !== undefined && repaired !== current
            ? [fix(`Rewrite the origins as ${q(repaired)}`, [replaceValue(entry.value, repaired)])]
            : [];
        };
        const block = entry.value.style === 'BLOCK_LITERAL' || entry.value.style === 'BLOCK_FOLDED';

        const site: Site = { ctx, entry, field, raw, fixes };
        if (outcome.mode === 'whole-invalid') reportWholeInvalid(site, outcome, block);
        else if (outcome.mode === 'list') reportSkipped(site, outcome, policy);
      },
    };
  },
});
