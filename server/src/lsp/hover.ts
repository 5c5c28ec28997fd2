/**
 * Hovers on CORS annotation keys and values: what the annotation does, the ingress-nginx default, and
 * the value the controller really uses (with the reason when it differs). On `enable-cors`: the whole
 * effective policy and the preflight response each allowed origin gets.
 *
 * On manifests: manifestHover.ts.
 */
import {
  codeSpan,
  humanSeconds,
  CORS_SUFFIXES,
  type CorsSuffix,
  ingressNginxDetails,
  entryProblem,
  type AnnotationEntry,
  type EffectivePolicy,
  type IngressNginxTarget,
  type OriginMatcher,
} from '../engine/index';
import { MarkupKind } from 'vscode-languageserver/node';
import type { Hover, Position } from 'vscode-languageserver/node';
import type { Analysis } from './analysis';
import { ANNOTATION_DOCS, AUTH_NOTE } from './annotationDocs';
import { toLspRange } from './diagnostics';
import { manifestHover } from './manifestHover';
import { hoverContext, within, type HoverContext } from './hoverContext';
import { policyMarkdown } from './policyMarkdown';

const code = codeSpan;

export function hover(a: Analysis, position: Position): Hover | null {
  if (!a.validated || !a.result) return null;
  const offset = a.lines.offset(position.line, position.character);
  for (const policy of a.result.policies) {
    const t = policy.target;
    // Settings written as fields of a CORS block (manifests) or as annotations.
    if (!('annotations' in t)) {
      const h = manifestHover(a, policy, t, offset);
      if (h) return h;
      continue;
    }
    for (const entry of t.annotations) {
      const onKey = within(offset, entry.keyRange);
      const onValue = !onKey && entry.value.range.end > entry.value.range.start && within(offset, entry.value.range);
      if (!onKey && !onValue) continue;
      if (!entry.key.startsWith(t.prefix + '/')) continue;
      const suffix = entry.key.slice(t.prefix.length + 1);
      if (!(CORS_SUFFIXES as readonly string[]).includes(suffix)) continue;
      const value = annotationHover(policy, t, entry, suffix as CorsSuffix, onValue ? offset : undefined, hoverContext(a));
      return {
        contents: { kind: MarkupKind.Markdown, value },
        range: toLspRange(a.lines, onKey ? entry.keyRange : entry.value.range),
      };
    }
  }
  return null;
}

/** Notes of the policy that explain `suffix`. */
function notesFor(p: EffectivePolicy, suffix: CorsSuffix): string[] {
  return p.notes.filter((n) => {
    if (n.startsWith('ingress.enabled')) return true;
    if (n.startsWith(suffix + ' ')) return true;
    if (suffix === 'cors-allow-origin')
      return (
        n.startsWith('origin ') ||
        n.startsWith('no usable origin') ||
        n.startsWith('ingress-nginx sends `Access-Control-Allow-Origin') ||
        n.startsWith('ingress-nginx echoes')
      );
    return false;
  });
}

function effectiveOf(p: EffectivePolicy, suffix: CorsSuffix): string {
  switch (suffix) {
    case 'enable-cors':
      return p.configured ? '`true` — CORS is on' : '`false` — CORS is off';
    case 'cors-allow-origin':
      if (p.origins.length === 0) return 'no origin — no CORS headers are sent';
      if (p.origins.length === 1 && p.origins[0].kind === 'any') return '`*` — any origin';
      return p.origins.map((o) => code(o.value)).join(', ');
    case 'cors-allow-credentials':
      return p.allowCredentials ? '`true` — credentialed requests allowed' : '`false`';
    case 'cors-allow-methods':
      return code(p.allowMethods);
    case 'cors-allow-headers':
      return code(p.allowHeaders);
    case 'cors-expose-headers':
      return p.exposeHeaders === '' ? 'none (header not sent)' : code(p.exposeHeaders);
    case 'cors-max-age':
      return p.maxAge === null ? 'not sent' : `\`${p.maxAge}\` (${humanSeconds(p.maxAge)})`;
  }
}

