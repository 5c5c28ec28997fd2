/**
 * Completion inside `ingress.annotations` / `commonAnnotations` (the CORS annotation keys, their values
 * and a whole-block snippet) and inside `ingress` (the chart's keys). In manifests: the CORS keys of a
 * Traefik `spec.headers`, an Istio `corsPolicy` and a Gateway API `cors` filter (manifestCompletion.ts).
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver/node';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver/node';
import {
  CORS_SUFFIXES,
  type CorsSuffix,
  NGINX_PREFIX,
  type IngressNginxTarget,
  BLOCK_HEADERS,
  BLOCK_MAX_AGE,
  BLOCK_METHODS,
  flat,
} from '../engine/index';
import valuesSchema from '../../../schemas/vcluster-platform-values.schema.json';
import type { Analysis } from './analysis';
import { ANNOTATION_DOCS, annotationMarkdown } from './annotationDocs';
import { toLspRange } from './diagnostics';
import { manifestCompletions } from './manifestCompletion';
import { cursorContext, type CursorContext } from './yamlContext';

export interface CompletionOptions {
  snippets: boolean;
}

interface ValueChoice {
  text: string;
  detail?: string;
  doc?: string;
  /** Snippet form (quoted already when `quoted`). */
  snippet?: string;
}

const BOOL_CHOICES: Record<'enable-cors' | 'cors-allow-credentials', ValueChoice[]> = {
  'enable-cors': [
    { text: 'true', detail: 'CORS on', doc: 'ingress-nginx adds CORS headers and answers preflights (204).' },
    { text: 'false', detail: 'CORS off', doc: 'No CORS headers: browsers block cross-origin reads. Every `cors-*` annotation is ignored.' },
  ],
  'cors-allow-credentials': [
    {
      text: 'false',
      detail: 'no cookies (recommended)',
      doc: "Browsers make cross-origin requests without cookies or HTTP authentication. Use this unless the calling app needs the user's session.",
    },
    {
      text: 'true',
      detail: 'allow cookies',
      doc: "The allowed origins can make requests with the user's cookies. Only with an explicit origin list — never with `*`.",
    },
  ],
};

const METHOD_PRESETS: ValueChoice[] = [
  { text: BLOCK_METHODS, detail: 'read and write' },
  { text: 'GET, POST, OPTIONS', detail: 'read and submit' },
  { text: 'GET, OPTIONS', detail: 'read only' },
];
const METHOD_TOKENS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

const HEADER_PRESETS: ValueChoice[] = [
  { text: BLOCK_HEADERS, detail: 'bearer tokens and JSON bodies' },
  { text: 'Authorization, Content-Type, X-Requested-With', detail: '+ X-Requested-With' },
];
const HEADER_TOKENS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'X-Requested-With',
  'X-Request-Id',
  'Cache-Control',
  'If-None-Match',
  'Range',
];
const EXPOSE_TOKENS = ['X-Request-Id', 'Content-Disposition', 'ETag', 'Location', 'Retry-After', 'Link'];

const MAX_AGE_CHOICES: ValueChoice[] = [
  { text: '600', detail: '10 minutes', doc: "Safari's cap: Safari never caches a preflight longer than this." },
  { text: BLOCK_MAX_AGE, detail: '1 hour (recommended)', doc: 'Few preflights, and CORS changes reach browsers within the hour.' },
  { text: '7200', detail: '2 hours', doc: "Chromium's cap: longer values are cut to 7200 in Chrome and Edge." },
  { text: '0', detail: 'no caching', doc: 'Every cross-origin request is preflighted. Useful while changing the CORS setup.' },
];

type IngressSchema = { properties: Record<string, { markdownDescription?: string; description?: string; default?: unknown }> };
const INGRESS_SCHEMA = (valuesSchema as unknown as { properties: { ingress: IngressSchema } }).properties.ingress;

