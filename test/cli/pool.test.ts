/**
 * Large file sets are linted on worker threads: the report (every format) and the exit code are byte for byte
 * those of a sequential run, in the same order, whatever worker finishes first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { poolSize } from '../../server/src/cli/pool';
import { lintInPool } from '../../server/src/cli/pool';
import { DEFAULT_CONFIG, lintText } from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const SEED = fs.readFileSync(path.join(ROOT, 'examples/vcluster-platform.yaml'), 'utf8');

/** 260 files of different sizes and problems, in two folders with different configurations. */
function makeTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcc-pool-'));
  for (const sub of ['dev', 'prod', 'prod/eu']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dev/.vcluster-cors.yaml'), 'rules:\n  no-vary-origin: off\n  wildcard-origin: warning\n');
  for (let i = 0; i < 260; i++) {
    let t = SEED.replace('https://dashboard.example.com', i % 5 === 0 ? '*' : `https://d${i}.example.com`);
    if (i % 7 === 0) t = t.replace('"3600"', '3600');
    if (i % 11 === 0) t += 'ingress:\n  hosts: []\n'; // duplicate key + schema
    if (i % 17 === 0) t = t.replace('enabled: true', 'enabled: [oops'); // syntax error
    if (i % 3 === 0) t += '# padding\n'.repeat(i * 3); // different sizes, so workers finish out of order
    const sub = i % 3 === 0 ? 'dev' : i % 3 === 1 ? 'prod' : 'prod/eu';
    fs.writeFileSync(path.join(dir, sub, `platform-values-${String(i).padStart(3, '0')}.yaml`), t);
  }
  return dir;
}

function cli(args: string[], cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the worker pool gives the sequential report byte for byte, in every format', () => {
  const dir = makeTree();
  try {
    for (const format of ['stylish', 'json', 'sarif']) {
      const seq = cli(['lint', '--format', format, '.'], dir, { VCLUSTER_CORS_WORKERS: '0', DEBUG: 'vcluster-cors' });
      const par = cli(['lint', '--format', format, '.'], dir, { VCLUSTER_CORS_WORKERS: '3', DEBUG: 'vcluster-cors' });
      assert.doesNotMatch(seq.stderr, /threads/);
      assert.match(par.stderr, /linting 260 files on 3 threads \(this one and 2 workers\)/);
      assert.doesNotMatch(par.stderr, /pool failed/);
      assert.equal(par.code, 1);
      assert.equal(par.code, seq.code);
      assert.ok(seq.stdout.length > 10_000);
      assert.equal(par.stdout, seq.stdout, format);
    }
    // --max-warnings and --quiet count the same way.
    const seq = cli(['lint', '--quiet', '--max-warnings', '3', '.'], dir, { VCLUSTER_CORS_WORKERS: '0' });
    const par = cli(['lint', '--quiet', '--max-warnings', '3', '.'], dir, { VCLUSTER_CORS_WORKERS: '2' });
    assert.deepEqual(par, seq);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('pool size: none for small sets, fewer than three cores or when forced off; one thread per idle core but one', () => {
  const idle4 = { cores: 4, load: 0 };
  assert.equal(poolSize(10, {}, idle4), 0);
  assert.equal(poolSize(999, {}, idle4), 0);
  assert.equal(poolSize(1000, {}, idle4), 2);
  assert.equal(poolSize(1499, {}, idle4), 2);
  assert.equal(poolSize(1500, {}, idle4), 3);
  // A core is left to V8's background threads.
  assert.equal(poolSize(100_000, {}, idle4), 3);
  assert.equal(poolSize(100_000, {}, { cores: 8, load: 0 }), 7);
  assert.equal(poolSize(100_000, {}, { cores: 1, load: 0 }), 0);
  assert.equal(poolSize(100_000, {}, { cores: 2, load: 0 }), 0);
  assert.equal(poolSize(100_000, {}, { cores: 3, load: 0 }), 2);
  // Busy cores: no more threads than the cores the load leaves free.
  assert.equal(poolSize(100_000, {}, { cores: 4, load: 1 }), 3);
  assert.equal(poolSize(100_000, {}, { cores: 4, load: 2.2 }), 2);
  assert.equal(poolSize(100_000, {}, { cores: 4, load: 2.6 }), 0);
  assert.equal(poolSize(100_000, {}, { cores: 8, load: 3.4 }), 5);
  assert.equal(poolSize(100_000, {}, { cores: 2, load: 6 }), 0);
  // Forced: N threads whatever the load.
  assert.equal(poolSize(5000, { VCLUSTER_CORS_WORKERS: '0' }, idle4), 0);
  assert.equal(poolSize(5000, { VCLUSTER_CORS_WORKERS: '1' }, idle4), 0);
  assert.equal(poolSize(10, { VCLUSTER_CORS_WORKERS: '4' }, { cores: 2, load: 6 }), 4);
});

test('lintInPool (compiled by tsc: the worker runs pool.js itself) returns the outcomes in job order', async () => {
  const texts = Array.from({ length: 70 }, (_, i) => SEED.replace('"3600"', i % 2 ? '3600' : '"99999"') + '# x\n'.repeat((70 - i) * 20));
  const outcomes = await lintInPool(
    texts.map((text, i) => ({ filePath: `f${i}.yaml`, text, config: 0 })),
    [DEFAULT_CONFIG],
    3,
  );
  assert.equal(outcomes.length, texts.length);
  texts.forEach((t, i) => {
    const r = lintText(t, { filePath: `f${i}.yaml`, config: DEFAULT_CONFIG });
    assert.deepEqual(outcomes[i].findings, r.findings);
    assert.deepEqual(outcomes[i].lineStarts, r.parsed.lineCounter.lineStarts);
  });
});
