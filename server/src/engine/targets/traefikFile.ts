/**
 * Step 2 (Traefik file provider): a dynamic configuration file (YAML) with
 * `http.middlewares.<name>.headers.accessControl*` — the same headers middleware as the `Middleware` CRD, so the
 * same Traefik target and policy model (doc.traefik.io, "File provider" and "Headers middleware").
 */
import { isMap } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { Target, TraefikTarget } from '../types';
import { keyText } from '../parse/parse';
import { getMap, getPair } from '../parse/values';
import { keyRangeOf, readBlockFields } from './manifest';
import { TRAEFIK_CORS_FIELDS } from './traefik';
import type { TextLike } from '../util/pieceText';

/** The `http.middlewares` map of a Traefik dynamic configuration document, if it is one. */
export function traefikFileMiddlewares(root: unknown): YAMLMap | undefined {
  if (!isMap(root)) return undefined;
  const http = getMap(root, 'http');
  return http ? getMap(http, 'middlewares') : undefined;
}

export function traefikFileTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const middlewares = traefikFileMiddlewares(doc.contents);
  if (!middlewares) return [];
  const out: Target[] = [];
  for (const item of middlewares.items) {
    const name = keyText(item.key);
    if (name === undefined) continue;
    const mw = getMap(middlewares, name, doc);
    const headersPair = mw ? getPair(mw, 'headers') : undefined;
    const headers = mw ? getMap(mw, 'headers', doc) : undefined;
    if (!headersPair || !headers) continue;
    const path = `http.middlewares.${name}.headers`;
    const fields = readBlockFields(text, doc, headers, path);
    if (!TRAEFIK_CORS_FIELDS.some((f) => fields.has(f))) continue;
    const anchor = keyRangeOf(headersPair) ?? { start: 0, end: 0 };
    const t: TraefikTarget = {
      kind: 'traefik',
      source: `middleware ${name}`,
      anchor,
      docIndex,
      apiVersion: '',
      name,
      block: headers,
      fields,
      path,
      text,
    };
    out.push(t);
  }
  return out;
}
