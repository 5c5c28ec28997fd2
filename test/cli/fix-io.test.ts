/**
 * `--fix` on real files (issue 9, items 6 and 10–13): exact bytes, modes, owners and links, concurrent changes,
 * non-regular files. Spawns the built CLI; the read-only case runs it as the unprivileged user `nobody`.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const P = 'nginx.ingress.kubernetes.io';
const NOBODY = 65534;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'NODE_OPTIONS']) delete env[k];
  return env;
}

function cli(args: string[], cwd: string, opts: { env?: Record<string, string>; asNobody?: boolean; timeout?: number } = {}): RunResult {
  const cmd = opts.asNobody ? 'setpriv' : process.execPath;
  const argv = opts.asNobody
    ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, CLI, ...args]
    : [CLI, ...args];
  const r = spawnSync(cmd, argv, { cwd, env: cleanEnv(opts.env), encoding: 'utf8', timeout: opts.timeout ?? 60000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vcc-fixio-'));
  fs.chmodSync(d, 0o777);
  return d;
}

/** A values file with one fixable problem (`cors-max-age` missing: the fix inserts it after the last annotation). */
function values(eol = '\n', extra: string[] = []): string {
  return [
    'ingress:',
    '  enabled: true',
    '  host: "platform.example.com"',
    '  annotations:',
    `    ${P}/enable-cors: "true"`,
    `    ${P}/cors-allow-origin: "https://app.example.com"`,
    `    ${P}/cors-allow-credentials: "true"`,
    ...extra,
    '',
  ].join(eol);
}
const FIXED_LINE = `    ${P}/cors-max-age: "7200"`;

