/** File and stream helpers for the CLI. */
import * as fs from 'fs';
import * as path from 'path';

/**
 * What was read from a file: its bytes and what identifies that version of it (checked again before writing).
 * The bytes themselves are the content check (no hash: every file of a lint run was hashed for nothing).
 */
export interface FileSnapshot {
  bytes: Buffer;
  size: number;
  mtimeMs: number;
}

/** Reads a regular file and remembers its size and mtime. */
export function readSnapshot(file: string): FileSnapshot {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const bytes = fs.readFileSync(fd);
    return { bytes, size: st.size, mtimeMs: st.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes as text when they are valid UTF-8 (a BOM is kept as U+FEFF, so text → bytes is exact), else the
 * offset of the first invalid byte.
 */
export function decodeUtf8(bytes: Buffer): { text: string } | { invalidAt: number } {
  try {
    const text = strictUtf8.decode(bytes);
    // TextDecoder drops a leading BOM; put it back so the text maps to the bytes one to one.
    return { text: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' + text : text };
  } catch {
    return { invalidAt: firstInvalidUtf8(bytes) };
  }
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    let min = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = n === 0 ? c : c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (n > 0 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return i;
    i += n + 1;
  }
  return -1;
}

/** UTF-8 byte length of `s` up to UTF-16 offset `end`. */
function utf8Offset(s: string, end: number): number {
  return Buffer.byteLength(s.slice(0, end), 'utf8');
}

/**
 * The new bytes of a file: the one region where `before` and `after` differ is replaced in the ORIGINAL bytes,
 * so every byte outside the edit is the file's own.
 */
export function spliceBytes(original: Buffer, before: string, after: string): Buffer {
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  // Never split a surrogate pair.
  if (s > 0 && s < before.length && before.charCodeAt(s - 1) >= 0xd800 && before.charCodeAt(s - 1) <= 0xdbff) s--;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e)) e++;
  if (e > 0 && before.length - e > s && before.charCodeAt(before.length - e) >= 0xdc00 && before.charCodeAt(before.length - e) <= 0xdfff)
    e--;
  const bs = utf8Offset(before, s);
  const be = original.length - Buffer.byteLength(before.slice(before.length - e), 'utf8');
  return Buffer.concat([original.subarray(0, bs), Buffer.from(after.slice(s, after.length - e), 'utf8'), original.subarray(be)]);
}

export class ChangedOnDiskError extends Error {
  constructor() {
    super('the file changed on disk since it was read');
    this.name = 'ChangedOnDiskError';
  }
}

/**
 * Writes `bytes` into `file` in place: the same inode, so its mode, owner, hard links and (through a symbolic
 * link) the link itself are kept. Before writing, the file must still be the version `snapshot` describes (size,
 * mtime and content); otherwise ChangedOnDiskError is thrown and nothing is written. A file the
 * user may not write fails with the open error (EACCES/EPERM) before any byte changes.
 */
export function writeInPlace(file: string, snapshot: FileSnapshot, bytes: Buffer): void {
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (st.size !== snapshot.size || st.mtimeMs !== snapshot.mtimeMs) throw new ChangedOnDiskError();
    const now = Buffer.alloc(st.size);
    let got = 0;
    while (got < now.length) {
      const n = fs.readSync(fd, now, got, now.length - got, got);
      if (n === 0) break;
      got += n;
    }
    if (got !== snapshot.size || !now.equals(snapshot.bytes)) throw new ChangedOnDiskError();
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, done);
    fs.ftruncateSync(fd, bytes.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads all of standard input as UTF-8. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes a report to a file, creating its folder when needed. */
export function writeOutputFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text, 'utf8');
}
