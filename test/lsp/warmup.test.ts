/** The idle-time warm-up of the edit path (lsp/warmup.ts): what it types into, when it runs, that it stops. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../../server/src/lsp/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { COMPACT_IDLE_MS } from '../../server/src/lsp/memory';
import { fakeClock } from './fakeClock';
import { WARM_EDITS, WARM_IDLE_MS, WARM_SAMPLE_CHARS, WarmUp, warmEdit, warmSample, type WarmHost } from '../../server/src/lsp/warmup';

const root = join(__dirname, '../../..');
const seed = readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8');

/** A clock the test advances; `later` runs on the next tick of it (1 ms); `steps` counts the edits reported. */
function fakeHost() {
  const clock = fakeClock();
  const steps = { n: 0 };
  const host: WarmHost = {
    afterStep: () => {
      steps.n++;
    },
    setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
    clearTimeout: (t) => clock.clearTimeout(t),
    later: (fn) => clock.setTimeout(fn, 1),
    cancelLater: (t) => clock.clearTimeout(t),
  };
  return { host, steps, pending: () => clock.pending(), advance: (ms: number) => clock.advance(ms) };
}

function analysisOf(text: string, uri = 'file:///work/vcluster-platform.yaml') {
  const analyzer = new Analyzer({ workspaceFolders: () => [], log: () => {} });
  return analyzer.analyze(TextDocument.create(uri, 'yaml', 1, text), DEFAULT_SETTINGS).analysis;
}

/** A values file of about `chars` characters with one big block of components. */
function bigValues(chars: number): string {
  const out = ['config:', '  audit:', '    enabled: true', 'agentValues:', '  cluster:', '    components:'];
  for (let i = 0; out.join('\n').length < chars; i++)
    out.push(`    - name: c${i}`, `      replicas: ${i % 5}`, '      image: "ghcr.io/x:1"');
  return out.join('\n') + '\n';
}

describe('warmSample', () => {
  test('a document up to the limit is typed into as it is', () => {
    assert.equal(warmSample(seed), seed);
  });

  test('a larger one is cut before the last line that starts a key, inside the limit', () => {
    const text = bigValues(3 * WARM_SAMPLE_CHARS);
    const s = warmSample(text)!;
    assert.ok(s.length <= WARM_SAMPLE_CHARS && s.length > WARM_SAMPLE_CHARS - 100, `${s.length}`);
    assert.ok(text.startsWith(s) && s.endsWith('\n'));
    assert.match(text.slice(s.length).split('\n')[0], /^\s*(- )?[a-z]+: /);
    assert.deepEqual(parseDocument(s).errors, []);
  });

  test('no line that starts a key before the limit: nothing to type into', () => {
    assert.equal(warmSample('items:\n' + '  - 1\n'.repeat(WARM_SAMPLE_CHARS / 4)), undefined);
  });
});

describe('warmEdit', () => {
  test('pairs of edits add a comment to a line and take it away: the YAML stays valid and comes back', () => {
    let doc = TextDocument.create('file:///x.yaml', 'yaml', 1, seed);
    const lines = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const e = warmEdit(doc.getText(), i);
      lines.add(e.range.start.line);
      doc = TextDocument.create('file:///x.yaml', 'yaml', i + 2, TextDocument.applyEdits(doc, [{ range: e.range, newText: e.text }]));
      assert.deepEqual(parseDocument(doc.getText()).errors, [], `edit ${i}`);
      if (i % 2 === 1) assert.equal(doc.getText(), seed, `edit ${i} restores the text`);
      else assert.match(doc.getText().split('\n')[e.range.start.line], / #$/);
    }
    assert.equal(lines.size, 3, 'the middle, a quarter and three quarters of the file');
  });
});

