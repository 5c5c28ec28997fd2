/**
 * The two `semver` functions vscode-languageclient's Node client calls (`checkVersion`: VS Code's version against
 * its `REQUIRED_VSCODE_VERSION`, a caret range), bundled instead of the `semver` package (~20 KB minified;
 * scripts/build.mjs points `semver/functions/parse` and `semver/functions/satisfies` here). Versions
 * `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]` and caret ranges `^MAJOR.MINOR.PATCH` behave as in semver; any other
 * range throws, so an upstream change shows up instead of passing silently (test/package/semver.test.ts
 * compares both with the real package).
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const VERSION =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parse(version: unknown): SemVer | null {
  if (typeof version !== 'string' || version.length > 256) return null;
  const m = VERSION.exec(version.trim());
  if (!m) return null;
  const nums = [m[1], m[2], m[3]].map(Number);
  if (nums.some((n) => n > Number.MAX_SAFE_INTEGER)) return null;
  return { major: nums[0], minor: nums[1], patch: nums[2], prerelease: m[4] ? m[4].split('.') : [] };
}

export function satisfies(version: SemVer | string, range: string): boolean {
  const r = /^\^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(range);
  if (!r) throw new Error(`client/src/semver.ts: unsupported range ${range}`);
  const v = typeof version === 'string' ? parse(version) : version;
  // A pre-release satisfies a range only when a comparator of the same MAJOR.MINOR.PATCH has one (none here).
  if (!v || v.prerelease.length > 0) return false;
  const [a, b, c] = [r[1], r[2], r[3]].map(Number);
  const atLeast = v.major > a || (v.major === a && (v.minor > b || (v.minor === b && v.patch >= c)));
  if (!atLeast) return false;
  if (a > 0) return v.major === a;
  if (b > 0) return v.major === 0 && v.minor === b;
  return v.major === 0 && v.minor === 0 && v.patch === c;
}
