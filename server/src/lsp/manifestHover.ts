/**
 * Hovers on manifests (Traefik Middleware, Istio VirtualService, Gateway API HTTPRoute, the Envoy family, Kong,
 * APISIX, HAProxy): on the CORS fields, their items and the block key, with the field's meaning in that controller
 * and the object's effective policy.
 */
import {
  codeSpan,
  humanSeconds,
  PROFILES,
  type EffectivePolicy,
  type IngressNginxTarget,
  type ManifestField,
  type OriginMatcher,
  type PolicyField,
  type Range,
  type Target,
} from '../engine/index';
import { MarkupKind } from 'vscode-languageserver/node';
import type { Hover } from 'vscode-languageserver/node';
import type { Analysis } from './analysis';
import { AUTH_NOTE } from './annotationDocs';
import { toLspRange } from './diagnostics';
import { hoverContext, within } from './hoverContext';
import { policyMarkdown } from './policyMarkdown';
import { fieldDoc, fieldMarkdown, originMatcherDoc } from './manifestDocs';

const code = codeSpan;

type ManifestTarget = Exclude<Target, IngressNginxTarget>;

/** Which policy field a manifest field sets. */
const FIELD_OF: Record<string, PolicyField> = {
  accessControlAllowOriginList: 'origin',
  accessControlAllowOriginListRegex: 'origin',
  accessControlAllowCredentials: 'credentials',
  accessControlAllowMethods: 'methods',
  accessControlAllowHeaders: 'headers',
  accessControlExposeHeaders: 'expose',
  accessControlMaxAge: 'maxAge',
  addVaryHeader: 'vary',
  allowOrigins: 'origin',
  allowOrigin: 'origin',
  allowCredentials: 'credentials',
  allowMethods: 'methods',
  allowHeaders: 'headers',
  exposeHeaders: 'expose',
  maxAge: 'maxAge',
  // Emissary-ingress, Kong, APISIX and the HAProxy annotations (names without prefix).
  ...Object.fromEntries([
    ['origins', 'origin'],
    ['credentials', 'credentials'],
    ['methods', 'methods'],
    ['headers', 'headers'],
    ['exposed_headers', 'expose'],
    ['max_age', 'maxAge'],
    ['allow_origins', 'origin'],
    ['allow_origins_by_regex', 'origin'],
    ['allow_credential', 'credentials'],
    ['allow_methods', 'methods'],
    ['allow_headers', 'headers'],
    ['expose_headers', 'expose'],
    ['cors-allow-origin', 'origin'],
    ['cors-allow-origin-regex', 'origin'],
    ['cors-allow-credentials', 'credentials'],
    ['cors-allow-methods', 'methods'],
    ['cors-allow-headers', 'headers'],
    ['cors-expose-headers', 'expose'],
    ['cors-max-age', 'maxAge'],
  ] as const),
};

function manifestEffective(p: EffectivePolicy, field: PolicyField): string | undefined {
  switch (field) {
    case 'origin':
      if (p.origins.length === 0) return 'no origin — no `Access-Control-Allow-Origin` is sent';
      if (p.origins.length === 1 && p.origins[0].kind === 'any')
        return p.acaoMode === 'echo' ? 'any origin, echoed in `Access-Control-Allow-Origin`' : '`*` — any origin';
      return p.origins.map((o) => code(o.value)).join(', ');
    case 'credentials':
      return p.allowCredentials ? '`true` — credentialed requests allowed' : '`false`';
    case 'methods':
      return p.allowMethods ? code(p.allowMethods) : 'not sent';
    case 'headers':
      return p.allowHeaders ? code(p.allowHeaders) : 'not sent';
    case 'expose':
      return p.exposeHeaders ? code(p.exposeHeaders) : 'not sent';
    case 'maxAge':
      return p.maxAge === null ? 'not sent' : `\`${p.maxAge}\` (${humanSeconds(p.maxAge)})`;
    case 'vary':
      return p.varyOrigin ? '`Vary: Origin` sent' : '`Vary: Origin` not sent';
    default:
      return undefined;
  }
}

