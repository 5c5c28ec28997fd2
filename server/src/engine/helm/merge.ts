/**
 * Helm's values merge with provenance (helm/helm: pkg/cli/values/options.go MergeValues,
 * pkg/chart/v2/loader MergeMaps, pkg/chart/common/util/coalesce.go, pkg/action/upgrade.go reuseValues).
 * The facts, in our words and with their sources: docs/reference/helm-values-merge.md.
 *
 * 1. `-f` files in order, each merged over the result so far (MergeMaps: two maps merge key by key,
 *    anything else — scalar, list, null — replaces the old value whole).
 * 2. Then every `--set-json`, then every `--set`, then every `--set-string`, each in its own order
 *    (the order of the flag kinds on the command line does not matter), written INTO those values.
 * 3. `--reuse-values`: the previous release's values come under the new ones (CoalesceTables: the new
 *    values win, maps merge). A new `null` over an old value does not remove it on that upgrade: Helm
 *    renders with the old coalesced values as chart values, and the old value comes back (helm/helm#30765).
 * 4. The chart's defaults come under everything (coalesce: user values win, a user `null` removes the
 *    default key; a user scalar over a default map keeps the scalar, with a warning in Helm).
 */
import type { Document } from 'yaml';
import { isMap, isScalar } from 'yaml';
import type { Range } from '../types';
import { parseText } from '../parse/parse';
import { applySetFlag, fromJson, SetParseError } from './strvals';
import { cloneNode, fromYaml, newMap, TreeTooLarge, type HEntry, type HMap, type HNode, type Origin } from './tree';

export type ValuesSourceKind = 'chart-defaults' | 'reuse-values' | 'file' | 'set-json' | 'set' | 'set-string';

export interface ValuesSource {
  kind: ValuesSourceKind;
  /** File path (as displayed) for files; the flag as typed (`--set`) for flags; a label for chart defaults. */
  name: string;
  /** The file's text, or the flag's argument (`a.b=c`). */
  text: string;
}

export interface MergeProblem {
  source: number;
  message: string;
  range: Range;
}

export interface MergedValues {
  /** What the user supplies (files, flags, previous values), merged: the values `helm get values` would show. */
  user: HMap;
  /** `user` over the chart defaults: what the templates see (`.Values`). */
  values: HMap;
  /** Source indexes in the order Helm applies them (chart defaults, previous values, files, flags). */
  order: number[];
  problems: MergeProblem[];
}

/** Rank of each kind in Helm's order (stable within a kind). */
const PHASE: Record<ValuesSourceKind, number> = { 'chart-defaults': 0, 'reuse-values': 1, file: 2, 'set-json': 3, set: 4, 'set-string': 5 };

/** Index order in which Helm applies the sources. */
export function helmOrder(sources: readonly ValuesSource[]): number[] {
  return sources.map((_, i) => i).sort((a, b) => PHASE[sources[a].kind] - PHASE[sources[b].kind] || a - b);
}

/** MergeMaps(a, b): b wins; maps merge recursively; everything else replaces. Mutates and returns `a`. */
export function mergeInto(a: HMap, b: HMap): HMap {
  for (const [k, eb] of b.entries) {
    const ea = a.entries.get(k);
    if (ea && ea.node.kind === 'map' && eb.node.kind === 'map') {
      mergeInto(ea.node, eb.node);
      ea.keyOrigin = eb.keyOrigin;
      continue;
    }
    const node = cloneNode(eb.node);
    a.entries.set(k, { ...eb, node, overridden: ea ? [...ea.overridden, ...originsOf(ea.node)] : [...eb.overridden] });
  }
  return a;
}

/** The origin of a replaced value, for the override chain. */
function originsOf(n: HNode): Origin[] {
  return [n.origin];
}

/**
 * Coalesce `dst` (higher precedence) over `src`: keys only in src are copied; maps merge; a null in dst
 * removes the key when src has a non-null value there (it stays null when src has none). Mutates `dst`.
 * `skipNullDefaults`: chart defaults that are null are not copied (coalesceValues).
 */
export function coalesceInto(dst: HMap, src: HMap, skipNullDefaults: boolean): HMap {
  for (const [k, es] of src.entries) {
    const ed = dst.entries.get(k);
    if (!ed) {
      if (skipNullDefaults && isNull(es.node)) continue;
      dst.entries.set(k, { ...es, node: cloneNode(es.node), overridden: [...es.overridden] });
      continue;
    }
    if (isNull(ed.node)) {
      if (skipNullDefaults) {
        // Over the chart defaults a null removes the key.
        dst.entries.delete(k);
      } else if (!isNull(es.node)) {
        // Over the previous values (--reuse-values) Helm drops the key from the new config, but renders with
        // chart.Values = the old coalesced values, so the old value comes back on this upgrade
        // (helm/helm#30765, pkg/action/upgrade.go reuseValues): the previous value is what gets deployed.
        dst.entries.set(k, { ...es, node: cloneNode(es.node), overridden: [...ed.overridden, ed.node.origin] });
      }
      continue;
    }
    if (ed.node.kind === 'map' && es.node.kind === 'map') {
      coalesceInto(ed.node, es.node, skipNullDefaults);
      continue;
    }
    // dst wins whole (scalar over map or the other way round keeps dst, as Helm does with a warning).
    ed.overridden = [...es.overridden, ...originsOf(es.node), ...ed.overridden];
  }
  return dst;
}

