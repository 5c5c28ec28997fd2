/**
 * What hand-written headers put on a response, with nginx's rules (docs/reference/handwritten-cors.md):
 * - `if` blocks run in the rewrite phase, in order; the last one whose condition holds gives the configuration of
 *   the request, and a `return` in it answers at once;
 * - `add_header` is inherited from the enclosing level only when the current level (location, or the `if` block)
 *   has no `add_header` of its own; without `always` it is only sent on 200, 201, 204, 206, 301–304, 307, 308;
 *   it appends (two directives, two header lines); an empty value sends nothing;
 * - `more_set_headers` (headers-more) applies from every level, on every status, and replaces a header of the same
 *   name; an empty value removes it.
 */
import { conditionHolds } from './nginxSnippet';
import { isCorsHeader } from './collect';
import { appendsHeader, type HandHeader, type HandReturn, type HandwrittenCors } from './types';

/** Statuses nginx's `add_header` sends headers on without `always` (ngx_http_headers_filter_module.c). */
export const ADD_HEADER_STATUSES = [200, 201, 204, 206, 301, 302, 303, 304, 307, 308];

interface Req {
  origin: string | null;
  method: string;
}

/** The `if` block a request ends in (undefined: none), and the `return` that answers it. */
function activeIf(hw: HandwrittenCors, req: Req): { block?: number; ret?: HandReturn } {
  const blocks = new Map<number, { conds: HandHeader['conditions']; ret?: HandReturn }>();
  for (const h of hw.headers)
    if (h.ifBlock !== undefined && h.level !== 'other' && !blocks.has(h.ifBlock)) blocks.set(h.ifBlock, { conds: h.conditions });
  for (const r of hw.returns) {
    if (r.ifBlock === undefined || r.level === 'other') continue;
    const b = blocks.get(r.ifBlock) ?? { conds: r.conditions };
    b.ret ??= r;
    blocks.set(r.ifBlock, b);
  }
  let block: number | undefined;
  for (const [i, b] of [...blocks.entries()].sort((x, y) => x[0] - y[0])) {
    if (!b.conds.every((c) => conditionHolds(c, req.origin, req.method))) continue;
    block = i;
    if (b.ret) return { block, ret: b.ret };
  }
  return { block };
}

/** The headers that apply to a request ending in `block`, before conditions on values and statuses. */
function applicable(hw: HandwrittenCors, block: number | undefined): HandHeader[] {
  const live = hw.headers.filter((h) => h.level !== 'other');
  const adds = (level: HandHeader['level']) =>
    live.filter((h) => h.directive === 'add_header' && h.level === level && (level !== 'if' || h.ifBlock === block));
  const addSet = [adds('if'), adds('location'), adds('server')].find((l) => l.length > 0) ?? [];
  const more = live.filter((h) => h.directive !== 'add_header' && (h.level !== 'if' || h.ifBlock === block));
  return [...addSet, ...more];
}

/** The headers sent on a normal (non-OPTIONS) response to an allowed origin, 2xx status. */
export function activeHeaders(hw: HandwrittenCors): HandHeader[] {
  const originOnly = (h: HandHeader) => h.conditions.every((c) => c.variable === 'origin');
  const blocks = [...new Set(hw.headers.filter((h) => h.level === 'if' && originOnly(h)).map((h) => h.ifBlock))];
  const out = applicable(hw, undefined);
  for (const b of blocks) for (const h of applicable(hw, b)) if (!out.includes(h)) out.push(h);
  return out.filter(originOnly);
}

/** The headers of the preflight answer written by hand (`if ($request_method = OPTIONS) { … return 204; }`). */
export function preflightHeaders(hw: HandwrittenCors): HandHeader[] {
  const ret = hw.returns.find((r) => r.conditions.some((c) => c.variable === 'method' && c.value.toUpperCase() === 'OPTIONS'));
  return ret ? applicable(hw, ret.ifBlock) : [];
}

export interface HandResponse {
  status: number | 'backend';
  headers: Record<string, string>;
  /** Header names that vanish when the backend answers with an error status (`add_header` without `always`). */
  successOnly: string[];
  /** Header names written with `add_header` (appended next to any other header of that name). */
  appended: string[];
}

/** The status and CORS headers of one request through the hand-written configuration. */
export function handwrittenResponse(hw: HandwrittenCors, req: Req): HandResponse {
  const { block, ret } = activeIf(hw, req);
  const status = ret ? ret.status : 'backend';
  const headers = new Map<string, string>();
  const successOnly: string[] = [];
  const appended: string[] = [];
  const names = new Map<string, string>();
  for (const h of applicable(hw, block)) {
    if (!isCorsHeader(h.name)) continue;
    const holds = (c: HandHeader['conditions'][number]) => conditionHolds(c, req.origin, req.method);
    if (!h.conditions.every(holds)) continue;
    // A variable set only under a condition is empty otherwise, and an empty value sends nothing.
    const value = h.echo ? (h.valueConditions.every(holds) ? (req.origin ?? '') : '') : h.value;
    if (h.directive === 'add_header' && typeof status === 'number' && !h.always && !ADD_HEADER_STATUSES.includes(status)) continue;
    const key = names.get(h.name.toLowerCase()) ?? h.name;
    if (value === '') {
      if (h.directive !== 'add_header') headers.delete(key);
      continue;
    }
    names.set(h.name.toLowerCase(), key);
    const before = headers.get(key);
    headers.set(key, appendsHeader(h) && before !== undefined ? `${before}, ${value}` : value);
    if (h.directive === 'add_header' && !h.always && !successOnly.includes(key)) successOnly.push(key);
    if (appendsHeader(h) && !appended.includes(key)) appended.push(key);
  }
  return { status, headers: Object.fromEntries(headers), successOnly, appended };
}
