/**
 * Language-server fuzzing: one server, corpus documents opened and then hit with random requests at random
 * positions (a share of them far out of range or negative), random incremental edits (a share past the end or
 * reversed), and random cancels. Properties:
 *  - every request is answered (a result, or RequestCancelled for a cancelled one; never an internal error)
 *    within `answerMs` of the server's CPU time (and 30 s of wall time, for a server that waits forever);
 *  - after the edits, the diagnostics of the edited document equal those of a fresh document opened with the
 *    text VS Code would hold (edits clamped the way its text model clamps them);
 *  - the server never logs an internal error.
 * Used by test/lsp/fuzz.test.ts (seeded, bounded) and scripts/fuzz.mjs (`npm run fuzz`).
 */
import * as fs from 'fs';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, fixtureUri, summary } from '../lsp/client';
import { prng, type CorpusFile } from './corpus';

export interface LspFuzzOptions {
  seed: number;
  /** Documents to open (each gets `opsPerDoc` random operations). */
  docs: number;
  opsPerDoc: number;
  answerMs: number;
}

export interface LspFuzzCounts {
  requests: number;
  cancelled: number;
  edits: number;
  outOfRange: number;
  comparisons: number;
}

const FIX_ALL = 'source.fixAll.vclusterCors';
const SNIPPETS = [
  '',
  ' ',
  '\n',
  'a',
  ':',
  ': ',
  '"',
  '- ',
  '#',
  '  x: 1\n',
  'nginx.ingress.kubernetes.io/enable-cors: "true"\n',
  '    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n',
  '\r\n',
  '{',
  '[',
  'é',
];

/** The text VS Code holds after a change: both ends clamped to the document, a reversed range swapped. */
export function applyLikeVsCode(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
  insert: string,
): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => {
    if (p.line < 0) return 0;
    if (p.line >= starts.length) return text.length;
    const s = starts[p.line];
    let end = p.line + 1 < starts.length ? starts[p.line + 1] - 1 : text.length;
    if (end > s && text[end - 1] === '\r' && p.line + 1 < starts.length) end--;
    return s + Math.max(0, Math.min(p.character, end - s));
  };
  let a = offset(range.start);
  let b = offset(range.end);
  if (a > b) [a, b] = [b, a];
  return text.slice(0, a) + insert + text.slice(b);
}

/** CPU time (user + system, ms) the process has used so far (Linux /proc; 0 elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // fields[11], fields[12]: utime, stime in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * The answer to `p`, which must come within `ms` of the server's CPU time (so that a loaded CI machine does not
 * fail the run; a request that loops burns CPU and is caught) and within `wallMs` of wall time (a request that
 * never answers while idle).
 */
async function within<T>(p: Promise<T>, ms: number, what: string, pid?: number, wallMs = Math.max(30_000, ms * 30)): Promise<T> {
  const cpu0 = cpuMs(pid);
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    p.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    new Promise<{ ok: false; error: Error }>((resolve) => {
      // Checked every 50 ms: a server looping on the request is caught as soon as it has burnt `ms` of CPU.
      timer = setInterval(() => {
        if (Date.now() - t0 > wallMs) resolve({ ok: false, error: new Error(`${what}: no answer within ${wallMs} ms`) });
        else if (cpuMs(pid) - cpu0 > ms) resolve({ ok: false, error: new Error(`${what}: no answer after ${ms} ms of server CPU time`) });
      }, 50);
    }),
  ]);
  clearInterval(timer);
  const cpu = cpuMs(pid) - cpu0;
  if (cpu > ms) throw new Error(`${what}: answered after ${cpu} ms of server CPU time (${Date.now() - t0} ms wall), over ${ms} ms`);
  if (!settled.ok) throw settled.error;
  return settled.value;
}