const INGRESS_KEYS: { key: string; snippet: (child: string) => string; plain: (child: string) => string }[] = [
  { key: 'enabled', snippet: () => 'enabled: ${1|true,false|}', plain: () => 'enabled: true' },
  { key: 'name', snippet: () => 'name: ${1:loft-ingress}', plain: () => 'name: loft-ingress' },
  { key: 'host', snippet: () => 'host: ${1:platform.example.com}', plain: () => 'host: platform.example.com' },
  { key: 'ingressClass', snippet: () => 'ingressClass: ${1:nginx}', plain: () => 'ingressClass: nginx' },
  { key: 'path', snippet: () => 'path: ${1:/}', plain: () => 'path: /' },
  { key: 'labels', snippet: (c) => `labels:\n${c}\${1:key}: "\${2:value}"`, plain: () => 'labels: {}' },
  { key: 'annotations', snippet: (c) => `annotations:\n${c}$0`, plain: () => 'annotations:' },
  {
    key: 'tls',
    snippet: (c) => `tls:\n${c}enabled: \${1|true,false|}\n${c}secret: \${2:loft-tls}`,
    plain: (c) => `tls:\n${c}enabled: true\n${c}secret: loft-tls`,
  },
];

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function snippetEscape(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

function indentStep(a: Analysis): string {
  const m = /\n( +)\S/.exec(flat(a.text));
  return m && m[1].length <= 8 ? m[1] : '  ';
}

/** The ingress-nginx target of the values document the cursor is in. */
function targetAt(a: Analysis, offset: number): IngressNginxTarget | undefined {
  const policies = a.result?.policies ?? [];
  const docs = a.result?.parsed.docs ?? [];
  const docIndex = docs.findIndex((d) => offset >= d.range.start && offset <= d.range.end);
  const targets = policies.map((p) => p.target).filter((t): t is IngressNginxTarget => t.kind === 'ingress-nginx' && !!t.values);
  return targets.find((t) => t.docIndex === docIndex) ?? targets[0];
}

export function completions(a: Analysis, position: Position, opts: CompletionOptions): CompletionList | null {
  if (!a.validated) return null;
  const manifest = manifestCompletions(a.lines, flat(a.text), position, opts.snippets);
  if (manifest) return manifest.length > 0 ? { isIncomplete: false, items: manifest } : null;
  const ctx = cursorContext(a.lines, position.line, position.character);
  if (!ctx) return null;
  const offset = a.lines.offset(position.line, position.character);
  const target = targetAt(a, offset);
  const p = ctx.path.join('.');
  let items: CompletionItem[] = [];
  if (p === 'ingress.annotations' || p === 'commonAnnotations') {
    items = ctx.kind === 'key' ? annotationKeyItems(a, ctx, target, p, opts) : annotationValueItems(a, ctx, target, opts);
  } else if (p === 'ingress') {
    items = ctx.kind === 'key' ? ingressKeyItems(a, ctx, target, opts) : ingressValueItems(a, ctx);
  }
  if (items.length === 0) return null;
  return { isIncomplete: false, items };
}

/* ---------------------------------------------------------------- keys */

function existingKeys(a: Analysis, target: IngressNginxTarget | undefined, path: string, line: number): Set<string> {
  const out = new Set<string>();
  if (!target) return out;
  for (const e of target.annotations) {
    const src = e.source === 'ingress.annotations' ? 'ingress.annotations' : 'commonAnnotations';
    if (src !== path) continue;
    if (a.lines.position(e.keyRange.start).line === line) continue;
    out.add(e.key);
  }
  return out;
}

function annotationKeyItems(
  a: Analysis,
  ctx: CursorContext,
  target: IngressNginxTarget | undefined,
  path: string,
  opts: CompletionOptions,
): CompletionItem[] {
  const prefix = target?.prefix ?? NGINX_PREFIX;
  const existing = existingKeys(a, target, path, ctx.line);
  const range = toLspRange(a.lines, { start: ctx.keyStart, end: ctx.keyEnd });
  const quote = /^["']/.test(ctx.keyPrefix) ? ctx.keyPrefix[0] : '';
  const items: CompletionItem[] = [];
  CORS_SUFFIXES.forEach((suffix, i) => {
    const key = `${prefix}/${suffix}`;
    if (existing.has(key)) return;
    const doc = ANNOTATION_DOCS[suffix];
    const keyText = `${quote}${key}${quote}`;
    let newText: string;
    let format: InsertTextFormat = InsertTextFormat.PlainText;
    if (ctx.hasColon) newText = keyText;
    else if (opts.snippets) {
      newText = `${snippetEscape(keyText)}: "\${1:${snippetEscape(doc.placeholder)}}"`;
      format = InsertTextFormat.Snippet;
    } else newText = `${keyText}: "${doc.placeholder}"`;
    // The short name is the label (a long key is cut in the list); the full key is the detail, the summary opens the
    // documentation (said once).
    items.push({
      label: suffix,
      kind: CompletionItemKind.Property,
      detail: key,
      documentation: markdown(annotationMarkdown(key, doc, false)),
      filterText: keyText,
      sortText: `0${i}`,
      textEdit: { range, newText },
      insertTextFormat: format,
    });
  });
  const hasCors = CORS_SUFFIXES.some((s) => existing.has(`${prefix}/${s}`));
  if (!hasCors && !ctx.hasColon) {
    const indent = ' '.repeat(ctx.indent);
    const entries: [CorsSuffix, string][] = [
      ['enable-cors', 'true'],
      ['cors-allow-origin', 'https://app.example.com'],
      ['cors-allow-methods', BLOCK_METHODS],
      ['cors-allow-headers', BLOCK_HEADERS],
      ['cors-allow-credentials', 'false'],
      ['cors-max-age', BLOCK_MAX_AGE],
    ];
    let n = 0;
    const lines = entries.map(([s, v], i) => {
      const value =
        opts.snippets && i > 0 ? (s === 'cors-allow-credentials' ? `\${${++n}|false,true|}` : `\${${++n}:${snippetEscape(v)}}`) : v;
      return `${i > 0 ? indent : ''}${prefix}/${s}: "${value}"`;
    });
    items.push({
      label: 'CORS annotation block',
      kind: CompletionItemKind.Snippet,
      detail: 'enable-cors with an explicit origin, methods, headers, credentials and max-age',
      documentation: markdown(
        'Inserts a complete, safe ingress-nginx CORS configuration:\n\n```yaml\n' +
          entries.map(([s, v]) => `${prefix}/${s}: "${v}"`).join('\n') +
          '\n```\n\nReplace the origin with the sites that call the Platform API.',
      ),
      filterText: `${prefix}/cors ${ctx.keyPrefix}`,
      sortText: '1',
      textEdit: { range, newText: lines.join('\n') },
      insertTextFormat: opts.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    });
  }
  return items;
}

function ingressKeyItems(
  a: Analysis,
  ctx: CursorContext,
  target: IngressNginxTarget | undefined,
  opts: CompletionOptions,
): CompletionItem[] {
  const present = new Set<string>();
  const map = target?.values?.ingressMap;
  if (map) {
    for (const it of map.items) {
      const k = (it.key as { value?: unknown } | null)?.value;
      const r = (it.key as { range?: [number, number, number] } | null)?.range;
      if (typeof k === 'string' && !(r && a.lines.position(r[0]).line === ctx.line)) present.add(k);
    }
  }
  const range = toLspRange(a.lines, { start: ctx.keyStart, end: ctx.keyEnd });
  const child = ' '.repeat(ctx.indent) + indentStep(a);
  return INGRESS_KEYS.filter((k) => !present.has(k.key)).map((k, i) => {
    const s = INGRESS_SCHEMA.properties[k.key];
    const def = s?.default !== undefined ? `\n\n**Chart default:** \`${JSON.stringify(s.default)}\`` : '';
    const newText = ctx.hasColon ? k.key : opts.snippets ? k.snippet(child) : k.plain(child);
    return {
      label: k.key,
      kind: CompletionItemKind.Property,
      detail: `ingress.${k.key}`,
      documentation: markdown((s?.markdownDescription ?? s?.description ?? '') + def),
      sortText: `0${i}`,
      filterText: k.key,
      textEdit: { range, newText },
      insertTextFormat: !ctx.hasColon && opts.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    };
  });
}

/* -------------------------------------------------------------- values */

function ingressValueItems(a: Analysis, ctx: CursorContext): CompletionItem[] {
  if (ctx.key !== 'enabled') return [];
  const range = toLspRange(a.lines, { start: ctx.valueStart, end: ctx.valueEnd });
  const lead = flat(a.text)[ctx.valueStart - 1] === ':' ? ' ' : '';
  return [
    {
      label: 'true',
      kind: CompletionItemKind.Value,
      detail: 'render the Ingress',
      textEdit: { range, newText: lead + 'true' },
      sortText: '0',
    },
    {
      label: 'false',
      kind: CompletionItemKind.Value,
      detail: 'no Ingress (chart default)',
      textEdit: { range, newText: lead + 'false' },
      sortText: '1',
    },
  ];
}

/** The entry under the cursor in a comma-separated list value: the tokens not written yet. */
function listEntryItems(a: Analysis, ctx: CursorContext, suffix: CorsSuffix): CompletionItem[] {
  const typed = ctx.valuePrefix;
  const cursor = ctx.valueStart + typed.length;
  const lineText = a.text.slice(ctx.valueStart, ctx.valueEnd);
  const tokenStartRel = typed.lastIndexOf(',') + 1;
  let ts = ctx.valueStart + tokenStartRel;
  while (ts < cursor && flat(a.text)[ts] === ' ') ts++;
  let te = cursor;
  while (te < ctx.valueEnd && !/[,"']/.test(flat(a.text)[te])) te++;
  const range = toLspRange(a.lines, { start: ts, end: te });
  const present = new Set(
    lineText
      .replace(/^["']|["']$/g, '')
      .split(',')
      .map((s) => s.trim()),
  );
  const tokens =
    suffix === 'cors-allow-methods'
      ? METHOD_TOKENS
      : suffix === 'cors-allow-headers'
        ? HEADER_TOKENS
        : suffix === 'cors-expose-headers'
          ? EXPOSE_TOKENS
          : originChoices(a).map((c) => c.text);
  return tokens
    .filter((t) => !present.has(t))
    .map((t, i) => ({ label: t, kind: CompletionItemKind.Value, sortText: String(i).padStart(2, '0'), textEdit: { range, newText: t } }));
}

function annotationValueItems(
  a: Analysis,
  ctx: CursorContext,
  target: IngressNginxTarget | undefined,
  opts: CompletionOptions,
): CompletionItem[] {
  const prefix = target?.prefix ?? NGINX_PREFIX;
  const key = ctx.key ?? '';
  if (!key.startsWith(prefix + '/')) return [];
  const suffix = key.slice(prefix.length + 1) as CorsSuffix;
  if (!(CORS_SUFFIXES as readonly string[]).includes(suffix)) return [];
  const whole = { start: ctx.valueStart, end: ctx.valueEnd };
  const wholeRange = toLspRange(a.lines, whole);
  // Completion right after the colon (trigger character `:`): the value needs its separating space.
  const lead = flat(a.text)[ctx.valueStart - 1] === ':' ? ' ' : '';

  // Inside a list after a comma: complete the entry under the cursor.
  const listKey =
    suffix === 'cors-allow-methods' ||
    suffix === 'cors-allow-headers' ||
    suffix === 'cors-expose-headers' ||
    suffix === 'cors-allow-origin';
  if (listKey && ctx.valuePrefix.includes(',')) return listEntryItems(a, ctx, suffix);

  const quoted = (c: ValueChoice, i: number): CompletionItem => {
    const snippet = opts.snippets && c.snippet;
    return {
      label: `"${c.text}"`,
      kind: CompletionItemKind.Value,
      detail: c.detail,
      documentation: c.doc ? markdown(c.doc) : undefined,
      filterText: `"${c.text}"`,
      sortText: String(i).padStart(2, '0'),
      textEdit: { range: wholeRange, newText: lead + (snippet ? `"${c.snippet}"` : `"${c.text}"`) },
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
  };
  switch (suffix) {
    case 'enable-cors':
    case 'cors-allow-credentials':
      return BOOL_CHOICES[suffix].map(quoted);
    case 'cors-allow-methods':
      return METHOD_PRESETS.map(quoted);
    case 'cors-allow-headers':
      return [...HEADER_PRESETS, ...HEADER_TOKENS.map((t) => ({ text: t }))].map(quoted);
    case 'cors-expose-headers':
      return EXPOSE_TOKENS.map((t) => ({ text: t })).map(quoted);
    case 'cors-max-age':
      return MAX_AGE_CHOICES.map(quoted);
    case 'cors-allow-origin':
      return originChoices(a).map(quoted);
  }
  return [];
}

function originChoices(a: Analysis): ValueChoice[] {
  const out: ValueChoice[] = [];
  const seen = new Set<string>();
  const add = (c: ValueChoice) => {
    if (!seen.has(c.text)) {
      seen.add(c.text);
      out.push(c);
    }
  };
  for (const o of a.config.allowedOrigins ?? []) add({ text: o, detail: 'allowedOrigins (.vcluster-cors.yaml)' });
  add({
    text: 'https://',
    detail: 'an origin: scheme://host[:port]',
    snippet: 'https://${1:app.example.com}',
    doc: 'Lower-case scheme, host, optional port — no path and no trailing slash.',
  });
  return out;
}
