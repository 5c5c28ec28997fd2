/**
 * Step 3 (Traefik): the effective CORS policy of a headers Middleware (docs/reference/controllers.md).
 */
import type { EffectivePolicy, OriginKind, OriginMatcher, TraefikTarget } from '../types';
import { boolOf, intOf, seqItems, seqMatcher, setField } from './manifestFields';
import { credentialsOf, effectiveOrigins, listFields, manifestPolicy } from './manifestPolicy';
import { q } from '../util/markdown';

/* ------------------------------------------------------------------ Traefik */

/** The written origins: the exact list (only `*` is a wildcard), then the regexes (matched unanchored). */
function traefikOrigins(target: TraefikTarget, notes: string[]): OriginMatcher[] {
  const text = target.text;
  const listF = target.fields.get('accessControlAllowOriginList');
  const regexF = target.fields.get('accessControlAllowOriginListRegex');
  const writtenOrigins: OriginMatcher[] = [];
  for (const it of seqItems(text, listF)) {
    // Traefik compares list entries as exact, case-sensitive strings: `*` is the only wildcard.
    const kind: OriginKind = it.value === '*' ? 'any' : it.value === 'null' ? 'null' : 'exact';
    writtenOrigins.push(seqMatcher(it.value, kind, it.node, it.seq, it.field, writtenOrigins.length));
    if (kind === 'exact' && it.value.includes('*'))
      notes.push(`${q(it.value)} is compared literally by Traefik (no wildcard subdomains): it never matches a browser origin.`);
  }
  for (const it of seqItems(text, regexF))
    writtenOrigins.push(seqMatcher(it.value, 'regex', it.node, it.seq, it.field, writtenOrigins.length));
  if (regexF && seqItems(text, regexF).length > 0)
    notes.push(
      'accessControlAllowOriginListRegex entries are matched unanchored (Go `regexp.MatchString`): any origin that contains a match is allowed.',
    );
  return writtenOrigins;
}

/** How Traefik sends the allowed origins, with the notes that explain it. */
function traefikAcao(
  writtenOrigins: OriginMatcher[],
  allowCredentials: boolean,
  notes: string[],
): { origins: OriginMatcher[]; acaoMode: EffectivePolicy['acaoMode'] } {
  const { star, origins } = effectiveOrigins(writtenOrigins);
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  if (star) {
    if (writtenOrigins.length > 1) notes.push('`*` in accessControlAllowOriginList allows any origin and the other entries do nothing.');
    if (allowCredentials) {
      notes.push(
        '`*` with accessControlAllowCredentials: Traefik does not send `*` but echoes the request Origin ("Can\'t use wildcard with credentials"), so every origin gets credentialed access.',
      );
    } else {
      acaoMode = 'literal-star';
      notes.push('Traefik sends `Access-Control-Allow-Origin: *`.');
    }
  } else if (origins.length > 0) {
    notes.push('Traefik echoes the request Origin when it matches.');
  } else {
    notes.push('no origin is listed: Traefik still answers preflights itself (200) but never sends `Access-Control-Allow-Origin`.');
  }
  return { origins, acaoMode };
}

export function traefikPolicy(target: TraefikTarget): EffectivePolicy {
  const text = target.text;
  const F = (n: string) => target.fields.get(n);
  const notes: string[] = [];
  // A label Traefik cannot decode makes the docker provider skip that container's configuration (docs/reference/controllers.md).
  const rejected = target.labelsRange ? 'Traefik cannot decode the label and skips the container' : 'the API server rejects the Middleware';
  const fields: EffectivePolicy['fields'] = {};
  setField(fields, 'origin', F('accessControlAllowOriginList') ?? F('accessControlAllowOriginListRegex'));
  const allowCredentials = credentialsOf(fields, notes, F('accessControlAllowCredentials'), 'accessControlAllowCredentials', rejected);
  const writtenOrigins = traefikOrigins(target, notes);
  const { origins, acaoMode } = traefikAcao(writtenOrigins, allowCredentials, notes);

  const lists = listFields(text, fields, {
    methods: F('accessControlAllowMethods'),
    headers: F('accessControlAllowHeaders'),
    expose: F('accessControlExposeHeaders'),
  });
  if (allowCredentials) {
    if (lists.allowMethods.split(',').includes('*'))
      notes.push('accessControlAllowMethods `*` with credentials: Traefik echoes the requested method.');
    if (lists.allowHeaders.split(',').includes('*'))
      notes.push('accessControlAllowHeaders `*` with credentials: Traefik echoes the requested headers.');
    if (lists.exposeHeaders.split(',').includes('*')) {
      notes.push('accessControlExposeHeaders contains `*` with credentials: Traefik drops the header entirely.');
      lists.exposeHeaders = '';
    }
  }

  const maxF = F('accessControlMaxAge');
  setField(fields, 'maxAge', maxF);
  const max = intOf(maxF);
  if (maxF && max === undefined) notes.push(`accessControlMaxAge ${q(maxF.value.text)} is not an integer: ${rejected}.`);
  if (!maxF)
    notes.push('accessControlMaxAge is not set: Traefik sends no `Access-Control-Max-Age` (browsers cache the preflight for 5 s).');

  const varyF = F('addVaryHeader');
  setField(fields, 'vary', varyF);
  const varyOrigin = boolOf(varyF) === true;
  if (varyOrigin) notes.push('addVaryHeader: Traefik adds `Vary: Origin` to proxied responses (not to the preflight it answers itself).');

  return manifestPolicy(target, {
    origins,
    writtenOrigins,
    acaoMode,
    allowCredentials,
    ...lists,
    maxAge: max ?? null,
    varyOrigin,
    fields,
    notes,
  });
}
