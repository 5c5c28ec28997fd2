/**
 * Warms the edit path while the server is idle, once per process. V8 runs new code slowly at first (interpreted,
 * then compiled once it is hot), so the first ~20 edits of a file cost 3–10× later ones (on a 100-line file,
 * 5–15 ms each, then ~1.2 ms), and it keeps optimizing for a few hundred more (the seed's analysis: p50 1.3 ms over
 * the first 40 edits, 0.4 ms over 400). Without this, the user's first keystrokes after opening a file are the slowest.
 *
 * After the first document that parses cleanly is linted and the server has been idle for WARM_IDLE_MS, the server
 * types into a copy of that document, one edit per turn of the event loop, with its own Analyzer and document copy;
 * nothing it computes is sent or kept. The copy is the document, or its first WARM_SAMPLE_CHARS characters (cut
 * before a key) when it is larger, so the incremental parser (engine/parse/incremental.ts) warms too, unless the
 * document is shorter than INCREMENTAL_MIN_LENGTH.
 * Any message from the client pauses it until the next idle moment. After WARM_EDITS edits the copy is dropped.
 * Each edit counts as work for the memory keeper (lsp/memory.ts), whose compaction thus comes after the warm-up.
 * In the server each edit travels as an editor's would, through a private connection over in-memory streams
 * (lsp/warmRoute.ts), so that the transport and dispatch code warms too; the copy then only gives the next edit.
 * Measured cost, once per process: 0.5–1 s of CPU with the compaction that follows (0.15–0.35 s with 40 edits), the
 * longest step (the copy's first full parse) 3–35 ms.
 * docs/reference/lsp-latency.md.
 */
import { TextCopy } from './textCopy';
import type { TextLike } from '../engine/index';
import { Analyzer, type Analysis } from './analysis';
import { diagnosticsFor } from './diagnostics';
import { applyChanges, takeEdit } from './documents';
import type { Settings } from './settings';
import type { WarmRoute } from './warmRoute';

/**
 * Idle time before the warm-up starts or goes on. Shorter than the memory keeper's COMPACT_IDLE_MS (lsp/memory.ts):
 * the warm-up runs first, each of its steps postpones the compaction, which then also collects the copy's garbage.
 */
export const WARM_IDLE_MS = 100;
/** Edits typed into the copy: the first ~20 are the slow ones, and the p95 of the user's edits keeps falling up to ~300. */
export const WARM_EDITS = 300;
/** The copy of a larger document stops before the last line that starts a key within this many characters. */
export const WARM_SAMPLE_CHARS = 20 * 1024;
/** The piece size of the copy of a document kept in pieces: small, so that reads across pieces warm too. */
const WARM_PIECE = 4096;

export interface WarmHost {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
  /** Runs `fn` on a later turn of the event loop. */
  later(fn: () => void): unknown;
  cancelLater(t: unknown): void;
  /** After each edit of the copy (the server tells its memory keeper that work was done). */
  afterStep?(): void;
}

/** What the warm-up types into: a copy, its analyzer and settings. */
interface Job {
  doc: TextCopy;
  analyzer: Analyzer;
  settings: Settings;
  /** When set, each edit goes through it (an editor's path); `doc` only keeps the text the next edit is made from. */
  route?: WarmRoute;
}

/** Makes the route of a document's copy (lsp/warmRoute.ts), or undefined to type into the analyzer directly. */
export type RouteFactory = (
  uri: string,
  languageId: string,
  text: string,
  settings: Settings,
  folders: () => readonly string[],
) => WarmRoute | undefined;

/**
 * The text the warm-up types into: `text` itself, or when it is longer than WARM_SAMPLE_CHARS a prefix of it that
 * ends before a line starting with a key (at any depth), so that the copy is still whole YAML in the usual case.
 * Undefined when there is no such line.
 */
