/**
 * Rule ids in a stable order without `localeCompare`: its first call builds an ICU collator (~6 ms of the
 * language server's start) and every later call costs more than a code-unit comparison. For ids made of
 * `a-z`, `0-9` and `-` (all of ours) both orders agree: ICU's root collation puts punctuation before digits
 * before letters, as ASCII does (test/unit/compare.test.ts checks every registered id).
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
