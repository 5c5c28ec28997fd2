/** Where a chart-schema problem is in the YAML (a path of keys to the node) and how it reads (schema/chart.ts). */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { levenshtein } from '../util/levenshtein';
import { q } from '../util/markdown';
import { deref, pairIndex, yaml11OnlyBool, type Ctx } from './helmYaml';

/** Maps whose values are annotation values: their value types belong to the annotation-value-not-string rule. */
export const ANNOTATION_MAPS = new Set(['/ingress/annotations', '/commonAnnotations']);

/* ------------------------------------------------------------- locations */

export type Seg = string;

export function rangeOf(node: unknown): { start: number; end: number } | undefined {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  if (!r || r[1] <= r[0]) return undefined;
  return { start: r[0], end: Math.max(r[0] + 1, Math.min(r[1], contentEnd(node, r[1]))) };
}

export function hasText(node: unknown): boolean {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return !!r && r[1] > r[0];
}

/**
 * Where a block collection's content ends: its range runs on to the next line (and over trailing
 * comments), so stop at the end of its last item instead.
 */
export function contentEnd(node: unknown, fallback: number): number {
  let n = node;
  for (let depth = 0; depth < 1000 && (isMap(n) || isSeq(n)) && !n.flow && n.items.length > 0; depth++) {
    const last: unknown = n.items[n.items.length - 1];
    n = isPair(last) ? (hasText(last.value) ? last.value : last.key) : last;
  }
  const r = (n as { range?: [number, number, number] | null } | null | undefined)?.range;
  return r && r !== (node as { range?: unknown }).range ? r[1] : fallback;
}

export function displayPath(segs: Seg[]): string {
  let out = '';
  for (const s of segs) {
    if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else if (/^(0|[1-9][0-9]*)$/.test(s)) out += `[${s}]`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export interface Located {
  /** The value node as written at that place (an alias stays an alias). */
  node: unknown;
  /** The key of the pair holding it (undefined for list items). */
  key: unknown;
}

/** Follows JSON-pointer segments through the YAML tree (aliases followed, merges applied, last key wins). */
export function locate(root: YAMLMap, segs: Seg[], ctx: Ctx): Located | undefined {
  let cur: Located = { node: root, key: undefined };
  for (const seg of segs) {
    const n = deref(cur.node, ctx);
    if (isMap(n)) {
      const pair = pairIndex(n, ctx).get(seg);
      if (!pair) return undefined;
      cur = { node: pair.value, key: pair.key };
    } else if (isSeq(n)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= n.items.length) return undefined;
      cur = { node: n.items[i], key: undefined };
    } else {
      return undefined;
    }
  }
  return cur;
}

export function pointerSegs(pointer: string): Seg[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** How a key is written (for messages), e.g. `yes` rather than Helm's `true`. */
export function keyDisplay(key: unknown, fallback: string): string {
  if (isScalar(key) && key.value !== null) return String(key.value);
  return fallback;
}

/* -------------------------------------------------------------- messages */

export function closest(key: string, allowed: string[]): string | undefined {
  if (key.length > 64) return undefined;
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = levenshtein(key.toLowerCase(), a.toLowerCase(), 2);
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

/** Keys people carry over from other charts' ingress blocks (and old versions of this one). */
export const KEY_HINTS: Record<string, Record<string, { suggest?: string; note?: string }>> = {
  ingress: {
    ingressClassName: { suggest: 'ingressClass' },
    className: { suggest: 'ingressClass' },
    class: { suggest: 'ingressClass' },
    hosts: { suggest: 'host', note: 'This chart serves one host, written as a string.' },
    hostname: { suggest: 'host' },
    pathType: { note: 'the chart always renders `pathType: ImplementationSpecific`' },
    backend: { note: 'the chart always routes to the `loft` Service on port 80' },
    extraPaths: { note: 'the chart renders exactly one path, `ingress.path`' },
    rules: { note: 'the chart renders one rule from `ingress.host` and `ingress.path`' },
  },
  'ingress.tls': {
    secretName: { suggest: 'secret' },
    hosts: { note: 'the TLS host is `ingress.host`' },
    clusterIssuer: {
      note: 'it was never used and is gone since v3.4; set the `cert-manager.io/cluster-issuer` annotation in `ingress.annotations`',
    },
  },
};

export function unknownKeyMessage(key: string, block: string, allowed: string[]): { message: string; suggest?: string } {
  const head = `${q(key)} is not a key of this chart's ${q(block)} block`;
  const hint = KEY_HINTS[block]?.[key];
  if (hint?.suggest)
    return { message: `${head}; did you mean ${q(hint.suggest)}?${hint.note ? ' ' + hint.note : ''}`, suggest: hint.suggest };
  if (hint?.note) return { message: `${head}: ${hint.note}.` };
  const near = closest(key, allowed);
  if (near) return { message: `${head}; did you mean ${q(near)}?`, suggest: near };
  return { message: `${head} (its keys are ${allowed.map(q).join(', ')}).` };
}

export function expectedName(t: string): string {
  switch (t) {
    case 'boolean':
      return 'a boolean (true/false)';
    case 'string':
      return 'a string';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    default:
      return t;
  }
}

export function actualName(data: unknown): string {
  if (data === null || data === undefined) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'boolean') return 'a boolean';
  if (typeof data === 'number') return 'a number';
  return 'a string';
}

export function typeMessage(path: string, segs: Seg[], expected: string[], data: unknown, node: unknown, ctx: Ctx): string {
  const pointer = '/' + segs.join('/');
  if (pointer === '/ingress/tls' && Array.isArray(data)) return '`ingress.tls` must be a mapping `{enabled, secret}`, not a list';
  if (ANNOTATION_MAPS.has(pointer)) return `${q(path)} must be a mapping of annotation names to strings`;
  if (pointer === '/ingress/labels') return `${q(path)} must be a mapping of label names to strings`;
  const want = expected.filter((t) => t !== 'null').map(expectedName);
  let msg = `${q(path)} must be ${want.join(' or ') || 'empty'}, not ${actualName(data)}`;
  if (data === null && want.length === 1 && expected[0] === 'object')
    msg += ": an empty value is null, and a null removes all of the chart's defaults for this key";
  if (expected.includes('string') && (typeof data === 'boolean' || typeof data === 'number')) {
    const word = typeof data === 'boolean' ? yaml11OnlyBool(node, ctx) : undefined;
    msg += word ? ` (Helm reads the unquoted ${q(word)} as ${String(data)}); quote it` : '; quote it';
  }
  return msg;
}
