/**
 * Reads the few facts the client's clipboard and verify commands need (ingress.host, the allowed origins)
 * from a document's text, for the `vclusterCors/valuesInfo` request: the client asks the server, so it does
 * not bundle a YAML parser of its own.
 */
import { isMap, isScalar, parseAllDocuments, type YAMLMap } from 'yaml';
import type { ValuesInfo } from '../protocol';

const ORIGIN_KEY = /(^|\/)cors-allow-origin$/;

function get(map: YAMLMap, key: string): unknown {
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k === key) return pair.value;
  }
  return undefined;
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const v = String(node.value).trim();
  return v === '' ? undefined : v;
}

function fromValuesRoot(root: YAMLMap): ValuesInfo | undefined {
  const ingress = get(root, 'ingress');
  if (!isMap(ingress)) return undefined;
  const info: ValuesInfo = { host: scalarString(get(ingress, 'host')), origins: [] };
  // ingress.annotations first, then commonAnnotations (the chart renders them in that order; the last one wins).
  let originValue: string | undefined;
  for (const annotations of [get(ingress, 'annotations'), get(root, 'commonAnnotations')]) {
    if (!isMap(annotations)) continue;
    for (const pair of annotations.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      if (ORIGIN_KEY.test(k)) originValue = scalarString(pair.value) ?? originValue;
    }
  }
  if (originValue)
    info.origins = originValue
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return info;
}

/** ingress.host and the allowed origins of the first document that has an `ingress` block. */
export function readValuesInfo(text: string): ValuesInfo {
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return { origins: [] };
  }
  if (!Array.isArray(docs)) return { origins: [] };
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const direct = fromValuesRoot(root);
    if (direct) return direct;
    for (const umbrella of ['vcluster-platform', 'loft']) {
      const sub = get(root, umbrella);
      if (isMap(sub)) {
        const nested = fromValuesRoot(sub);
        if (nested) return nested;
      }
    }
  }
  return { origins: [] };
}
