/**
 * The editor side of Helm releases (`releases:` in `.vcluster-cors.yaml`): a values file of a release is
 * linted in its release context (the other files as open in the editor, else as on disk), hover shows the
 * effective value in the release and the chain of files that set it, and a code action jumps to the value
 * that wins. Each release is linted once per change of any of its files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Hover, MarkupContent, Range as LspRange } from 'vscode-languageserver/node';
import {
  entryAt,
  LineIndex,
  lintRelease,
  readValuesFile,
  releaseFiles,
  releaseIncludes,
  releaseSources,
  sourceLabel,
  valueChain,
  yamlFilesUnder as yamlFilesUnderEngine,
  type Environment,
  type Finding,
  type HMap,
  type HNode,
  type LintResult,
  type ReleaseConfig,
  type ReleaseLintResult,
  type ResolvedConfig,
} from '../engine/index';

export const GO_TO_WINNING_VALUE = 'vclusterCors.goToWinningValue';

/** Text and a version token of a file: the open document's, else the file on disk. */
export type TextSource = (absPath: string) => { text: string; version: string } | undefined;

interface CachedRelease {
  key: string;
  result: ReleaseLintResult;
  /** Absolute path per source index ('' for the chart defaults and flags). */
  paths: string[];
}

export interface ReleaseEntry {
  release: ReleaseLintResult;
  /** Index of this file among the release's sources. */
  sourceIndex: number;
  paths: string[];
}

export interface ReleaseContext {
  entries: ReleaseEntry[];
  /** Findings for this file (several releases: merged, each naming its release). */
  findings: Finding[];
  result: LintResult;
  /** Absolute paths of every file of the file's releases (to refresh them when one changes). */
  members: string[];
  /** Version tokens of the members when computed (the context is stale when one differs). */
  depsKey: string;
  /** Line index of another file of the release (for related locations there). */
  linesOf(absPath: string): LineIndex | undefined;
}

function yamlFilesUnder(dir: string): string[] {
  return yamlFilesUnderEngine(dir, (d) => {
    try {
      return fs.readdirSync(d, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() }));
    } catch {
      return undefined;
    }
  });
}

export class ReleaseLinter {
  private readonly results = new Map<ReleaseConfig, CachedRelease>();
  private readonly candidates = new Map<string, string[]>();

  constructor(private readonly textOf: TextSource) {}

  /** Config files changed: forget the file lists and results. */
  invalidate(): void {
    this.results.clear();
    this.candidates.clear();
  }

  releasesOf(filePath: string, config: ResolvedConfig): ReleaseConfig[] {
    return (config.releases ?? []).filter((r) => releaseIncludes(r, filePath));
  }

  /** Version token of the members (cheap: no lint). */
  depsKey(members: readonly string[]): string {
    return members.map((m) => this.textOf(m)?.version ?? '-').join('\u0000');
  }

  private lint(r: ReleaseConfig, config: ResolvedConfig, environment: Environment | undefined): CachedRelease {
    let cands = this.candidates.get(r.dir);
    if (!cands) this.candidates.set(r.dir, (cands = yamlFilesUnder(r.dir)));
    const files = releaseFiles(r, cands);
    const all = [...(r.reuseValues ? [path.resolve(r.dir, r.reuseValues)] : []), ...files];
    const key = `${environment ?? ''}\u0001${this.depsKey(all)}`;
    const hit = this.results.get(r);
    if (hit && hit.key === key) return hit;
    const read = (abs: string) => this.textOf(abs)?.text ?? '';
    const { sources, paths } = releaseSources(r, files, read, (abs) => path.relative(r.dir, abs).split(path.sep).join('/'));
    const result = lintRelease({ name: r.name, sources, config, environment, chartVersion: r.chartVersion });
    const cached = { key, result, paths: ['', ...paths] };
    this.results.set(r, cached);
    return cached;
  }

  contextFor(filePath: string, config: ResolvedConfig, environment: Environment | undefined): ReleaseContext | undefined {
    const releases = this.releasesOf(filePath, config);
    if (releases.length === 0) return undefined;
    const entries: ReleaseEntry[] = [];
    const members = new Set<string>();
    for (const r of releases) {
      const c = this.lint(r, config, environment);
      const i = c.paths.findIndex((p) => p !== '' && path.resolve(p) === path.resolve(filePath));
      for (const p of c.paths) if (p) members.add(p);
      if (i < 0 || !c.result.results[i]) continue;
      entries.push({ release: c.result, sourceIndex: i, paths: c.paths });
    }
    if (entries.length === 0) return undefined;
    const withPaths = (e: ReleaseEntry, f: Finding): Finding => {
      if (!f.related.some((x) => x.filePath)) return f;
      return {
        ...f,
        related: f.related.map((x) => {
          if (!x.filePath) return x;
          const j = e.release.sources.findIndex((s) => sourceLabel(s) === x.filePath);
          return j >= 0 && e.paths[j] ? { ...x, filePath: e.paths[j] } : x;
        }),
      };
    };
    let findings: Finding[];
    if (entries.length === 1) findings = entries[0].release.results[entries[0].sourceIndex]!.findings.map((f) => withPaths(entries[0], f));
    else {
      const merged = new Map<string, Finding>();
      for (const e of entries) {
        for (const f of e.release.results[e.sourceIndex]!.findings) {
          const k = `${f.ruleId}\u0000${f.range.start}\u0000${f.range.end}\u0000${f.message}`;
          const prev = merged.get(k);
          merged.set(
            k,
            prev ? { ...prev, release: `${prev.release}, ${e.release.name}` } : { ...withPaths(e, f), release: e.release.name },
          );
        }
      }
      findings = [...merged.values()].sort(
        (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId),
      );
    }
    const memberList = [...members];
    const lineCache = new Map<string, LineIndex>();
    const linesOf = (abs: string): LineIndex | undefined => {
      const hit = lineCache.get(abs);
      if (hit) return hit;
      for (const e of entries) {
        const j = e.paths.findIndex((p) => p === abs);
        if (j < 0) continue;
        const li = new LineIndex(e.release.sources[j].text);
        lineCache.set(abs, li);
        return li;
      }
      return undefined;
    };
    return {
      entries,
      findings,
      result: entries[0].release.results[entries[0].sourceIndex]!,
      members: memberList,
      depsKey: this.depsKey(memberList),
      linesOf,
    };
  }
}