/** Whether ingress-nginx uses the written value as is. */
function acceptedOf(p: EffectivePolicy, suffix: CorsSuffix): boolean | undefined {
  const det = ingressNginxDetails(p);
  if (!det) return undefined;
  switch (suffix) {
    case 'enable-cors':
      return det.enable?.accepted;
    case 'cors-allow-origin':
      return det.origin.mode === 'list' && det.origin.pieces.every((x) => x.status === 'kept' || x.status === 'star');
    case 'cors-allow-credentials':
      return det.credentials?.accepted;
    case 'cors-allow-methods':
      return det.methods?.accepted;
    case 'cors-allow-headers':
      return det.headers?.accepted;
    case 'cors-expose-headers':
      return det.expose?.accepted;
    case 'cors-max-age':
      return det.maxAge?.accepted;
  }
}

/**
 * The hover of an annotation leads with what ingress-nginx does (the effective value; on `enable-cors` the policy
 * table), then why, then the annotation's own docs; the rest is in the docs and `vcluster-cors policy`.
 */
function annotationHover(
  p: EffectivePolicy,
  target: IngressNginxTarget,
  entry: AnnotationEntry,
  suffix: CorsSuffix,
  valueOffset: number | undefined,
  hc: HoverContext,
): string {
  const doc = ANNOTATION_DOCS[suffix];
  const parts: string[] = [`**\`${entry.key.slice(entry.key.lastIndexOf('/') + 1)}\`** — ${doc.summary}`, ''];
  const winner = target.byKey.get(entry.key);
  if (winner && winner !== entry) {
    const where =
      winner.source === entry.source
        ? `a later \`${entry.key.slice(entry.key.lastIndexOf('/') + 1)}\` entry in the same map`
        : `the \`${winner.source}\` entry (rendered later)`;
    parts.push(`**This entry has no effect:** ${where} wins, and ingress-nginx uses its value.`, '');
  }
  const accepted = acceptedOf(p, suffix);
  if (hc.rejectedBy) {
    parts.push(
      `**Effective value:** none yet — the API server rejects the release (see ${hc.rejectedBy}); once it is accepted: ${effectiveOf(p, suffix).replace(' — CORS is on', '')}`,
    );
  } else parts.push(`**Effective value:** ${effectiveOf(p, suffix)}${accepted === false ? ' — not the value as written' : ''}`);
  if (suffix === 'cors-allow-origin' && valueOffset !== undefined) {
    const m = p.writtenOrigins.find(
      (o) => within(valueOffset, o.range) && o.field?.label === entry.key && o.field.keyRange.start === entry.keyRange.start,
    );
    if (m) parts.push('', originEntryNote(p, m));
  }
  const notes = notesFor(p, suffix);
  if (notes.length > 0) parts.push('', '**Why:**', ...notes.map((n) => `- ${n}`));
  if (suffix === 'enable-cors') parts.push('', policyMarkdown(p, hc.lineOf, 1));
  parts.push('', '---', '', doc.meaning, '', `**Default:** ${doc.defaultText} · **Format:** ${doc.format}`, '', `_${AUTH_NOTE}_`);
  return parts.join('\n');
}

function originEntryNote(p: EffectivePolicy, m: OriginMatcher): string {
  const det = ingressNginxDetails(p);
  const piece = det?.origin.pieces[m.index];
  const problem = entryProblem(m.value);
  if (det?.origin.mode === 'whole-invalid') {
    return `**Origin ${code(m.value)}:** ${problem ?? 'the value does not pass ingress-nginx validation'} — ingress-nginx rejects the whole value and falls back to \`*\` (any origin).`;
  }
  switch (piece?.status) {
    case 'skipped-invalid':
      return `**Origin ${code(m.value)}:** ${problem ?? 'not accepted by ingress-nginx'} — ingress-nginx skips this entry.`;
    case 'after-star':
      return `**Origin ${code(m.value)}:** has no effect, \`*\` earlier in the list already allows every origin.`;
    case 'star':
      return '**Origin `*`:** allows every website to read responses.';
    default:
      return `**Origin ${code(m.value)}:** allowed${m.kind === 'wildcard-subdomain' ? ' (matches one subdomain level)' : ''}.`;
  }
}
