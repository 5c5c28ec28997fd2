/** The helper threads at background priority (lsp/threads.ts): which threads, where, and in the real server. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { backgroundHelperThreads, HELPER_NICE, type ThreadHost } from '../../server/src/lsp/threads';
import { LspClient } from './client';

function host(platform: string, ids: string[] | Error, fail: number[] = []) {
  const set: [number, number][] = [];
  const h: ThreadHost = {
    platform,
    pid: 100,
    threads: () => {
      if (ids instanceof Error) throw ids;
      return ids;
    },
    setNice: (tid, nice) => {
      if (fail.includes(tid)) throw new Error('ESRCH');
      set.push([tid, nice]);
    },
  };
  return { h, set };
}

describe('backgroundHelperThreads', () => {
  test('Linux: every thread but the main one goes to the lowest priority', () => {
    const { h, set } = host('linux', ['100', '101', '102', '107']);
    assert.equal(backgroundHelperThreads(h), 3);
    assert.deepEqual(set, [
      [101, HELPER_NICE],
      [102, HELPER_NICE],
      [107, HELPER_NICE],
    ]);
    assert.equal(HELPER_NICE, 19);
  });

  test('a thread that ended meanwhile (or a refusal) is skipped, the others still change', () => {
    const { h, set } = host('linux', ['100', '101', '102'], [101]);
    assert.equal(backgroundHelperThreads(h), 1);
    assert.deepEqual(set, [[102, HELPER_NICE]]);
  });

  test('no /proc, odd entries, other systems: nothing changes, nothing throws', () => {
    const noProc = host('linux', new Error('ENOENT'));
    assert.equal(backgroundHelperThreads(noProc.h), 0);
    const odd = host('linux', ['100', 'x', '0', '-3', '']);
    assert.equal(backgroundHelperThreads(odd.h), 0);
    assert.deepEqual(odd.set, []);
    for (const platform of ['darwin', 'win32']) {
      const other = host(platform, ['100', '101']);
      assert.equal(backgroundHelperThreads(other.h), 0);
      assert.deepEqual(other.set, []);
    }
  });
});

/** The nice value of each thread of `pid`: field 19 of /proc/<pid>/task/<tid>/stat (after the command name). */
function niceOf(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(t), Number(fields[16]));
  }
  return out;
}

describe('the real server', { skip: process.platform !== 'linux' && 'per-thread priorities are a Linux feature' }, () => {
  test('answers on its main thread at the priority it was started with; its helper threads run at nice 19', async () => {
    const c = await LspClient.start({ pull: true });
    try {
      const pid = c.proc.pid!;
      const nice = niceOf(pid);
      assert.equal(nice.get(pid), getPriority(), "main thread: as started (this process's own priority)");
      const helpers = [...nice].filter(([tid]) => tid !== pid);
      assert.ok(helpers.length >= 2, `helper threads: ${helpers.length}`);
      for (const [tid, n] of helpers) assert.equal(n, HELPER_NICE, `thread ${tid}`);
    } finally {
      await c.stop();
    }
  });
});