describe('--fix writes safely', () => {
  test('item 10: a file that is not valid UTF-8 is refused with a clear message and left byte for byte', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'vcluster-platform.yaml');
    // `é` in Latin-1 (0xE9) in a comment on a line no fix touches.
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + values())]);
    fs.writeFileSync(file, bytes);
    const r = cli(['lint', '--fix', 'vcluster-platform.yaml'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      'vcluster-cors: cannot fix `vcluster-platform.yaml`: it is not valid UTF-8 (byte 0xe9 at line 1, column 6); it was not changed. Save it as UTF-8 first.',
    ]);
    assert.deepEqual(fs.readFileSync(file), bytes);
    // Linting alone still works (exit 0: only a warning).
    assert.equal(cli(['lint', 'vcluster-platform.yaml'], dir).code, 0);
  });

  test('item 10: bytes outside the edit never change (BOM, CRLF, non-ASCII text)', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'vcluster-platform.yaml');
    const text = '\uFEFF# Ünïcödé 日本 🚀\r\n' + values('\r\n');
    fs.writeFileSync(file, text, 'utf8');
    const before = fs.readFileSync(file);
    const r = cli(['lint', '--fix', 'vcluster-platform.yaml'], dir);
    assert.equal(r.code, 0, r.stderr);
    const after = fs.readFileSync(file);
    const expected = Buffer.from('\uFEFF# Ünïcödé 日本 🚀\r\n' + values('\r\n', [FIXED_LINE]), 'utf8');
    assert.deepEqual(after, expected);
    assert.deepEqual(after.subarray(0, before.length - 2), before.subarray(0, before.length - 2));
  });

  test('item 11: the file is written in place: mode, owner and hard links are kept', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'vcluster-platform.yaml');
    const link = path.join(dir, 'link.yaml');
    fs.writeFileSync(file, values());
    fs.chmodSync(file, 0o640);
    fs.chownSync(file, NOBODY, NOBODY);
    fs.linkSync(file, link);
    const st = fs.statSync(file);
    const r = cli(['lint', '--fix', 'vcluster-platform.yaml'], dir);
    assert.equal(r.code, 0, r.stderr);
    const after = fs.statSync(file);
    assert.equal(fs.readFileSync(file, 'utf8'), values('\n', [FIXED_LINE]));
    assert.equal(fs.readFileSync(link, 'utf8'), values('\n', [FIXED_LINE]), 'the hard link sees the fix');
    assert.deepEqual([after.ino, after.mode & 0o7777, after.uid, after.gid, after.nlink], [st.ino, 0o640, NOBODY, NOBODY, 2]);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['link.yaml', 'vcluster-platform.yaml'], 'no temporary file left');
  });

  test('item 11: a read-only file (as a non-root user, in a writable folder) gets a one-line error, exit 2, and is not touched', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'vcluster-platform.yaml');
    fs.writeFileSync(file, values());
    fs.chownSync(file, NOBODY, NOBODY);
    fs.chmodSync(file, 0o444);
    const st = fs.statSync(file);
    const r = cli(['lint', '--fix', 'vcluster-platform.yaml'], dir, { asNobody: true });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      'vcluster-cors: cannot write the fixes to `vcluster-platform.yaml`: permission denied; it was not changed.',
    ]);
    const after = fs.statSync(file);
    assert.equal(fs.readFileSync(file, 'utf8'), values());
    assert.deepEqual([after.ino, after.mode & 0o7777, after.uid, after.mtimeMs], [st.ino, 0o444, NOBODY, st.mtimeMs]);
    assert.deepEqual(fs.readdirSync(dir), ['vcluster-platform.yaml']);
  });

  test('item 12: a line appended while --fix runs on a 4 MB file is not lost: the file is skipped with a warning', async () => {
    const dir = tmpdir();
    const file = path.join(dir, 'vcluster-platform.yaml');
    // 4 MB, mostly comments: big enough that the fix takes a while, cheap enough for the test suite.
    let text = values();
    const comment = `# ${'x'.repeat(200)}\n`;
    while (text.length < 4 * 1024 * 1024) text += comment;
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, '.vcluster-cors.yaml'), 'maxFileSize: 8388608\n');
    // An atime older than the mtime: the CLI's read updates it (relatime), which tells the test when to append.
    const old = new Date(Date.now() - 86400_000);
    fs.utimesSync(file, old, new Date());
    const atime0 = fs.statSync(file).atimeMs;
    const child = spawn(process.execPath, [CLI, 'lint', '--fix', 'vcluster-platform.yaml'], { cwd: dir, env: cleanEnv() });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let exitedEarly = false;
    void exited.then(() => (exitedEarly = true));
    while (fs.statSync(file).atimeMs === atime0 && !exitedEarly) await new Promise((r) => setTimeout(r, 2));
    assert.ok(!exitedEarly, 'the CLI ended before the test could append');
    fs.appendFileSync(file, 'appended: "by someone else"\n');
    const code = await exited;
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      /^vcluster-cors: skipped `vcluster-platform\.yaml`: it changed on disk while it was being fixed; it was not written\. Run --fix again\.$/m,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), text + 'appended: "by someone else"\n');
  });

  test('item 13: a FIFO named on the command line is refused at once with a one-line error', () => {
    const dir = tmpdir();
    const fifo = path.join(dir, 'vcluster-platform.yaml');
    const mk = spawnSync('mkfifo', [fifo]);
    assert.equal(mk.status, 0, String(mk.stderr));
    for (const args of [
      ['lint', 'vcluster-platform.yaml'],
      ['lint', '--fix', 'vcluster-platform.yaml'],
      ['policy', 'vcluster-platform.yaml'],
    ]) {
      const r = cli(args, dir, { timeout: 20000 });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.deepEqual(r.stderr.trim().split('\n'), [
        'vcluster-cors: cannot read `vcluster-platform.yaml`: not a regular file (a named pipe)',
      ]);
    }
    const dev = cli(['lint', '/dev/null'], dir);
    assert.equal(dev.code, 2);
    assert.deepEqual(dev.stderr.trim().split('\n'), ['vcluster-cors: cannot read `/dev/null`: not a regular file (a device)']);
  });

  test('item 6: fix-all stopping at its pass limit is reported on stderr with exit 2, and the file is not changed', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'loft.yaml');
    const text = [
      'ingress:',
      '  host: loft.example.com',
      '  ingressClass: traefik',
      '  annotations:',
      '    kubernetes.io/ingress.class: nginx',
      `    ${P}/cors-allow-origin: "https://dashboard.example.com:443, http://localhost:3000"`,
      '',
    ].join('\n');
    fs.writeFileSync(file, text);
    for (const mode of ['--fix', '--fix-dry-run']) {
      const r = cli(['lint', mode, 'loft.yaml'], dir, { env: { VCLUSTER_CORS_MAX_FIX_PASSES: '2' } });
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(r.stderr.trim().split('\n'), [
        'vcluster-cors: `loft.yaml`: fixing stopped after 2 passes with fixes still left (a fix does not converge); the file was not changed. Please report this.',
      ]);
      assert.equal(fs.readFileSync(file, 'utf8'), text);
    }
    // With the default limit the same file is fixed in three passes.
    assert.notEqual(cli(['lint', '--fix', 'loft.yaml'], dir).code, 2);
    assert.notEqual(fs.readFileSync(file, 'utf8'), text);
  });
});
