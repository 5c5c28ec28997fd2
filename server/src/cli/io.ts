/** File and stream helpers for the CLI. */
import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';

/**
 * Replaces the contents of `file` atomically: the new text goes to a temporary file in the same
 * folder, which then takes the file's place with a rename. The file mode (and, where permitted,
 * the owner) is kept; a symbolic link is followed so the link itself stays a link.
 */
export function writeFileAtomic(file: string, text: string): void {
  const real = fs.realpathSync(file);
  const st = fs.statSync(real);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { encoding: 'utf8', mode: st.mode & 0o777, flag: 'wx' });
    fs.chmodSync(tmp, st.mode & 0o7777);
    try {
      fs.chownSync(tmp, st.uid, st.gid);
    } catch {
      // Only the owner or root may change ownership; the mode is what matters.
    }
    fs.renameSync(tmp, real);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
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
