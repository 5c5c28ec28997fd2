/**
 * The behaviour diff: simulate every generated request under the old and the new policy and compare what a
 * browser can observe — the verdict, the Access-Control-* headers, `Vary: Origin`, and max-age as each browser
 * caps it. Header lists are compared as browsers read them (items, not spelling or order).
 */
import type { EffectivePolicy } from '../types';
import { simulate, type SimulationResult } from '../simulate/simulate';
import { parseTokenList } from '../simulate/fetch';
import { cachedSeconds } from './intent';
import { ALL_FIELDS, type BehaviourDiff, type BehaviourDifference, type DiffField, type IntendedChange, type ProbeRequest } from './types';

function header(h: Record<string, string> | undefined, name: string): string | undefined {
  if (!h) return undefined;
  const n = name.toLowerCase();
  for (const k of Object.keys(h)) if (k.toLowerCase() === n) return h[k];
  return undefined;
}

const NONE = '(not sent)';

function listValue(v: string | undefined, caseSensitive: boolean): string {
  if (v === undefined) return NONE;
  const r = parseTokenList(v);
  if (!('items' in r)) return v;
  const items = [...new Set(r.items.map((x) => (caseSensitive ? x : x.toLowerCase())))].sort();
  return items.length ? items.join(', ') : NONE;
}

function varyValue(v: string | undefined): string {
  return v !== undefined && v.split(',').some((x) => x.trim().toLowerCase() === 'origin') ? 'Origin' : NONE;
}

function maxAgeValue(v: string | undefined): string {
  const c = cachedSeconds(v);
  return `Chromium ${c.Chromium} s, Firefox ${c.Firefox} s, Safari ${c.Safari} s`;
}

/** What the browser can observe of one answer, per field. */
function observe(h: Record<string, string>, preflight: boolean): Partial<Record<DiffField, string>> {
  const o: Partial<Record<DiffField, string>> = {
    'allow-origin': header(h, 'Access-Control-Allow-Origin') ?? NONE,
    'allow-credentials': header(h, 'Access-Control-Allow-Credentials') ?? NONE,
    vary: varyValue(header(h, 'Vary')),
  };
  if (preflight) {
    o['allow-methods'] = listValue(header(h, 'Access-Control-Allow-Methods'), true);
    o['allow-headers'] = listValue(header(h, 'Access-Control-Allow-Headers'), false);
    // Only an answer that lets the preflight through is cached.
    o['max-age'] = header(h, 'Access-Control-Allow-Origin') === undefined ? NONE : maxAgeValue(header(h, 'Access-Control-Max-Age'));
  } else {
    o['expose-headers'] = listValue(header(h, 'Access-Control-Expose-Headers'), false);
  }
  return o;
}

function verdictOf(r: SimulationResult): string {
  return r.verdict === r.browserVerdict ? r.verdict : `${r.browserVerdict} (Fetch Standard: ${r.verdict})`;
}

export function behaviourDiff(
  oldPolicy: EffectivePolicy,
  newPolicy: EffectivePolicy | undefined,
  requests: ProbeRequest[],
  changes: IntendedChange[],
): BehaviourDiff {
  const groups = new Map<string, BehaviourDifference>();
  const record = (field: DiffField, where: BehaviourDifference['where'], a: string, b: string, r: ProbeRequest) => {
    if (a === b) return;
    const key = `${field}\u0000${where}\u0000${a}\u0000${b}`;
    const causes = changes
      .filter((c) => c.fields.includes(field) && (!c.where || c.where.includes(where)) && (!c.appliesTo || c.appliesTo(r)))
      .map((c) => c.id);
    let g = groups.get(key);
    if (!g) {
      g = { field, where, old: a, new: b, count: 0, examples: [], causes: [], unexplained: false };
      groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < 3) g.examples.push(r);
    for (const c of causes) if (!g.causes.includes(c)) g.causes.push(c);
    // Unexplained for one request = unexplained: a writer bug cannot hide behind another request's cause.
    if (causes.length === 0) g.unexplained = true;
  };
  const origins = [...new Set(requests.map((r) => r.origin))];
  for (const r of requests) {
    const req = { origin: r.origin, method: r.method, headers: r.headers, credentials: r.credentials };
    const a = simulate(oldPolicy, req);
    const b = newPolicy ? simulate(newPolicy, req) : undefined;
    const va = verdictOf(a);
    const vb = b ? verdictOf(b) : 'blocked';
    record('verdict', 'result', va, vb, r);
    const compare = (oa: Partial<Record<DiffField, string>>, ob: Partial<Record<DiffField, string>>, where: 'preflight' | 'response') => {
      // One side answers without any CORS header: that is one difference (the origin is allowed or not), not eight.
      if ((oa['allow-origin'] === NONE) !== (ob['allow-origin'] === NONE)) {
        record('allow-origin', where, oa['allow-origin']!, ob['allow-origin']!, r);
        return;
      }
      for (const f of Object.keys(oa) as DiffField[]) record(f, where, oa[f]!, ob[f]!, r);
    };
    if (a.preflight)
      compare(observe(a.preflightResponse?.headers ?? {}, true), observe(b?.preflightResponse?.headers ?? {}, true), 'preflight');
    if (a.actualRequestSent && b?.actualRequestSent)
      compare(observe(a.responseHeaders, false), observe(b.responseHeaders, false), 'response');
  }
  const differences = [...groups.values()].sort((x, y) => ALL_FIELDS.indexOf(x.field) - ALL_FIELDS.indexOf(y.field) || y.count - x.count);
  return { requests: requests.length, origins, differences };
}
