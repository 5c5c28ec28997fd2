/** The fuzz corpus: every YAML file of examples/ and test/fixtures (configuration files excluded). */
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '../../..');

export interface CorpusFile {
  /** Path relative to the repository (also the file path the engine is told). */
  name: string;
  text: string;
}

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(e.name) && !/^\.vcluster-cors\.ya?ml$/.test(e.name)) out.push(p);
  }
}

export function loadCorpus(): CorpusFile[] {
  const files: string[] = [];
  for (const d of ['examples', 'test/fixtures']) walk(path.join(REPO, d), files);
  return files.sort().map((f) => ({ name: path.relative(REPO, f), text: fs.readFileSync(f, 'utf8') }));
}

/** A small deterministic PRNG (mulberry32) for the LSP fuzzer. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
