/**
 * RE2 (Go `regexp`, Envoy `safe_regex`) approximated with JavaScript's RegExp: the constructs RE2 rejects are
 * reported before JavaScript sees the pattern, which also keeps pathological patterns (huge repeat counts)
 * away from V8's regex compiler.
 */

/** RE2's largest repeat count (`{n}`, `{n,m}`). */
export const RE2_MAX_REPEAT = 1000;

/** Why a regex does not compile as RE2 (undefined when it does). */
export function re2Error(re: string): string | undefined {
  if (/\(\?[=!]|\(\?<[=!]/.test(re)) return 'lookaround assertions are not supported by RE2';
  if (/\\[1-9]/.test(re)) return 'backreferences are not supported by RE2';
  for (const m of re.matchAll(/(?<!\\)\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > RE2_MAX_REPEAT || (m[2] && Number(m[2]) > RE2_MAX_REPEAT)) return `repeat count above ${RE2_MAX_REPEAT}`;
  }
  try {
    new RegExp(re);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/s, '');
  }
}

/** A RegExp for an RE2 pattern, or undefined when RE2 would reject it. `full`: full-string match (Envoy). */
export function re2RegExp(re: string, full: boolean): RegExp | undefined {
  if (re2Error(re) !== undefined) return undefined;
  try {
    return new RegExp(full ? `^(?:${re})$` : re);
  } catch {
    return undefined;
  }
}
