/**
 * Step 3 (Kong): the effective policy of a `cors` plugin, as Kong's handler answers (Kong/kong
 * kong/plugins/cors/handler.lua and schema.lua; docs/reference/kong.md).
 */
import { PROFILES } from './profiles';
import type { EffectivePolicy, OriginKind, OriginMatcher, PluginTarget, Range } from '../types';
import { makeMatcher } from './origins';
import { boolOf, joinedList, seqItems, seqMatcher, setField } from './manifestFields';
import { q } from '../util/markdown';
import { isScalar } from 'yaml';

/** `config.methods` when it is not set (schema.lua `METHODS`), sent joined with `,`. */
export const KONG_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

/** An entry made only of these characters is a plain origin; any other character makes it a regex (handler.lua). */
export const KONG_PLAIN_ORIGIN = /^[A-Za-z0-9.:/-]+$/;

/** The regex Kong matches for a regex entry: a leading `^` dropped, `$` added, matched anchored at the start (`a`). */
export function kongRegex(entry: string): string {
  let re = entry.endsWith('$') ? entry : entry + '$';
  if (re.startsWith('^')) re = re.slice(1);
  return '^(?:' + re.slice(0, -1) + ')$';
}

function rejects(what: string, value: string): string {
  return `${what} ${q(value)} does not fit the plugin schema: Kong rejects the plugin configuration.`;
}

function readOrigins(target: PluginTarget, notes: string[]): OriginMatcher[] {
  const written: OriginMatcher[] = [];
  for (const it of seqItems(target.text, target.fields.get('origins'))) {
    let kind: OriginKind = it.value === '*' ? 'any' : it.value === 'null' ? 'null' : KONG_PLAIN_ORIGIN.test(it.value) ? 'exact' : 'regex';
    if (kind === 'exact' && !it.value.includes('://')) kind = 'regex'; // a bare host: compared with the request's host
    written.push(seqMatcher(it.value, kind, it.node, it.seq, it.field, written.length));
    if (kind === 'regex') {
      const byHost = !it.value.includes(':');
      notes.push(
        `${q(it.value)} is a regex for Kong (a character outside \`A-Za-z0-9.:/-\`${byHost ? ', or no scheme' : ''}): matched in full, case-sensitively, against the request's ` +
          (byHost ? 'host only (no `:` in the entry).' : '`scheme://host[:port]`.'),
      );
    }
  }
  return written;
}

function preflightNotes(target: PluginTarget, notes: string[]): void {
  if (boolOf(target.fields.get('preflight_continue')) === true)
    notes.push('preflight_continue is `true`: Kong passes preflights to the upstream service, which must answer them.');
  else
    notes.push(
      'Kong answers every preflight (OPTIONS with Origin and Access-Control-Request-Method) itself with 200, before any authentication plugin runs.',
    );
  if (target.disabled) notes.push(`${target.disabled.label} is \`true\`: the plugin does nothing.`);
  if (!target.block) notes.push('No `config`: every setting has its default.');
}

/** How Kong answers an Origin: literal `*`, echo, or one fixed plain origin sent without comparing. */
function kongAnswer(writtenOrigins: OriginMatcher[], allowCredentials: boolean, starRange: Range, notes: string[]) {
  const star = writtenOrigins.find((w) => w.kind === 'any');
  const allowAll = writtenOrigins.length === 0 || !!star;
  const origins = allowAll ? [star ?? makeMatcher('*', starRange, 0)] : writtenOrigins;
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  let varyOrigin = true;
  let acaoFixed: string | undefined;
  if (allowAll) {
    const why = star
      ? writtenOrigins.length > 1
        ? '`*` in origins overrides the other entries'
        : 'origins is `*`'
      : 'origins is empty or not set';
    if (allowCredentials)
      notes.push(
        `${why} and credentials is \`true\`: Kong echoes any request Origin with \`Access-Control-Allow-Credentials: true\` and \`Vary: Origin\`.`,
      );
    else {
      acaoMode = 'literal-star';
      varyOrigin = false;
      notes.push(`${why}: Kong sends \`Access-Control-Allow-Origin: *\` (no \`Vary\`).`);
    }
  } else if (writtenOrigins.length === 1 && KONG_PLAIN_ORIGIN.test(writtenOrigins[0].value)) {
    acaoFixed = writtenOrigins[0].value;
    notes.push(
      `A single plain origin: Kong sends \`Access-Control-Allow-Origin: ${acaoFixed}\` on every response without comparing it with the request's Origin (the browser does the check), and \`Vary: Origin\`.`,
    );
  } else
    notes.push(
      'Kong echoes the request Origin (normalized: default ports dropped) when an entry matches, with `Vary: Origin`; otherwise it sends no `Access-Control-Allow-Origin`.',
    );
  return { origins, acaoMode, varyOrigin, acaoFixed };
}

export function kongPolicy(target: PluginTarget): EffectivePolicy {
  const text = target.text;
  const F = (n: string) => target.fields.get(n);
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};
  const originsF = F('origins');
  setField(fields, 'origin', originsF);
  const credF = F('credentials');
  setField(fields, 'credentials', credF);
  const cred = boolOf(credF);
  if (credF && cred === undefined) notes.push(rejects('credentials', credF.value.text));
  const allowCredentials = cred === true;

  const writtenOrigins = readOrigins(target, notes);
  const { origins, acaoMode, varyOrigin, acaoFixed } = kongAnswer(
    writtenOrigins,
    allowCredentials,
    originsF?.value.range ?? target.anchor,
    notes,
  );

  const methodsF = F('methods');
  const headersF = F('headers');
  const exposeF = F('exposed_headers');
  setField(fields, 'methods', methodsF);
  setField(fields, 'headers', headersF);
  setField(fields, 'expose', exposeF);
  const allowMethods = methodsF ? joinedList(text, methodsF) : KONG_METHODS.join(',');
  if (!methodsF) notes.push(`methods is not set: Kong sends \`Access-Control-Allow-Methods: ${allowMethods}\`.`);
  const allowHeaders = joinedList(text, headersF);
  if (allowHeaders === '')
    notes.push(
      "headers is empty or not set: Kong echoes the preflight's `Access-Control-Request-Headers` (any request header is allowed).",
    );

  const maxF = F('max_age');
  setField(fields, 'maxAge', maxF);
  const mv = maxF?.pair.value;
  const maxAge = isScalar(mv) && typeof mv.value === 'number' ? mv.value : null;
  if (maxF && maxAge === null) notes.push(rejects('max_age', maxF.value.text));
  if (!maxF) notes.push('max_age is not set: Kong sends no `Access-Control-Max-Age` (browsers cache the preflight for 5 s).');

  preflightNotes(target, notes);

  return {
    controller: 'kong',
    profile: PROFILES['kong'],
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: !target.disabled,
    configured: !target.disabled,
    origins,
    writtenOrigins,
    acaoMode,
    allowCredentials,
    allowMethods,
    allowHeaders,
    exposeHeaders: joinedList(text, exposeF),
    maxAge,
    varyOrigin,
    preflightStatus: 200,
    fields,
    notes,
    acaoFixed,
    target,
  };
}
