/** The stdio message writer (lsp/transport.ts): one write per message, framed as the base protocol says. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { OneWriteMessageWriter, transportArg } from '../../server/src/lsp/transport';

function sink(fail?: Error) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb(fail ?? null);
    },
  });
  stream.on('error', () => {}); // (the writer reports it)
  return { stream, chunks };
}

describe('OneWriteMessageWriter', () => {
  test('each message is one write: the header with the UTF-8 length, a blank line, the JSON', async () => {
    const { stream, chunks } = sink();
    const w = new OneWriteMessageWriter(stream);
    const a = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'Zürich — 東京 🚀' } };
    const b = { jsonrpc: '2.0', id: 1, result: null };
    await w.write(a);
    await w.write(b);
    assert.equal(chunks.length, 2);
    const body = JSON.stringify(a);
    assert.equal(chunks[0].toString('utf8'), `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    assert.notEqual(Buffer.byteLength(body), body.length, 'the length counts bytes, not characters');
    assert.equal(chunks[1].toString('utf8'), `Content-Length: 38\r\n\r\n${JSON.stringify(b)}`);
  });

  test('a failed write rejects and is reported once per failure, with its count', async () => {
    const { stream } = sink(new Error('EPIPE'));
    const w = new OneWriteMessageWriter(stream);
    const seen: [string, number | undefined][] = [];
    w.onError(([e, , count]) => seen.push([e.message, count]));
    await assert.rejects(w.write({ jsonrpc: '2.0', method: 'x' } as never), /EPIPE/);
    assert.deepEqual(
      seen.filter(([, c]) => c !== undefined),
      [['EPIPE', 1]],
    );
  });

  test('a message that cannot be serialized rejects without writing', async () => {
    const { stream, chunks } = sink();
    const w = new OneWriteMessageWriter(stream);
    const params: Record<string, unknown> = {};
    params.self = params;
    await assert.rejects(w.write({ jsonrpc: '2.0', method: 'x', params } as never), /circular/i);
    assert.equal(chunks.length, 0);
  });
});

describe('transportArg', () => {
  test('the first transport argument wins, as in createConnection', () => {
    assert.equal(transportArg(['--stdio']), 'stdio');
    assert.equal(transportArg(['--clientProcessId=1', '--stdio']), 'stdio');
    assert.equal(transportArg(['--node-ipc', '--stdio']), 'other');
    assert.equal(transportArg(['--socket=5007']), 'other');
    assert.equal(transportArg(['--pipe', '/tmp/p']), 'other');
    assert.equal(transportArg([]), undefined);
  });
});
