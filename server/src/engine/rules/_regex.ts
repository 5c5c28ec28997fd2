/**
 * Helpers for origin regexes (unanchored-origin-regex, schema). Not a rule: the `_` prefix keeps it out of
 * the registry. Regexes are Go RE2 (Traefik) or Envoy RE2 (Istio); JavaScript's RegExp is close enough
 * for the constructs these helpers look at.
 */

/** Offsets (in the regex source) of `.` characters that are unescaped, outside a character class and not
 * followed by a quantifier (`.*`, `.+`, `.?`, `.{n}` are deliberate "any character" runs). */
export function unescapedDots(re: string): number[] {
  const out: number[] = [];
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (re[i + 1] === ']') i++;
      continue;
    }
    if (c === '.' && !/[*+?{]/.test(re[i + 1] ?? '')) out.push(i);
  }
  return out;
}

/** Escape the given `.` offsets. */
export function escapeDots(re: string, dots: readonly number[]): string {
  let out = '';
  let last = 0;
  for (const d of dots) {
    out += re.slice(last, d) + '\\.';
    last = d + 1;
  }
  return out + re.slice(last);
}

/** Whether `|` occurs at the top level (outside groups and classes): anchoring then needs a group. */
export function hasTopLevelAlternation(re: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The anchors a regex lacks: `^` at the start, `$` (or `\z`) at the end. */
export function missingAnchors(re: string): { start: boolean; end: boolean } {
  const start = !re.startsWith('^') && !re.startsWith('\\A');
  const endsEscaped = /(^|[^\\])(\\\\)*\\\$$/.test(re);
  const end = !((re.endsWith('$') && !endsEscaped) || re.endsWith('\\z'));
  return { start, end };
}

/** The string a regex matches when it is a literal apart from anchors and `\.` escapes (else undefined). */
export function literalOf(re: string): string | undefined {
  const s = re.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const n = s[i + 1];
      if (n === undefined || !/[.\-/:]/.test(n)) return undefined;
      out += n;
      i++;
      continue;
    }
    if (/[.*+?()[\]{}|^$]/.test(c)) return undefined;
    out += c;
  }
  return out;
}

/** A literal regex with unescaped dots, where the first dot is replaced (`https://app-example.com`). */
export function dotSample(re: string, dots: readonly number[]): string | undefined {
  if (dots.length === 0) return undefined;
  const escaped = escapeDots(re, dots);
  const lit = literalOf(escaped);
  if (lit === undefined) return undefined;
  // The first unescaped dot in the literal: count the escapes before it.
  const before = literalOf(
    escapeDots(
      re.slice(0, dots[0]),
      dots.filter((d) => d < dots[0]),
    ),
  );
  if (before === undefined) return undefined;
  const i = before.replace(/^\^/, '').length;
  return lit.slice(0, i) + '-' + lit.slice(i + 1);
}