describe('WarmUp', () => {
  test('it starts before the memory keeper compacts, so the compaction also collects its garbage', () => {
    assert.ok(WARM_IDLE_MS < COMPACT_IDLE_MS);
  });

  test('after the first linted document and an idle moment: WARM_EDITS edits, one per turn, then nothing', () => {
    const h = fakeHost();
    const w = new WarmUp(h.host, () => []);
    w.linted(analysisOf(seed), DEFAULT_SETTINGS);
    h.advance(WARM_IDLE_MS - 1);
    assert.equal(w.edits, 0);
    h.advance(1);
    assert.equal(w.edits, 1, 'the first edit once the server was idle');
    h.advance(5);
    assert.equal(w.edits, 6, 'one edit per turn');
    h.advance(1000);
    assert.equal(w.edits, WARM_EDITS);
    assert.equal(h.steps.n, WARM_EDITS, 'each edit is reported as work (the memory keeper waits for the end)');
    assert.ok(w.finished);
    assert.equal(h.pending(), 0, 'nothing left scheduled');
    w.linted(analysisOf(seed), DEFAULT_SETTINGS);
    assert.equal(h.pending(), 0, 'once per process');
  });

  test('a message from the client pauses it until the next idle moment; it goes on from where it was', () => {
    const h = fakeHost();
    const w = new WarmUp(h.host, () => []);
    w.linted(analysisOf(seed), DEFAULT_SETTINGS);
    h.advance(WARM_IDLE_MS - 10);
    w.touch();
    h.advance(WARM_IDLE_MS - 1);
    assert.equal(w.edits, 0, 'the idle time starts again');
    h.advance(3);
    assert.equal(w.edits, 3);
    w.touch();
    h.advance(WARM_IDLE_MS - 1);
    assert.equal(w.edits, 3, 'paused');
    h.advance(WARM_IDLE_MS + 1000);
    assert.equal(w.edits, WARM_EDITS);
    assert.ok(w.finished);
  });

  test('a large document: all the edits, typed into its first WARM_SAMPLE_CHARS characters', () => {
    const h = fakeHost();
    const w = new WarmUp(h.host, () => []);
    w.linted(analysisOf(bigValues(3 * WARM_SAMPLE_CHARS), 'file:///work/platform-values.yaml'), DEFAULT_SETTINGS);
    h.advance(WARM_IDLE_MS + 1000);
    assert.equal(w.edits, WARM_EDITS);
  });

  test('not started by a file that is not linted or that did not parse', () => {
    for (const [uri, text] of [
      ['file:///work/notes.txt', seed],
      ['file:///work/vcluster-platform.yaml', 'a: [1, 2\n'],
    ]) {
      const h = fakeHost();
      const w = new WarmUp(h.host, () => []);
      w.linted(analysisOf(text, uri), DEFAULT_SETTINGS);
      assert.equal(h.pending(), 0, uri);
      assert.equal(w.finished, false, 'a later document may still start it');
    }
  });
});

describe('WarmUp through a route (an editor’s path, lsp/warmRoute.ts)', () => {
  /** A route that answers each edit 2 ms later on the fake clock, and records what it was sent. */
  function fakeRoute(h: ReturnType<typeof fakeHost>) {
    const sent: { version: number; text: string }[] = [];
    let disposed = 0;
    const route = {
      edit(change: { text: string }, version: number, done: () => void) {
        sent.push({ version, text: change.text });
        h.host.setTimeout(done, 2);
      },
      dispose() {
        disposed++;
      },
    };
    return { route, sent, disposed: () => disposed };
  }

  /** A warm-up through a fake route, started on the seed: its first edit was just sent. */
  function startedWithRoute() {
    const h = fakeHost();
    const r = fakeRoute(h);
    const w = new WarmUp(
      h.host,
      () => [],
      () => r.route,
    );
    w.linted(analysisOf(seed), DEFAULT_SETTINGS);
    h.advance(WARM_IDLE_MS);
    return { h, r, w };
  }

  test('each edit goes through the route, the next one only once it was answered; the route is disposed at the end', () => {
    const { h, r, w } = startedWithRoute();
    assert.equal(r.sent.length, 1);
    assert.equal(w.edits, 0, 'not answered yet');
    h.advance(2);
    assert.equal(w.edits, 1);
    assert.equal(r.sent.length, 1, 'the next edit waits for a turn after the answer');
    h.advance(1);
    assert.equal(r.sent.length, 2);
    assert.deepEqual(
      r.sent.map((e) => e.version),
      [2, 3],
      'the versions follow each other',
    );
    assert.deepEqual(
      r.sent.map((e) => e.text),
      [' #', ''],
    );
    h.advance(10_000);
    assert.equal(w.edits, WARM_EDITS);
    assert.equal(r.sent.length, WARM_EDITS);
    assert.equal(h.steps.n, WARM_EDITS);
    assert.ok(w.finished);
    assert.equal(r.disposed(), 1);
  });

  test('a message from the client while an edit is in flight: its answer is counted, the next edit waits for idle time', () => {
    const { h, r, w } = startedWithRoute();
    w.touch();
    h.advance(2);
    assert.equal(w.edits, 1);
    h.advance(WARM_IDLE_MS - 3);
    assert.equal(r.sent.length, 1, 'paused');
    h.advance(1);
    assert.equal(r.sent.length, 2, 'goes on after the idle time');
    h.advance(10_000);
    assert.equal(w.edits, WARM_EDITS);
  });
});
