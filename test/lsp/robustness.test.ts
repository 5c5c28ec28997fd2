/**
 * The language server against hostile or buggy clients (issue 9, items 1–4): positions far out of range,
 * incremental edits past the end, malformed params and cancelled requests. Each test failed before the fix.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeAction, CompletionList } from 'vscode-languageserver-protocol';
import { REPO, LspClient, applyWorkspaceEdit, fixtureUri, summary } from './client';

const FIX_ALL = 'source.fixAll.vclusterCors';
const FAR = 2147483647;
const TRAEFIK = fs.readFileSync(path.join(REPO, 'examples/controllers/traefik-middleware.yaml'), 'utf8');
const VALUES = [
  'ingress:',
  '  enabled: true',
  '  annotations:',
  '    nginx.ingress.kubernetes.io/enable-cors: "true"',
  '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com/"',
  '',
].join('\n');

/** Rejects when `p` does not settle within `ms` (a hang, not a speed goal). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref()),
  ]);
}

async function errorOf(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: number; message: string };
  }
  assert.fail('expected an error response');
}

describe('language server robustness', () => {
  let c: LspClient;
  let n = 0;
  before(async () => {
    c = await LspClient.start({ pull: true });
  });
  after(() => c.stop());

  async function open(text: string, name = 'vcluster-platform.yaml'): Promise<string> {
    const uri = fixtureUri(`robust-${n++}`, name);
    await c.open(uri, text);
    return uri;
  }

  test('item 1: completion, hover and code actions far past the end answer at once, as at the end of the document', async () => {
    const uri = await open(TRAEFIK, 'middleware.yaml');
    const lines = TRAEFIK.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const far = { line: FAR, character: FAR };
    const farCompletion = await within(
      c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: far }),
      5000,
      'completion',
    );
    const endCompletion = await c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: end });
    assert.deepEqual(farCompletion, endCompletion);
    // The server is still responsive: a hover right after is answered.
    const hover = await within(
      c.request('textDocument/hover', { textDocument: { uri }, position: { line: FAR, character: 0 } }),
      5000,
      'hover',
    );
    assert.deepEqual(hover, await c.request('textDocument/hover', { textDocument: { uri }, position: end }));
    const negative = await within(
      c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: -5, character: -3 } }),
      5000,
      'completion',
    );
    assert.deepEqual(negative, await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }));
    const actions = await within(
      c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: FAR, character: FAR }, end: { line: FAR, character: FAR } },
        context: {
          diagnostics: [
            {
              range: { start: { line: FAR, character: 0 }, end: { line: FAR, character: 1 } },
              message: 'x',
              source: 'vcluster-cors',
              code: 'wildcard-with-credentials',
            },
          ],
        },
      }),
      5000,
      'codeAction',
    );
    assert.ok(Array.isArray(actions));
  });

  test('item 1: a values-file completion far past the end equals the one at the end', async () => {
    const uri = await open(VALUES);
    const far = await within(
      c.request('textDocument/completion', { textDocument: { uri }, position: { line: FAR, character: 3 } }),
      5000,
      'completion',
    );
    const lines = VALUES.split('\n');
    assert.deepEqual(
      far,
      await c.request('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: 0 } }),
    );
  });

  test('item 2: an edit range past the end is clamped like VS Code does; the next edits land where the editor puts them', async () => {
    const text = 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n';
    const uri = await open(text);
    // VS Code clamps 10:0–11:0 on this 5-line model to the end of the document: the text is appended.
    const added = '    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n';
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 11, character: 0 } }, text: added }],
    });
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# top\n' }],
    });
    const expected = '# top\n' + text + added;
    const got = await c.pull(uri);
    const freshUri = await open(expected);
    const fresh = await c.pull(freshUri);
    assert.deepEqual(got.items!.map(summary), fresh.items!.map(summary));
    assert.ok(
      got.items!.some((d) => d.code === 'wildcard-with-credentials'),
      got.items!.map(summary).join(', '),
    );
    // This client cannot be asked for its text: until it sends the whole text, no edit is offered on a copy that
    // may differ from the editor's.
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await c.codeActions(uri, zero, [], [FIX_ALL]), []);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: expected }] });
    const all = await c.codeActions(uri, zero, [], [FIX_ALL]);
    const allFresh = await c.codeActions(freshUri, zero, [], [FIX_ALL]);
    assert.equal(all.length, 1);
    assert.equal(applyWorkspaceEdit(expected, uri, all[0].edit), applyWorkspaceEdit(expected, freshUri, allFresh[0].edit));
  });

  test('item 2: an edit at line 2147483647 does not stop the server', async () => {
    const uri = await open(VALUES);
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      // One line replaced by one line: the unclamped line table update then walks to index 2³¹ on the next edit.
      contentChanges: [{ range: { start: { line: FAR - 1, character: 0 }, end: { line: FAR, character: 0 } }, text: '# end\n' }],
    });
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 1, character: FAR }, end: { line: 1, character: FAR } }, text: ' # on' }],
    });
    const got = await within(c.pull(uri), 5000, 'diagnostic');
    const lines = VALUES.split('\n');
    lines[1] += ' # on';
    const expected = lines.join('\n') + '# end\n';
    const fresh = await c.pull(await open(expected));
    assert.deepEqual(got.items!.map(summary), fresh.items!.map(summary));
  });

  test('item 2: after a suspicious edit the server asks the client for the text and uses it', async () => {
    const synced: string[] = [];
    const r = await LspClient.start({
      pull: true,
      documentText: (uri) => (synced.push(uri), { uri, version: 2, text: VALUES + '# synced\n' }),
    });
    try {
      const uri = fixtureUri('robust-resync', 'vcluster-platform.yaml');
      await r.open(uri, VALUES);
      await r.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 40, character: 0 }, end: { line: 2, character: 0 } }, text: 'garbage: [\n' }],
      });
      const deadline = Date.now() + 5000;
      while (synced.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      assert.deepEqual(synced, [uri]);
      const got = await r.pull(uri);
      const fresh = await r.pull(
        await (async () => {
          const u = fixtureUri('robust-resync-fresh', 'vcluster-platform.yaml');
          await r.open(u, VALUES + '# synced\n');
          return u;
        })(),
      );
      assert.deepEqual(got.items!.map(summary), fresh.items!.map(summary));
    } finally {
      await r.stop();
    }
  });

  test('item 6: fix-all stopping at its pass limit offers no edit and shows a warning in the editor (once per version)', async () => {
    process.env.VCLUSTER_CORS_MAX_FIX_PASSES = '2';
    const r = await LspClient.start({ pull: true });
    delete process.env.VCLUSTER_CORS_MAX_FIX_PASSES;
    try {
      const uri = fixtureUri('robust-passes', 'loft.yaml');
      const text = [
        'ingress:',
        '  host: loft.example.com',
        '  ingressClass: traefik',
        '  annotations:',
        '    kubernetes.io/ingress.class: nginx',
        '    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com:443, http://localhost:3000"',
        '',
      ].join('\n');
      await r.open(uri, text);
      const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      assert.deepEqual(await r.codeActions(uri, zero, [], [FIX_ALL]), []);
      assert.deepEqual(await r.codeActions(uri, zero, [], [FIX_ALL]), []);
      const deadline = Date.now() + 5000;
      while (r.messages.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      assert.deepEqual(r.messages, [
        {
          type: 2,
          message:
            'vCluster CORS: fix-all stopped after 2 passes on loft.yaml because a fix does not converge; no fix-all was offered. Please report this.',
        },
      ]);
    } finally {
      await r.stop();
    }
  });

  test('item 3: malformed params answer -32602 InvalidParams without a stack trace in the log', async () => {
    const uri = await open(VALUES);
    const logsBefore = c.logs.length;
    const cases: [string, unknown][] = [
      ['textDocument/completion', {}],
      ['textDocument/completion', { textDocument: { uri }, position: 'here' }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: '1', character: 0 } }],
      ['textDocument/hover', { textDocument: {}, position: { line: 0, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 } }, context: { diagnostics: [] } }],
      [
        'textDocument/codeAction',
        {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: 'none' },
        },
      ],
      ['textDocument/diagnostic', { textDocument: 5 }],
      ['vclusterCors/insertCorsBlock', { uri: 5, origins: [] }],
      ['vclusterCors/insertCorsBlock', { uri, origins: 'https://a.example.com' }],
      ['vclusterCors/validateOrigins', { origins: 'x' }],
    ];
    for (const [method, params] of cases) {
      const e = await errorOf(c.request(method, params));
      assert.equal(e.code, -32602, `${method} ${JSON.stringify(params)}: ${e.code} ${e.message}`);
      assert.ok(e.message.length > 0 && e.message.length <= 200, e.message);
    }
    // Malformed notifications are ignored with a one-line log; the server keeps working.
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: 'x' });
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 7 } });
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: 'all' });
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 3 }, null] });
    await c.conn.sendNotification('textDocument/didClose', {});
    const still = await c.pull(uri);
    assert.ok(Array.isArray(still.items));
    const newLogs = c.logs.slice(logsBefore).join('\n');
    assert.doesNotMatch(newLogs, /\n\s+at /, `stack trace in the log:\n${newLogs}`);
  });

  test('item 4: a cancelled fix-all on a large file answers RequestCancelled', async () => {
    const big = bigValues(4000);
    const uri = await open(big);
    const params = {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: [FIX_ALL] },
    };
    const cancelled = await cancelled_(c, 'textDocument/codeAction', params);
    assert.equal(cancelled.code, -32800, `${cancelled.code} ${cancelled.message}`);
    const pull = await cancelled_(c, 'textDocument/diagnostic', { textDocument: { uri: await open(bigValues(4001)) } });
    assert.equal(pull.code, -32800, `${pull.code} ${pull.message}`);
    // Not cancelled: answered normally.
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', params);
    assert.equal(actions.length, 1);
  });
});

/** A values file with `n` extra top-level blocks and a fixable problem. */
function bigValues(n: number): string {
  let s = VALUES;
  for (let i = 0; i < n; i++) s += `block${i}:\n  name: "item-${i}"\n  list:\n    - a: 1\n      b: "two"\n`;
  return s;
}

