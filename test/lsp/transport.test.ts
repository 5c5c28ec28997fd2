/** The stdio message writer (lsp/transport.ts): one write per message, framed as the base protocol says. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from 'vscode-jsonrpc/node';
import { OneWriteMessageWriter, socketPort, transportArg } from '../../server/src/lsp/transport';
import { LspClient, REPO, SERVER } from './client';

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

describe('socketPort', () => {
  test('the port of the transport createConnection would pick, parsed as it parses it', () => {
    assert.equal(socketPort(['--socket=5007']), 5007);
    assert.equal(socketPort(['--clientProcessId=1', '--socket', '6001']), 6001);
    assert.equal(socketPort(['--socket=12abc']), 12);
    for (const argv of [
      ['--socket=abc'],
      ['--socket=0'],
      ['--socket'],
      ['--stdio', '--socket=5'],
      ['--node-ipc', '--socket=5'],
      ['--pipe=/tmp/p', '--socket=5'],
      [],
    ])
      assert.equal(socketPort(argv), undefined, argv.join(' '));
  });
});

/** Whether `buf` is one or more whole base-protocol frames (`Content-Length: n` header, blank line, n bytes). */
function wholeFrames(buf: Buffer): boolean {
  let at = 0;
  while (at < buf.length) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(buf.subarray(at, at + 40).toString('latin1'));
    if (!m) return false;
    at += m[0].length + Number(m[1]);
  }
  return at === buf.length;
}

describe('the real server over --socket', () => {
  test('answers with each message in one TCP segment, and lints', async () => {
    const listener = createServer();
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as { port: number }).port;
    const accepted = new Promise<Socket>((r) => listener.once('connection', r));
    const proc = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: 'ignore' });
    const socket = await accepted;
    socket.setNoDelay(true);
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    const conn = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    const uri = pathToFileURL(join(REPO, 'examples/vcluster-platform.yaml')).href;
    const published = new Promise<{ uri: string; diagnostics: unknown[] }>((r) =>
      conn.onNotification('textDocument/publishDiagnostics', r),
    );
    conn.onRequest(() => null);
    conn.onNotification(() => {});
    conn.listen();
    try {
      const init = await conn.sendRequest<{ serverInfo?: { name: string } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      assert.equal(init.serverInfo?.name, 'vcluster-cors');
      // Each chunk read holds whole messages: a message's header and body were one write, sent at once (with two
      // writes and Nagle's algorithm on, the first chunk held the first header alone).
      for (const chunk of chunks) assert.ok(wholeFrames(chunk), JSON.stringify(chunk.toString('utf8').slice(0, 60)));
      await conn.sendNotification('initialized', {});
      const text = readFileSync(join(REPO, 'examples/vcluster-platform.yaml'), 'utf8');
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const p = await published;
      assert.equal(p.uri, uri);
      assert.deepEqual(
        p.diagnostics.map((d) => (d as { code?: unknown }).code),
        ['ingress-nginx-retired'],
      );
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      const code = await new Promise<number | null>((r) => proc.once('exit', r));
      assert.equal(code, 0);
    } finally {
      conn.dispose();
      socket.destroy();
      listener.close();
      if (proc.exitCode === null) proc.kill();
    }
  });
});

describe('the real server over --stdio', () => {
  // A probe preloaded into the server: records whether anything made process.stderr before the first diagnostics
  // were sent, and, once asked (SIGUSR2), prints with console.log as a stray dependency would.
  const probe = `
    const fs = require('node:fs');
    const d = Object.getOwnPropertyDescriptor(process, 'stderr');
    let made = false;
    Object.defineProperty(process, 'stderr', { configurable: true, enumerable: d.enumerable, get() { made = true; return d.get.call(process); } });
    process.on('SIGUSR2', () => { const before = made; console.log('stray line'); fs.writeFileSync(process.env.PROBE_OUT, String(before)); });
  `;

  test('the console writes to stderr, never into the protocol stream, and is made on its first use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcluster-cors-console-'));
    const probeFile = join(dir, 'probe.js');
    const out = join(dir, 'made');
    writeFileSync(probeFile, probe);
    process.env.PROBE_OUT = out;
    const c = await LspClient.start({ pull: false, nodeArgs: ['--require', probeFile] });
    try {
      const uri = pathToFileURL(join(REPO, 'examples/vcluster-platform.yaml')).href;
      await c.open(uri, readFileSync(join(REPO, 'examples/vcluster-platform.yaml'), 'utf8'));
      const first = await c.waitForDiagnostics((p) => p.uri === uri);
      assert.deepEqual(
        first.diagnostics.map((d) => d.code),
        ['ingress-nginx-retired'],
      );
      c.proc.kill('SIGUSR2');
      for (let i = 0; i < 200 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 10));
      // Made by the console.log itself, not before: nothing touched stderr during the start and the first lint.
      assert.equal(readFileSync(out, 'utf8'), 'false');
      for (let i = 0; i < 200 && !c.logs.join('').includes('stray line'); i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(c.logs.join('').includes('stray line\n'), c.logs.join(''));
      // The protocol stream is intact: the server still answers and lints.
      const v = await c.change(uri, [{ text: 'ingress:\n  enabled: "yes"\n' }]);
      const after = await c.waitForDiagnostics((p) => p.uri === uri && p.version === v);
      assert.ok(after.diagnostics.length > 0);
    } finally {
      delete process.env.PROBE_OUT;
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
