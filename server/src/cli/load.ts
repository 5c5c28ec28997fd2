/** Reading the input files of a run: collect them, resolve each one's configuration, read the bytes. */
import * as path from 'path';
import type { CliOptions } from './args';
import { collectFiles, describeFsError, InputError, type InputFile } from './files';
import { decodeUtf8, readSnapshot, type FileSnapshot } from './io';
import { configErrorLines, FatalLines, type Io } from './context';
import { releaseFilesInFolders } from './releases';
import { ConfigError, loadConfigFile, resolveConfigFor, ruleIds, type ConfigCache, type ResolvedConfig } from '../engine/index';

export interface LoadedFile extends InputFile {
  text: string;
  config: ResolvedConfig;
  /** The bytes read and what identifies them (not for stdin). */
  snapshot?: FileSnapshot;
  /** Offset of the first byte that is not UTF-8, when there is one (the text then has U+FFFD in its place). */
  invalidUtf8At?: number;
}

/** Resolves configs and reads all files (stdin included). Throws FatalLines / InputError. */
export async function loadFiles(o: CliOptions, io: Io): Promise<LoadedFile[]> {
  const paths = o.paths.length > 0 ? o.paths : ['.'];
  const extra = releaseFilesInFolders(paths, io.cwd);
  let files: InputFile[];
  try {
    files = collectFiles(paths, io.cwd, o.stdinFilename);
  } catch (e) {
    // A folder that holds only the files of `releases:` (named freely, e.g. base.yaml) is not empty.
    if (!(e instanceof InputError && extra.length > 0 && e.message.startsWith('no values files found'))) throw e;
    files = [];
  }
  if (extra.length > 0) {
    const seen = new Set(files.map((f) => f.abs));
    for (const f of extra) {
      if (seen.has(f.abs)) continue;
      seen.add(f.abs);
      files.push(f);
    }
    files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  }
  const cache: ConfigCache = new Map();
  let explicit: ResolvedConfig | undefined;
  try {
    if (o.config !== undefined) explicit = loadConfigFile(path.resolve(io.cwd, o.config), { cache, knownRuleIds: ruleIds });
  } catch (e) {
    if (e instanceof ConfigError) throw new FatalLines(configErrorLines(e, io.cwd));
    throw e;
  }
  const out: LoadedFile[] = [];
  // A file's config depends only on its folder: resolve it once per folder (each resolution stats two names in
  // every folder up to the root).
  const byFolder = new Map<string, ResolvedConfig>();
  for (const f of files) {
    let config: ResolvedConfig;
    try {
      const folder = path.dirname(path.resolve(f.abs));
      config = explicit ?? byFolder.get(folder) ?? resolveConfigFor(f.abs, { cache, knownRuleIds: ruleIds });
      byFolder.set(folder, config);
    } catch (e) {
      if (e instanceof ConfigError) throw new FatalLines(configErrorLines(e, io.cwd));
      throw e;
    }
    if (f.stdin) {
      out.push({ ...f, text: await io.readStdin(), config });
      continue;
    }
    let snapshot: FileSnapshot;
    try {
      snapshot = readSnapshot(f.abs);
    } catch (e) {
      throw new InputError(`cannot read \`${f.display}\`: ${describeFsError(e)}`);
    }
    const decoded = decodeUtf8(snapshot.bytes);
    if ('text' in decoded) out.push({ ...f, text: decoded.text, config, snapshot });
    else out.push({ ...f, text: snapshot.bytes.toString('utf8'), config, snapshot, invalidUtf8At: decoded.invalidAt });
  }
  return out;
}