let rawIds = 0;

/** One JSON-RPC message with its base protocol header. */
function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * Sends a request and its `$/cancelRequest` in one write to the server's stdin, so that the server reads both in
 * one chunk before it runs the handler (two writes could be read apart on a loaded machine and let the server
 * finish first); returns the error it answers. The answer (its id is a string, never one of the client
 * connection's numbers) is read from the server's stdout next to the connection's own reader.
 */
async function cancelled_(c: LspClient, method: string, params: unknown): Promise<{ code: number; message: string }> {
  // Nothing of the connection's own is half-written on stdin once it answered a request.
  await c.request('textDocument/hover', { textDocument: { uri: 'file:///not-open.yaml' }, position: { line: 0, character: 0 } });
  const id = `cancel-${++rawIds}`;
  const stdout = c.proc.stdout!;
  const answer = new Promise<{ error?: { code: number; message: string } }>((resolve) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString('ascii'))?.[1]);
        if (buf.length < end + 4 + length) return;
        const msg = JSON.parse(buf.subarray(end + 4, end + 4 + length).toString('utf8')) as {
          id?: unknown;
          error?: { code: number; message: string };
        };
        buf = buf.subarray(end + 4 + length);
        if (msg.id === id) {
          stdout.off('data', onData);
          resolve(msg);
          return;
        }
      }
    };
    stdout.on('data', onData);
  });
  c.proc.stdin!.write(
    Buffer.concat([frame({ jsonrpc: '2.0', id, method, params }), frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } })]),
  );
  const r = await within(answer, 10000, method);
  if (!r.error) assert.fail('expected an error response');
  return r.error;
}
