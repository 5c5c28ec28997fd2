/**
 * Which files a command reads: files named explicitly (always), values files found by searching
 * folders recursively, or standard input.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  globMatcher,
  looksLikeCorsConfig,
  looksLikeCorsManifest,
  matchingGlob,
  resolveConfigFor,
  VALUES_FILE_GLOBS,
} from '../engine/index';

/** Values-file names searched for in folders (relative to the folder searched). */
export { VALUES_FILE_GLOBS };

/** Folders never searched (dependencies and VCS data are not ours). */
export const IGNORED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

const isValuesFile = globMatcher(VALUES_FILE_GLOBS);
const isYamlFile = globMatcher('**/*.{yaml,yml}');

/** Largest YAML file whose content is sniffed for CORS manifests (bigger ones are not read while searching). */
export const MAX_SNIFF_BYTES = 2 * 1024 * 1024;

export { looksLikeCorsManifest };

function sniffManifest(abs: string): boolean {
  try {
    const st = fs.statSync(abs);
    if (!st.isFile() || st.size > MAX_SNIFF_BYTES) return false;
    return looksLikeCorsConfig(fs.readFileSync(abs, 'utf8'));
  } catch {
    return false;
  }
}

/** A file to read: `display` is the path as shown in reports, `abs` the absolute path. */
export interface InputFile {
  display: string;
  abs: string;
  stdin: boolean;
}

/** An input problem that ends the run with exit code 2 (missing path, unreadable folder, no files). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENOTREG':
      return 'not a regular file';
    case 'EROFS':
      return 'read-only file system';
    default:
      return err.message ?? String(e);
  }
}

function fileKind(st: fs.Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a file or folder';
}

/** Display form of a path: as given, with `./` and duplicate separators removed. */
function tidy(p: string): string {
  const n = path.normalize(p);
  return n === '.' ? p : n;
}

/** The `files:` globs of the configuration that applies to a folder (a broken config is reported when linting). */
function configuredFiles(root: string): ((abs: string) => boolean) | undefined {
  try {
    const c = resolveConfigFor(path.join(root, '.vcluster-cors-search'));
    if (!c.fileGlobs?.length || !c.fileGlobsDir) return undefined;
    const globs = c.fileGlobs;
    const dir = c.fileGlobsDir;
    return (abs) => matchingGlob(abs, globs, dir) !== undefined;
  } catch {
    return undefined;
  }
}

function searchFolder(root: string, displayRoot: string, out: InputFile[]): number {
  let found = 0;
  const declared = configuredFiles(root);
  // Iterative depth-first walk; symbolic links to folders are not followed (no cycles).
  const stack: string[] = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const dir = rel === '' ? root : path.join(root, rel);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new InputError(`cannot read folder \`${rel === '' ? displayRoot : path.join(displayRoot, rel)}\`: ${describeFsError(e)}`);
    }
    const subdirs: string[] = [];
    for (const ent of entries) {
      const childRel = rel === '' ? ent.name : `${rel}/${ent.name}`;
      if (ent.isDirectory()) {
        if (!IGNORED_FOLDERS.has(ent.name)) subdirs.push(childRel);
        continue;
      }
      // Helm chart templates are never values files: under templates/ only content counts (CORS manifests).
      const inTemplates = childRel.split('/').slice(0, -1).includes('templates');
      const values = (!inTemplates && isValuesFile(childRel)) || (!!declared && declared(path.join(root, childRel)));
      if (!values && !isYamlFile(childRel)) continue;
      let isFile = ent.isFile();
      if (!isFile && ent.isSymbolicLink()) {
        try {
          isFile = fs.statSync(path.join(root, childRel)).isFile();
        } catch {
          isFile = false;
        }
      }
      if (!isFile) continue;
      // Other YAML files count when their content has CORS configuration (a CORS manifest, other charts' values).
      if (!values && !sniffManifest(path.join(root, childRel))) continue;
      out.push({
        display: displayRoot === '.' ? childRel : path.join(displayRoot, childRel),
        abs: path.join(root, childRel),
        stdin: false,
      });
      found++;
    }
    subdirs.sort().reverse();
    stack.push(...subdirs);
  }
  return found;
}

/**
 * The files to read for `paths` (relative to `cwd`), deduplicated and sorted by display path.
 * Throws InputError for a missing path or a folder without values files.
 */
export function collectFiles(paths: readonly string[], cwd: string, stdinFilename?: string): InputFile[] {
  if (paths.length === 1 && paths[0] === '-') {
    const name = stdinFilename ?? '<stdin>';
    return [{ display: name, abs: path.resolve(cwd, name), stdin: true }];
  }
  const out: InputFile[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      throw new InputError(`cannot read \`${p}\`: ${describeFsError(e)}`);
    }
    if (st.isDirectory()) {
      const n = searchFolder(abs, tidy(p), out);
      if (n === 0)
        throw new InputError(
          `no values files found under \`${p}\` (looked for ${VALUES_FILE_GLOBS.map((g) => g.replace('**/', '')).join(', ')}, and for YAML files with a Traefik Middleware, Istio VirtualService, HTTPRoute CORS filter, Ingress CORS annotations or a values file with CORS annotations; add others with \`files:\` in .vcluster-cors.yaml)`,
        );
    } else if (st.isFile()) {
      out.push({ display: tidy(p), abs, stdin: false });
    } else {
      // A FIFO would block the read forever; devices and sockets are not files to lint.
      throw new InputError(`cannot read \`${p}\`: not a regular file (${fileKind(st)})`);
    }
  }
  const seen = new Set<string>();
  const unique = out.filter((f) => (seen.has(f.abs) ? false : (seen.add(f.abs), true)));
  return unique.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}