/* ------------------------------------------------------------------ hover */

/** The path of keys at an offset of a values file (the deepest key or value that holds it). */
export function pathAt(tree: HMap, offset: number): string[] | undefined {
  let best: string[] | undefined;
  const walk = (m: HMap, prefix: string[]): void => {
    for (const [k, e] of m.entries) {
      const inKey = offset >= e.keyOrigin.range.start && offset <= e.keyOrigin.range.end;
      const r = e.node.origin.range;
      const inValue = offset >= r.start && offset <= r.end && e.node.origin.source === e.keyOrigin.source;
      if (!inKey && !inValue) continue;
      best = [...prefix, k];
      if (e.node.kind === 'map') walk(e.node, best);
    }
  };
  walk(tree, []);
  return best;
}

function lineOf(text: string, offset: number): number {
  return new LineIndex(text).position(offset).line + 1;
}

function describe(v: unknown): string {
  return v === null || v === undefined ? '(not set)' : typeof v === 'string' ? `\`${v.replace(/`/g, "'")}\`` : `\`${JSON.stringify(v)}\``;
}

/** "set in base.yaml:5, overridden by prod.yaml:3" for the chain of a value. */
export function chainText(r: ReleaseLintResult, steps: ReturnType<typeof valueChain>): string {
  if (!steps) return '';
  const where = (s: { source: number; origin: { range: { start: number } } }): string => {
    const src = r.sources[s.source];
    if (!src) return '?';
    if (src.kind === 'chart-defaults') return 'the chart defaults';
    if (src.kind === 'set' || src.kind === 'set-string' || src.kind === 'set-json') return `\`${sourceLabel(src)}\``;
    return `${src.name}:${lineOf(src.text, s.origin.range.start)}`;
  };
  const parts = steps.steps.map((s, i) => (i === 0 ? `set in ${where(s)}` : `overridden by ${where(s)}`));
  if (steps.removed) parts.push('removed (null)');
  return parts.join(', ');
}

function fileTree(e: ReleaseEntry): HMap | undefined {
  const s = e.release.sources[e.sourceIndex];
  const t = readValuesFile(s.text, e.sourceIndex);
  return 'error' in t ? undefined : t;
}

/** Hover for a key of a release file: its effective value in each release and who set it. */
export function releaseHover(ctx: ReleaseContext | undefined, offset: number): MarkupContent | undefined {
  if (!ctx) return undefined;
  const lines: string[] = [];
  for (const e of ctx.entries) {
    const tree = fileTree(e);
    const keys = tree && pathAt(tree, offset);
    if (!keys) continue;
    const chain = valueChain(e.release, keys);
    if (!chain) continue;
    const name = keys.join('.');
    lines.push(
      `**Release \`${e.release.name}\`**: \`${name}\` is ${chain.removed ? '(removed)' : describe(chain.value)} — ${chainText(e.release, chain)}.`,
    );
  }
  if (lines.length === 0) return undefined;
  return { kind: 'markdown', value: lines.join('\n\n') };
}

/** Appends the release lines to a hover (or makes one). */
export function withReleaseHover(h: Hover | null, extra: MarkupContent | undefined, range?: LspRange): Hover | null {
  if (!extra) return h;
  if (!h) return { contents: extra, ...(range ? { range } : {}) };
  const c = h.contents;
  const base = typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n\n') : c.value;
  return { ...h, contents: { kind: 'markdown', value: `${extra.value}\n\n---\n\n${base}` } };
}

/* ----------------------------------------------------------- code action */

/** "Go to the value that wins": on a key of this file that a later source overrides. */
export function winningValueActions(ctx: ReleaseContext | undefined, offset: number): CodeAction[] {
  if (!ctx) return [];
  const out: CodeAction[] = [];
  for (const e of ctx.entries) {
    const tree = fileTree(e);
    const keys = tree && pathAt(tree, offset);
    if (!keys) continue;
    const now = entryAt(e.release.merged.user, keys);
    const node: HNode | undefined = now?.node;
    if (!node || node.origin.source === e.sourceIndex) continue;
    const src = e.release.sources[node.origin.source];
    const target = e.paths[node.origin.source];
    if (!src || !target) continue;
    const lines = new LineIndex(src.text);
    const range = { start: lines.position(node.origin.range.start), end: lines.position(node.origin.range.end) };
    const title =
      ctx.entries.length > 1
        ? `Go to the value that wins in release ${e.release.name} (${src.name}:${range.start.line + 1})`
        : `Go to the value that wins (${src.name}:${range.start.line + 1})`;
    out.push({ title, kind: 'quickfix', command: { title, command: GO_TO_WINNING_VALUE, arguments: [pathToFileURL(target).href, range] } });
  }
  return out;
}

/** Keeps `fs` reads out of the engine: the default text source reads from disk. */
export function diskText(absPath: string): { text: string; version: string } | undefined {
  try {
    const st = fs.statSync(absPath);
    return { text: fs.readFileSync(absPath, 'utf8'), version: `disk:${st.mtimeMs}:${st.size}` };
  } catch {
    return undefined;
  }
}
