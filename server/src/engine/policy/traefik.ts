/**
 * Step 3 (Traefik): the effective CORS policy of a headers Middleware (shared/reference/other-controllers.md §2),
 * plus the helpers the Istio and Gateway API models share (sequence fields, booleans, origin matchers).
 */
import { isScalar, Scalar } from 'yaml';
import type { Node, YAMLSeq } from 'yaml';
import type { EffectivePolicy, FieldRef, ManifestField, OriginKind, OriginMatcher, TraefikTarget } from '../types';
import { fieldSeq } from '../targets/traefik';
import { valueRef, yaml11PlainType } from '../parse/values';
import { makeMatcher } from './origins';

const q = (s: string) => '`' + s + '`';

/* -------------------------------------------------------------- shared helpers */

export interface SeqItem {
  /** The item as a string (scalars only; other items are skipped). */
  value: string;
  node: Node;
  seq: YAMLSeq;
  index: number;
  /** The item as its own FieldRef (`field.value` is the item), for sequence matchers and fixes. */
  field: FieldRef;
}

/** The scalar items of a sequence field. */
export function seqItems(text: string, f: ManifestField | undefined): SeqItem[] {
  const seq = fieldSeq(f);
  if (!f || !seq) return [];
  const out: SeqItem[] = [];
  seq.items.forEach((node, index) => {
    if (!isScalar(node) || node.value === null || node.value === undefined) return;
    const n = node as Node;
    const value = valueRef(text, n, f.keyRange.end);
    out.push({ value: value.text, node: n, seq, index, field: { keyRange: f.keyRange, value, label: f.label } });
  });
  return out;
}

/** A matcher for one sequence item. */
export function seqMatcher(value: string, kind: OriginKind, item: Node, seq: YAMLSeq, field: FieldRef, index: number): OriginMatcher {
  const r = field.value.range;
  const m = makeMatcher(value, { start: r.start, end: r.end }, index, field, kind);
  m.container = 'sequence';
  m.seqItem = { node: item, seq };
  return m;
}

/** How the Kubernetes API server (YAML 1.1) reads a boolean field: true, false, or not a boolean. */
export function boolOf(f: ManifestField | undefined): boolean | undefined {
  if (!f) return undefined;
  const n = f.pair.value;
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'boolean') return n.value;
  if (n.type === Scalar.PLAIN && typeof n.value === 'string' && yaml11PlainType(n.value) === 'bool') return /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(n.value);
  return undefined;
}

/** An integer field (undefined when missing or not an integer). */
export function intOf(f: ManifestField | undefined): number | undefined {
  if (!f) return undefined;
  const n = f.pair.value;
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'number' && Number.isInteger(n.value)) return n.value;
  return undefined;
}

/** Add a field to the policy's field map when it is written. */
export function setField(fields: EffectivePolicy['fields'], key: keyof EffectivePolicy['fields'], f: ManifestField | undefined): void {
  if (f) fields[key] = { keyRange: f.keyRange, value: f.value, label: f.label };
}

/** A list field joined the way the controller joins it (',' for Traefik and Envoy). */
export function joinedList(text: string, f: ManifestField | undefined, sep = ','): string {
  return seqItems(text, f)
    .map((i) => i.value)
    .join(sep);
}

/* ------------------------------------------------------------------ Traefik */