export async function fuzzLsp(corpus: readonly CorpusFile[], o: LspFuzzOptions): Promise<LspFuzzCounts> {
  const rnd = prng(o.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const counts: LspFuzzCounts = { requests: 0, cancelled: 0, edits: 0, outOfRange: 0, comparisons: 0 };
  const texts = new Map<string, string>();
  const c = await LspClient.start({
    pull: true,
    documentText: (uri) => (texts.has(uri) ? { uri, version: c.version(uri), text: texts.get(uri)! } : null),
  });
  const fail = (msg: string) => {
    throw new Error(`LSP fuzz (seed ${o.seed}): ${msg}`);
  };
  try {
    for (let d = 0; d < o.docs; d++) {
      const file = pick(corpus);
      const name = file.name.split('/').pop()!;
      const uri = fixtureUri(`fuzz-${o.seed}-${d}`, name);
      // A third of the documents are padded past 20 KiB with more top-level blocks, so the server's incremental
      // parser (used from INCREMENTAL_MIN_LENGTH on) also sees edits in big files, where most nodes move lazily.
      let text = file.text;
      if (rnd() < 0.33) {
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        if (!text.endsWith('\n')) text += eol;
        for (let i = 0; text.length < 20 * 1024; i++)
          text += `pad${i}:${eol}  name: "item-${i}"${eol}  list:${eol}    - a: ${i}${eol}      b: [x, "y"]${eol}`;
      }
      texts.set(uri, text);
      await c.open(uri, text);
      const position = () => {
        const lines = text.split('\n').length;
        const r = rnd();
        if (r < 0.1) return (counts.outOfRange++, { line: 2147483647, character: int(3) === 0 ? 2147483647 : int(5) });
        if (r < 0.15) return (counts.outOfRange++, { line: -int(5) - 1, character: -int(5) });
        if (r < 0.25) return (counts.outOfRange++, { line: lines + int(20), character: int(200) });
        return { line: int(lines), character: int(r < 0.4 ? 500 : 40) };
      };
      for (let k = 0; k < o.opsPerDoc; k++) {
        const op = rnd();
        if (op < 0.35) {
          // An incremental edit, sometimes out of range or reversed.
          const range = { start: position(), end: position() };
          if (rnd() < 0.7) range.end = { line: range.start.line + int(2), character: int(30) };
          const insert = pick(SNIPPETS);
          text = applyLikeVsCode(text, range, insert);
          texts.set(uri, text);
          await c.changeRaw(uri, [{ range, text: insert }]);
          counts.edits++;
          continue;
        }
        const kind = pick([
          'textDocument/completion',
          'textDocument/hover',
          'textDocument/codeAction',
          'textDocument/codeAction',
          'textDocument/diagnostic',
        ] as const);
        const p = position();
        const params =
          kind === 'textDocument/codeAction'
            ? {
                textDocument: { uri },
                range: { start: p, end: position() },
                context: { diagnostics: [], only: rnd() < 0.5 ? [FIX_ALL] : undefined },
              }
            : kind === 'textDocument/diagnostic'
              ? { textDocument: { uri } }
              : { textDocument: { uri }, position: p };
        const src = new CancellationTokenSource();
        const cancel = rnd() < 0.2;
        const req = c.conn.sendRequest(kind, params, src.token);
        if (cancel) setTimeout(() => src.cancel(), int(3));
        counts.requests++;
        try {
          await within(req, o.answerMs, `${kind} ${JSON.stringify(params).slice(0, 200)}`, c.proc.pid);
        } catch (e) {
          const code = (e as { code?: number }).code;
          if (code === -32800 && cancel) counts.cancelled++;
          else if (code === -32801) {
            /* ContentModified: the copy was being re-synchronised */
          } else fail(`${kind} failed: ${(e as Error).message} (code ${code}) on ${name}`);
        }
      }
      // Incremental state == fresh state.
      const got = await within(c.pull(uri), o.answerMs, 'diagnostic', c.proc.pid);
      const freshUri = fixtureUri(`fuzz-${o.seed}-${d}-fresh`, name);
      await c.open(freshUri, text);
      const fresh = await within(c.pull(freshUri), o.answerMs, 'diagnostic', c.proc.pid);
      const show = (items: Diagnostic[] | undefined) =>
        (items ?? []).map((x) => `${summary(x)} ${typeof x.message === 'string' ? x.message : x.message.value}`);
      if (JSON.stringify(show(got.items)) !== JSON.stringify(show(fresh.items))) {
        fail(
          `incremental diagnostics differ from a fresh open of ${name}:\n${show(got.items).join('\n')}\n--- fresh:\n${show(fresh.items).join('\n')}\n--- text:\n${JSON.stringify(text)}`,
        );
      }
      counts.comparisons++;
      await c.close(uri);
      await c.close(freshUri);
    }
    const internal = c.logs.filter((l) => /Internal error|uncaughtException|unhandledRejection|\n\s+at /.test(l));
    if (internal.length) fail(`the server logged errors:\n${internal.join('\n')}`);
    if (c.exited) fail('the server exited');
  } finally {
    await c.stop();
  }
  return counts;
}