function isNull(n: HNode): boolean {
  return n.kind === 'scalar' && n.value === null;
}

/** Reads a values file: the first YAML document, which must be a mapping (or empty). */
export function readValuesFile(
  text: string,
  source: number,
  parsed?: { docs: { doc: Document.Parsed }[]; fatal?: unknown },
): HMap | { error: string; range: Range } {
  const p = parsed ?? parseText(text);
  if (p.fatal) return { error: 'the file cannot be read as YAML', range: { start: 0, end: 0 } };
  const d = p.docs[0];
  const origin: Origin = { source, range: { start: 0, end: 0 } };
  // An empty file, or `null` (what `helm get values -o yaml` prints for a release without user values).
  if (!d || d.doc.contents === null || d.doc.contents === undefined || (isScalar(d.doc.contents) && d.doc.contents.value === null))
    return newMap(origin);
  const firstError = d.doc.errors[0];
  if (firstError)
    return { error: `not valid YAML: ${firstError.message.split('\n')[0]}`, range: { start: firstError.pos[0], end: firstError.pos[1] } };
  if (!isMap(d.doc.contents)) {
    const r = d.doc.contents.range;
    return {
      error: 'the values must be a mapping of keys to values (Helm cannot read this file)',
      range: r ? { start: r[0], end: r[1] } : { start: 0, end: 0 },
    };
  }
  try {
    const n = fromYaml(d.doc.contents, source, text, d.doc);
    return n && n.kind === 'map' ? n : newMap(origin);
  } catch (e) {
    if (e instanceof TreeTooLarge) return { error: 'the values expand to too many nodes (aliases)', range: { start: 0, end: 0 } };
    throw e;
  }
}

/**
 * Merges the sources the way `helm upgrade --install` does. `trees` may supply already-read values
 * files (by source index). A source that cannot be read or parsed is reported and skipped.
 */
/** `trees[i] === null`: the source is skipped (it does not parse; reported elsewhere). */
export function mergeValues(sources: readonly ValuesSource[], trees: ReadonlyMap<number, HMap | null> = new Map()): MergedValues {
  const order = helmOrder(sources);
  const problems: MergeProblem[] = [];
  let user = newMap({ source: -1, range: { start: 0, end: 0 } });
  let defaults: HMap | undefined;
  let previous: HMap | undefined;
  const read = (i: number): HMap | undefined => {
    const given = trees.get(i);
    if (given === null) return undefined;
    const t = given ?? readValuesFile(sources[i].text, i);
    if ('error' in t) {
      problems.push({ source: i, message: t.error, range: t.range });
      return undefined;
    }
    return t;
  };
  for (const i of order) {
    const s = sources[i];
    switch (s.kind) {
      case 'chart-defaults': {
        const t = read(i);
        if (t) defaults = defaults ? mergeInto(defaults, t) : (cloneNode(t) as HMap);
        break;
      }
      case 'reuse-values': {
        const t = read(i);
        if (t) previous = previous ? mergeInto(previous, t) : (cloneNode(t) as HMap);
        break;
      }
      case 'file': {
        const t = read(i);
        if (t) user = mergeInto(user, t);
        break;
      }
      case 'set-json': {
        const trimmed = s.text.trim();
        if (trimmed.startsWith('{')) {
          // Helm 4: a whole JSON object is merged like a values file.
          let v: unknown;
          try {
            v = JSON.parse(trimmed);
          } catch {
            problems.push({
              source: i,
              message: `failed parsing --set-json data JSON: ${s.text}`,
              range: { start: 0, end: s.text.length },
            });
            break;
          }
          const start = s.text.indexOf('{');
          const t = fromJson(v, { source: i, range: { start, end: start + trimmed.length } });
          if (t.kind === 'map') user = mergeInto(user, t);
          break;
        }
        applyFlag(s.text, 'json', user, i, problems);
        break;
      }
      case 'set':
        applyFlag(s.text, 'set', user, i, problems);
        break;
      case 'set-string':
        applyFlag(s.text, 'string', user, i, problems);
        break;
    }
  }
  if (previous) user = coalesceInto(user, previous, false);
  const values = cloneNode(user) as HMap;
  if (defaults) coalesceInto(values, defaults, true);
  dropNulls(values);
  return { user, values, order, problems };
}

function applyFlag(text: string, mode: 'set' | 'string' | 'json', user: HMap, i: number, problems: MergeProblem[]): void {
  try {
    applySetFlag(text, mode, user, i);
  } catch (e) {
    if (e instanceof SetParseError) problems.push({ source: i, message: e.message, range: e.range });
    else throw e;
  }
}

/** The templates see a null value as a missing key. */
function dropNulls(m: HMap): void {
  for (const [k, e] of m.entries) {
    if (isNull(e.node)) m.entries.delete(k);
    else if (e.node.kind === 'map') dropNulls(e.node);
  }
}

export type { HEntry };
