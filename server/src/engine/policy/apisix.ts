/**
 * Step 3 (APISIX): the effective policy of a `cors` plugin, as APISIX's plugin answers (apache/apisix
 * apisix/plugins/cors.lua; docs/reference/apisix.md).
 */
import { isScalar } from 'yaml';
import { PROFILES } from './profiles';
import type { EffectivePolicy, ManifestField, OriginKind, OriginMatcher, PluginTarget } from '../types';
import { makeMatcher } from './origins';
import { boolOf, seqItems, seqMatcher, setField } from './manifestFields';
import { q } from '../util/markdown';

/** What `allow_methods: "**"` expands to (cors.lua `set_cors_headers`). */
export const APISIX_ALL_METHODS = 'GET,POST,PUT,DELETE,PATCH,HEAD,OPTIONS,CONNECT,TRACE';
/** `max_age` when not set (schema default). */
export const APISIX_DEFAULT_MAX_AGE = 5;
/** The schema pattern of `allow_origins`. */
export const APISIX_ORIGINS_PATTERN = /^(\*|\*\*|null|\w+:\/\/[^,]+(,\w+:\/\/[^,]+)*)$/;

/** A string setting as APISIX reads it (its schema default when not set). */
export function apisixString(f: ManifestField | undefined, dflt: string | undefined): string | undefined {
  if (!f) return dflt;
  const v = f.pair.value;
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

/** The entries of the comma-separated `allow_origins` string, with their ranges when the scalar maps 1:1. */
function originEntries(f: ManifestField): OriginMatcher[] {
  const text = apisixString(f, '*') ?? '';
  const out: OriginMatcher[] = [];
  let pos = 0;
  for (const part of text.split(',')) {
    const start = f.value.contentStart !== undefined ? f.value.contentStart + pos : f.value.range.start;
    const end = f.value.contentStart !== undefined ? start + part.length : f.value.range.end;
    const kind: OriginKind = part === '**' ? 'any' : part === 'null' ? 'null' : part === '*' ? 'any' : 'exact';
    const m = makeMatcher(part, { start, end }, out.length, { keyRange: f.keyRange, value: f.value, label: f.label }, kind);
    m.container = 'comma-list';
    out.push(m);
    pos += part.length + 1;
  }
  return out;
}

/** Whether the configuration passes `check_schema` (the `*`-with-credentials check and the origin pattern). */
export function apisixSchemaError(t: PluginTarget): string | undefined {
  const F = (n: string) => t.fields.get(n);
  const origins = apisixString(F('allow_origins'), '*');
  if (origins !== undefined && !APISIX_ORIGINS_PATTERN.test(origins))
    return `allow_origins ${q(origins)} does not match the schema pattern`;
  if (boolOf(F('allow_credential')) !== true) return undefined;
  for (const [k, d] of [
    ['allow_origins', '*'],
    ['allow_methods', '*'],
    ['allow_headers', '*'],
    ['expose_headers', undefined],
  ] as const) {
    if (apisixString(F(k), d) === '*') return `${k} is ${F(k) ? '' : 'not set and defaults to '}\`*\` while allow_credential is \`true\``;
  }
  return undefined;
}

function methodsAndHeaders(
  methodsF: ManifestField | undefined,
  headersF: ManifestField | undefined,
  notes: string[],
): { allowMethods: string; allowHeaders: string } {
  let allowMethods = apisixString(methodsF, '*') ?? '';
  if (allowMethods === '**') allowMethods = APISIX_ALL_METHODS;
  let allowHeaders = apisixString(headersF, '*') ?? '';
  if (allowHeaders === '**') {
    allowHeaders = '';
    notes.push("allow_headers `**`: APISIX echoes the preflight's `Access-Control-Request-Headers`.");
  }
  if (!methodsF || !headersF) notes.push('allow_methods and allow_headers default to `*`, sent literally.');
  return { allowMethods, allowHeaders };
}

/** allow_origins / allow_origins_by_regex: what APISIX matches and how it answers (`*`, echo, Vary). */
function apisixOrigins(target: PluginTarget, originsF: ManifestField | undefined, regexF: ManifestField | undefined, notes: string[]) {
  const text = target.text;
  const written: OriginMatcher[] = originsF ? originEntries(originsF) : [];
  const regexes = seqItems(text, regexF);
  const originsText = apisixString(originsF, '*');
  let origins: OriginMatcher[];
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  if (regexF) {
    for (const it of regexes) written.push(seqMatcher(it.value, 'regex', it.node, it.seq, it.field, written.length));
    origins = written.filter((w) => w.kind === 'regex');
    notes.push(
      'allow_origins_by_regex replaces allow_origins; its regexes are joined with `|` and searched unanchored (`ngx.re.find`), case-sensitively: an origin that contains a match is allowed.',
    );
  } else if (originsText === '*') {
    origins = [written[0] ?? makeMatcher('*', target.anchor, 0)];
    acaoMode = 'literal-star';
    notes.push(
      `allow_origins is ${originsF ? '' : 'not set and defaults to '}\`*\`: APISIX sends \`Access-Control-Allow-Origin: *\` on every response.`,
    );
  } else if (originsText === '**') {
    origins = [written[0]];
    notes.push('allow_origins `**`: APISIX echoes any request Origin (its docs call this a security risk).');
  } else origins = written;
  const varyOrigin = originsText !== '*';
  if (acaoMode === 'echo' && !varyOrigin)
    notes.push('APISIX adds `Vary: Origin` only when allow_origins is not `*`; here it is (by default), although the origin is echoed.');
  else if (acaoMode === 'echo') notes.push('APISIX echoes a matching Origin with `Vary: Origin`.');
  return { origins, written, acaoMode, varyOrigin };
}

export function apisixPolicy(target: PluginTarget): EffectivePolicy {
  const F = (n: string) => target.fields.get(n);
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};
  const originsF = F('allow_origins');
  const regexF = F('allow_origins_by_regex');
  setField(fields, 'origin', regexF ?? originsF);
  const credF = F('allow_credential');
  setField(fields, 'credentials', credF);
  const allowCredentials = boolOf(credF) === true;
  const schemaError = apisixSchemaError(target);
  if (schemaError)
    notes.push(
      `${schemaError}: APISIX rejects the plugin configuration ("you can not set '*' for other option when 'allow_credential' is true").`,
    );

  const { origins, written, acaoMode, varyOrigin } = apisixOrigins(target, originsF, regexF, notes);

  const methodsF = F('allow_methods');
  const headersF = F('allow_headers');
  const exposeF = F('expose_headers');
  setField(fields, 'methods', methodsF);
  setField(fields, 'headers', headersF);
  setField(fields, 'expose', exposeF);
  const { allowMethods, allowHeaders } = methodsAndHeaders(methodsF, headersF, notes);

  const maxF = F('max_age');
  setField(fields, 'maxAge', maxF);
  const mv = maxF?.pair.value;
  const maxAge = !maxF
    ? APISIX_DEFAULT_MAX_AGE
    : isScalar(mv) && typeof mv.value === 'number' && Number.isInteger(mv.value)
      ? mv.value
      : null;
  if (!maxF) notes.push(`max_age is not set: APISIX sends \`Access-Control-Max-Age: ${APISIX_DEFAULT_MAX_AGE}\`.`);
  notes.push('APISIX answers every OPTIONS request itself with 200 (the upstream and authentication plugins never see it).');
  if (target.disabled) notes.push(`${target.disabled.label} is \`false\`: the plugin is skipped.`);
  const on = !target.disabled && !schemaError;

  return {
    controller: 'apisix',
    profile: PROFILES['apisix'],
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: on && origins.length > 0,
    configured: on,
    origins,
    writtenOrigins: written,
    acaoMode,
    allowCredentials,
    allowMethods,
    allowHeaders,
    exposeHeaders: apisixString(exposeF, '') ?? '',
    maxAge,
    varyOrigin,
    preflightStatus: 200,
    fields,
    notes,
    target,
  };
}