function manifestOriginNote(p: EffectivePolicy, m: OriginMatcher, name: string): string {
  const how = m.kind === 'prefix' || m.kind === 'regex' ? `${m.kind} ${code(m.value)}` : code(m.value);
  if (!p.origins.includes(m)) {
    const star = p.origins.find((o) => o.kind === 'any');
    return `**Origin ${how}:** ${star ? 'has no effect, `*` already allows every origin' : `not used by ${name}`}.`;
  }
  if (m.kind === 'any') {
    return p.acaoMode === 'echo'
      ? `**Origin ${how}:** allows every origin; ${name} echoes the request Origin${p.allowCredentials ? ' **with credentials** — any website can make credentialed requests' : ''}.`
      : `**Origin ${how}:** allows every origin; ${name} sends \`Access-Control-Allow-Origin: *\`.`;
  }
  const kind =
    m.kind === 'wildcard-subdomain' ? ' (wildcard)' : m.kind === 'regex' ? ' (regular expression)' : m.kind === 'prefix' ? ' (prefix)' : '';
  return `**Origin ${how}:** allowed${kind}; ${name} echoes it in \`Access-Control-Allow-Origin\`.`;
}

export function manifestHover(a: Analysis, p: EffectivePolicy, t: ManifestTarget, offset: number): Hover | null {
  const controller = t.kind;
  const name = PROFILES[controller].title;
  const hit = (r: Range) => r.end > r.start && within(offset, r);
  let field: ManifestField | undefined;
  let onKey = false;
  for (const f of t.fields.values()) {
    if (within(offset, f.keyRange)) {
      field = f;
      onKey = true;
      break;
    }
    if (hit(f.value.range)) field = f;
  }
  if (!field) {
    if (!within(offset, t.anchor)) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: policyMarkdown(p, hoverContext(a).lineOf) },
      range: toLspRange(a.lines, t.anchor),
    };
  }
  // An origin item: its value, or (Istio) the `exact:` / `prefix:` / `regex:` key on the same line.
  let origin: OriginMatcher | undefined;
  if (!onKey) {
    origin = p.writtenOrigins.find((m) => m.field && m.field.keyRange.start === field.keyRange.start && hit(m.range));
    if (!origin) {
      const line = a.lines.position(offset).line;
      origin = p.writtenOrigins.find(
        (m) => m.field && m.field.keyRange.start === field.keyRange.start && a.lines.position(m.range.start).line === line,
      );
    }
  }
  const doc = fieldDoc(controller, field.name);
  const parts: string[] = [];
  if (doc) parts.push(fieldMarkdown(controller, doc));
  else parts.push(`**\`${field.name}\`** — ${name}`);
  parts.push('', '---', '');
  if (origin) {
    const matcher = originMatcherDoc(controller, origin.field?.label.slice(origin.field.label.lastIndexOf('.') + 1) ?? '');
    if (matcher) parts.push(matcher, '');
    parts.push(manifestOriginNote(p, origin, name), '');
  }
  const pf = FIELD_OF[field.name];
  const eff = pf ? manifestEffective(p, pf) : undefined;
  if (eff) parts.push(`**Effective value:** ${eff}`);
  const notes = p.notes.filter(
    (n) =>
      n.includes(field.name) ||
      (origin !== undefined && n.includes(origin.value)) ||
      (pf === 'origin' && /origin/i.test(n) && !/^(accessControl|allow(Credentials|Methods|Headers)|exposeHeaders|maxAge)/.test(n)),
  );
  if (notes.length > 0) parts.push('', '**Why:**', ...notes.map((n) => `- ${n}`));
  parts.push('', '---', '', policyMarkdown(p, hoverContext(a).lineOf), '', '---', '', `_${AUTH_NOTE}_`);
  const range = onKey ? field.keyRange : origin && hit(origin.range) ? origin.range : field.value.range;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n') }, range: toLspRange(a.lines, range) };
}
