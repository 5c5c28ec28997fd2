/** Searches in ascending arrays of offsets (line starts, piece starts). */

/** The index of the first element of the ascending `xs` greater than `x` (`xs.length` when none is). */
export function firstAbove(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