export function traefikPolicy(target: TraefikTarget): EffectivePolicy {
  const text = target.text;
  const F = (n: string) => target.fields.get(n);
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};
  const listF = F('accessControlAllowOriginList');
  const regexF = F('accessControlAllowOriginListRegex');
  setField(fields, 'origin', listF ?? regexF);

  const credF = F('accessControlAllowCredentials');
  setField(fields, 'credentials', credF);
  const cred = boolOf(credF);
  if (credF && cred === undefined) notes.push(`accessControlAllowCredentials ${q(credF.value.text)} is not a boolean: the API server rejects the Middleware.`);
  const allowCredentials = cred === true;

  const writtenOrigins: OriginMatcher[] = [];
  for (const it of seqItems(text, listF)) {
    // Traefik compares list entries as exact, case-sensitive strings: `*` is the only wildcard.
    const kind: OriginKind = it.value === '*' ? 'any' : it.value === 'null' ? 'null' : 'exact';
    writtenOrigins.push(seqMatcher(it.value, kind, it.node, it.seq, it.field, writtenOrigins.length));
    if (kind === 'exact' && it.value.includes('*'))
      notes.push(`${q(it.value)} is compared literally by Traefik (no wildcard subdomains): it never matches a browser origin.`);
  }
  for (const it of seqItems(text, regexF)) writtenOrigins.push(seqMatcher(it.value, 'regex', it.node, it.seq, it.field, writtenOrigins.length));
  if (regexF && seqItems(text, regexF).length > 0)
    notes.push('accessControlAllowOriginListRegex entries are matched unanchored (Go `regexp.MatchString`): any origin that contains a match is allowed.');

  const star = writtenOrigins.find((w) => w.kind === 'any');
  const origins = star ? [star] : writtenOrigins;
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  if (star) {
    if (writtenOrigins.length > 1) notes.push('`*` in accessControlAllowOriginList allows any origin and the other entries do nothing.');
    if (allowCredentials) {
      notes.push('`*` with accessControlAllowCredentials: Traefik does not send `*` but echoes the request Origin ("Can\'t use wildcard with credentials"), so every origin gets credentialed access.');
    } else {
      acaoMode = 'literal-star';
      notes.push('Traefik sends `Access-Control-Allow-Origin: *`.');
    }
  } else if (origins.length > 0) {
    notes.push('Traefik echoes the request Origin when it matches.');
  } else {
    notes.push('no origin is listed: Traefik still answers preflights itself (200) but never sends `Access-Control-Allow-Origin`.');
  }

  const methodsF = F('accessControlAllowMethods');
  const headersF = F('accessControlAllowHeaders');
  const exposeF = F('accessControlExposeHeaders');
  setField(fields, 'methods', methodsF);
  setField(fields, 'headers', headersF);
  setField(fields, 'expose', exposeF);
  const allowMethods = joinedList(text, methodsF);
  const allowHeaders = joinedList(text, headersF);
  let exposeHeaders = joinedList(text, exposeF);
  if (allowCredentials) {
    if (allowMethods.split(',').includes('*')) notes.push('accessControlAllowMethods `*` with credentials: Traefik echoes the requested method.');
    if (allowHeaders.split(',').includes('*')) notes.push('accessControlAllowHeaders `*` with credentials: Traefik echoes the requested headers.');
    if (exposeHeaders.split(',').includes('*')) {
      notes.push('accessControlExposeHeaders contains `*` with credentials: Traefik drops the header entirely.');
      exposeHeaders = '';
    }
  }

  const maxF = F('accessControlMaxAge');
  setField(fields, 'maxAge', maxF);
  const max = intOf(maxF);
  if (maxF && max === undefined) notes.push(`accessControlMaxAge ${q(maxF.value.text)} is not an integer: the API server rejects the Middleware.`);
  if (!maxF) notes.push('accessControlMaxAge is not set: Traefik sends no `Access-Control-Max-Age` (browsers cache the preflight for 5 s).');

  const varyF = F('addVaryHeader');
  setField(fields, 'vary', varyF);
  const varyOrigin = boolOf(varyF) === true;
  if (varyOrigin) notes.push('addVaryHeader: Traefik adds `Vary: Origin` to proxied responses (not to the preflight it answers itself).');

  return {
    controller: 'traefik',
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: origins.length > 0,
    configured: true,
    origins,
    writtenOrigins,
    acaoMode,
    allowCredentials,
    allowMethods,
    allowHeaders,
    exposeHeaders,
    maxAge: max ?? null,
    varyOrigin,
    preflightStatus: 200,
    fields,
    notes,
    target,
  };
}