export function warmSample(text: TextLike): string | undefined {
  if (text.length <= WARM_SAMPLE_CHARS) return text.slice(0);
  for (let i = text.lastIndexOf('\n', WARM_SAMPLE_CHARS - 1); i > 0; i = text.lastIndexOf('\n', i - 1)) {
    let k = i + 1;
    while (text.charCodeAt(k) === 32) k++;
    const end = text.indexOf('\n', k);
    const line = text.slice(k, end < 0 ? text.length : end);
    if (/^[A-Za-z0-9_"'][^#]*:(\s|$)/.test(line)) return text.slice(0, i + 1);
  }
  return undefined;
}

/**
 * The `i`th warm-up edit of `text`: even ones append ` #` to a line (a comment: the YAML stays valid), odd ones take
 * it away again; the line moves through the middle, a quarter and three quarters of the copy.
 */
export function warmEdit(text: TextLike, i: number): { range: { start: Pos; end: Pos }; text: string } {
  const lines = countLines(text);
  const line = Math.min(lines - 1, Math.floor((lines * [2, 1, 3][Math.floor(i / 2) % 3]) / 4));
  let start = 0;
  for (let l = 0; l < line; l++) start = text.indexOf('\n', start) + 1;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  const character = end - start;
  if (i % 2 === 0) return { range: { start: { line, character }, end: { line, character } }, text: ' #' };
  return { range: { start: { line, character: character - 2 }, end: { line, character } }, text: '' };
}

interface Pos {
  line: number;
  character: number;
}

function countLines(text: TextLike): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export class WarmUp {
  private state: 'waiting' | 'armed' | 'running' | 'done' = 'waiting';
  private job: Job | undefined;
  private timer: unknown;
  private next: unknown;
  /** Edits typed into the copy so far. */
  private done = 0;
  /** The edit in flight through the route (an older one's answer is ignored). */
  private seq = 0;

  constructor(
    private readonly host: WarmHost,
    private readonly folders: () => readonly string[],
    private readonly route?: RouteFactory,
  ) {}

  /** The first linted document that parsed cleanly (not part of a release) starts the count-down. */
  linted(a: Analysis, settings: Settings): void {
    if (this.state !== 'waiting' || !a.validated || a.release || !a.result) return;
    const { parsed } = a.result;
    if (parsed.fatal || parsed.docs.some((d) => d.doc.errors.length > 0)) return; // (a later, clean version may start it)
    const sample = warmSample(a.text);
    if (sample === undefined) return;
    const analyzer = new Analyzer({ workspaceFolders: this.folders, log: () => {}, editOf: (d) => takeEdit(d) });
    // A document in pieces (lsp/textCopy.ts) is read through other code than a string: its copy is in pieces too.
    const pieces = typeof a.text === 'string' ? undefined : WARM_PIECE;
    const route = pieces === undefined ? this.route?.(a.uri, 'yaml', sample, settings, this.folders) : undefined;
    this.job = { doc: new TextCopy(a.uri, 'yaml', 1, sample, pieces === undefined ? undefined : 0, pieces), analyzer, settings, route };
    this.arm();
  }

  /** Any message from the client: wait for the next idle moment. */
  touch(): void {
    if (this.state === 'armed' || this.state === 'running') this.arm();
  }

  /** Whether the warm-up is over (or never had anything to do). */
  get finished(): boolean {
    return this.state === 'done';
  }

  /** Edits typed into the copy so far (it is dropped when the warm-up is over). */
  get edits(): number {
    return this.done;
  }

  dispose(): void {
    this.stop();
    this.state = 'done';
    this.job?.route?.dispose();
    this.job = undefined;
  }

  private stop(): void {
    if (this.timer !== undefined) this.host.clearTimeout(this.timer);
    if (this.next !== undefined) this.host.cancelLater(this.next);
    this.timer = this.next = undefined;
  }

  private arm(): void {
    this.stop();
    this.state = 'armed';
    this.timer = this.host.setTimeout(() => {
      this.timer = undefined;
      this.state = 'running';
      this.step();
    }, WARM_IDLE_MS);
  }

  /** One edit and its lint, then the next one on a later turn (a message that came meanwhile is read first). */
  private step(): void {
    this.next = undefined;
    const job = this.job;
    if (!job || this.done >= WARM_EDITS) {
      this.dispose();
      return;
    }
    try {
      const { doc } = job;
      const change = warmEdit(doc.text(), this.done);
      applyChanges(doc, [change], doc.version + 1);
      if (job.route) {
        const token = ++this.seq;
        job.route.edit(change, doc.version, () => {
          if (token !== this.seq) return;
          this.done++;
          this.host.afterStep?.();
          if (this.state === 'running') this.next = this.host.later(() => this.step());
        });
        return;
      }
      diagnosticsFor(job.analyzer.analyze(doc, job.settings).analysis);
      this.done++;
      this.host.afterStep?.();
    } catch {
      this.dispose(); // (the real lint reports its own failures)
      return;
    }
    this.next = this.host.later(() => this.step());
  }
}

/** The timers of this process; each step counts as work for `memory` (lsp/memory.ts). */
export function processWarmHost(memory?: { afterWork(): void }): WarmHost {
  return {
    afterStep: () => memory?.afterWork(),
    setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
    clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
    later: (fn) => setImmediate(fn),
    cancelLater: (t) => clearImmediate(t as NodeJS.Immediate),
  };
}
