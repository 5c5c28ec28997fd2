/**
 * Hovers on CORS annotation keys and values: what the annotation does, the ingress-nginx default, and
 * the value the controller really uses (with the reason when it differs). On `enable-cors`: the whole
 * effective policy and the preflight response each allowed origin gets.
 *
 * On manifests: manifestHover.ts.
 */
import {
  codeSpan,
  simulate,
  NOT_ACCESS_CONTROL,
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

const code = codeSpan;

export function humanSeconds(n: number): string {
  if (n > 0 && n % 86400 === 0) return `${n / 86400} day${n === 86400 ? '' : 's'}`;
  if (n > 0 && n % 3600 === 0) return `${n / 3600} hour${n === 3600 ? '' : 's'}`;
  if (n > 0 && n % 60 === 0) return `${n / 60} minute${n === 60 ? '' : 's'}`;
  return `${n} s`;
}

export function within(offset: number, r: { start: number; end: number }): boolean {
  return offset >= r.start && offset <= r.end;
}

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

/** What a hover needs from the analysis besides the policy: line numbers and the release-rejecting findings. */
interface HoverContext {
  lineOf: (offset: number) => number;
  /** A finding that says the API server rejects the release (then nothing is "on"), as `rule-id`. */
  rejectedBy?: string;
}

/** Findings whose configuration never reaches the controller: the API server rejects the release. */
const REJECTING = new Set(['annotation-value-not-string', 'ingress-class-conflict']);

export function hoverContext(a: Analysis): HoverContext {
  const rejected = a.findings.find((f) => REJECTING.has(f.ruleId) && f.severity === 'error');
  return { lineOf: (o) => a.lines.position(o).line + 1, rejectedBy: rejected?.ruleId };
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

function exampleOrigin(m: OriginMatcher): string | undefined {
  if (m.kind === 'wildcard-subdomain') return m.value.replace('*.', 'app.');
  if (m.kind === 'regex') return undefined;
  // A prefix that is not a whole origin yet: complete it to one it matches.
  if (m.kind === 'prefix' && !/^[a-z][a-z0-9+.-]*:\/\/[^/]+\.[a-z]{2,}(:\d+)?$/i.test(m.value))
    return m.value.replace(/[.]$/, '') + (m.value.endsWith('.') ? '.example.com' : 'app.example.com');
  return m.value;
}

/** The effective policy as a table, and the preflight response each allowed origin gets. */
/**
 * The effective policy table and the simulated preflight of (at most `simulated`) allowed origins. `lineOf` turns
 * the From column's "written" into the line (`line 7`, as `vcluster-cors policy` says it).
 */
export function policyMarkdown(p: EffectivePolicy, lineOf?: (offset: number) => number, simulated = 5): string {
  const f = p.fields;
  const name = p.profile.title;
  // The ingress-nginx template always sends methods and headers; its CORS has a switch of its own (`enable-cors`).
  const nginx = p.profile.responder === 'nginx-template';
  const src = (k: keyof EffectivePolicy['fields']) => {
    const field = f[k];
    return field ? (lineOf ? `line ${lineOf(field.keyRange.start)}` : 'written') : 'default';
  };
  const any = p.origins.length === 1 && p.origins[0].kind === 'any';
  const originText = (o: OriginMatcher) => (o.kind === 'prefix' || o.kind === 'regex' ? `${o.kind} ${code(o.value)}` : code(o.value));
  const defaultMaxAge = p.profile.defaultMaxAge;
  const rows: [string, string, string][] = [
    ['CORS', p.enabled ? 'on' : 'off', nginx ? (p.configured && !p.enabled ? 'configured, but not in effect' : src('enable')) : 'written'],
    ['Allowed origins', p.origins.length === 0 ? 'none' : any ? '`*` (any)' : p.origins.map(originText).join(', '), src('origin')],
    ['Access-Control-Allow-Origin', p.acaoMode === 'literal-star' ? '`*`' : 'the request Origin, echoed', src('origin')],
    ['Credentials', p.allowCredentials ? '`true`' : '`false`', src('credentials')],
    ['Methods', p.allowMethods || nginx ? code(p.allowMethods) : 'not sent', src('methods')],
    ['Headers', p.allowHeaders || nginx ? code(p.allowHeaders) : 'not sent', src('headers')],
    ['Expose headers', p.exposeHeaders ? code(p.exposeHeaders) : 'not sent', src('expose')],
    [
      'Max-Age',
      p.maxAge === null
        ? 'not sent'
        : `\`${p.maxAge}\` (${humanSeconds(p.maxAge)}${!f.maxAge && p.maxAge === defaultMaxAge ? `, the ${name} default` : ''})`,
      src('maxAge'),
    ],
    ['Vary: Origin', p.varyOrigin ? 'sent' : 'not sent', f.vary ? src('vary') : name],
    ['Preflight (OPTIONS)', `answered by ${name} with ${p.preflightStatus}`, name],
  ];
  const title = nginx ? `**Effective CORS policy** (${name})` : `**Effective CORS policy** (${name}, ${code(p.source)})`;
  const out = [title, '', '| Setting | Effective | From |', '| --- | --- | --- |'];
  for (const [a, b, c] of rows) out.push(`| ${a} | ${b.replace(/\|/g, '\\|')} | ${c} |`);
  out.push('');
  if (!p.enabled) {
    out.push(`**Preflight responses:** none — ${name} sends no CORS headers, so browsers block cross-origin reads.`);
    return out.join('\n');
  }
  out.push(
    '**Preflight responses** for a typical dashboard call: `fetch(url, {credentials: "include"})`, `GET`, `Authorization: Bearer …`',
    '',
  );
  const shown = any ? [p.origins[0]] : p.origins.slice(0, simulated);
  for (const m of shown) {
    const origin = any ? 'https://any.example' : exampleOrigin(m);
    if (origin === undefined) {
      out.push(`From an origin matching ${originText(m)}: not simulated (write a concrete origin to see the exchange).`, '');
      continue;
    }
    const sim = simulate(p, { origin, method: 'GET', headers: ['Authorization'], credentials: true });
    const resp = sim.preflightResponse;
    const lines: string[] = [];
    if (resp) {
      lines.push(
        `HTTP/1.1 ${resp.status === 'backend' ? '(passed on to the backend)' : resp.status === 204 ? '204 No Content' : resp.status === 200 ? '200 OK' : resp.status}`,
      );
      for (const [k, v] of Object.entries(resp.headers)) lines.push(`${k}: ${v}`);
    }
    const label = any
      ? 'From any origin'
      : m.kind === 'wildcard-subdomain' || (m.kind === 'prefix' && origin !== m.value)
        ? `From ${code(origin)} (matches ${originText(m)})`
        : `From ${code(origin)}`;
    out.push(`${label}:`, '');
    if (lines.length) out.push('```http', ...lines, '```', '');
    const verdict = sim.verdict === 'allowed' ? '✅ allowed' : '⛔ blocked';
    const today = sim.browserVerdict !== sim.verdict ? ` (browsers today: ${sim.browserVerdict})` : '';
    out.push(`Browser verdict: **${verdict}**${today} — ${sim.reason.replace(/[.]?$/, '.')}`, '');
  }
  if (!any && p.origins.length > shown.length)
    out.push(`…and ${p.origins.length - shown.length} more origin(s): \`vcluster-cors simulate FILE --origin …\` shows each.`, '');
  out.push(`_${NOT_ACCESS_CONTROL}_`);
  return out.join('\n').trimEnd();
}
