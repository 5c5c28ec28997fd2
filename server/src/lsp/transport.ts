/**
 * The connection to the client. `--stdio` gets a message writer that sends each message in one write (header and
 * body together, at once); so does `--socket`, whose TCP connection also gets Nagle's algorithm off. `--node-ipc`
 * (which VS Code uses) and `--pipe` are left to createConnection as they are.
 *
 * Why: vscode-jsonrpc's stream writer queues each message behind a semaphore that waits for the next turn of the
 * event loop (setImmediate), writes the header, waits for that write's callback, then writes the body. On a pipe
 * that is two system calls per message, each of which can wake the client, and a turn of the event loop before
 * the first one. Profiled on seed edits, the writes took ~0.3 ms per edit (docs/reference/lsp-latency.md).
 */
import { Console } from 'node:console';
import {
  AbstractMessageWriter,
  createConnection,
  SocketMessageReader,
  ProposedFeatures,
  type Connection,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

/** Writes each message as `Content-Length: n\r\n\r\n` + its UTF-8 JSON, in one `write`, in call order. */
export class OneWriteMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (e: Error) => this.fireError(e));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: Buffer;
    try {
      const body = JSON.stringify(msg);
      const length = Buffer.byteLength(body, 'utf8');
      const head = `Content-Length: ${length}\r\n\r\n`;
      frame = Buffer.allocUnsafe(head.length + length);
      frame.write(head, 0, 'latin1');
      frame.write(body, head.length, 'utf8');
    } catch (e) {
      return this.failed(e, msg);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(frame, (e?: Error | null) => {
        if (e) this.failed(e, msg).catch(reject);
        else resolve();
      });
    });
  }

  end(): void {
    this.stream.end();
  }

  private failed(e: unknown, msg: Message): Promise<never> {
    const error = e instanceof Error ? e : new Error(String(e));
    this.errorCount++;
    this.fireError(error, msg, this.errorCount);
    return Promise.reject(error);
  }
}

/** The index of the first transport argument, the one createConnection goes by; -1 when there is none. */
function firstTransport(argv: readonly string[]): number {
  return argv.findIndex(
    (a) =>
      a === '--stdio' || a === '--node-ipc' || a === '--socket' || a === '--pipe' || a.startsWith('--socket=') || a.startsWith('--pipe='),
  );
}

/** The transport createConnection would pick from the command line (the first transport argument wins). */
export function transportArg(argv: readonly string[]): 'stdio' | 'other' | undefined {
  const i = firstTransport(argv);
  return i < 0 ? undefined : argv[i] === '--stdio' ? 'stdio' : 'other';
}

/**
 * The port of `--socket=N` / `--socket N` when that is the transport createConnection would pick, parsed as it does
 * (parseInt; no port, or 0, is no socket).
 */
export function socketPort(argv: readonly string[]): number | undefined {
  const i = firstTransport(argv);
  if (i < 0) return undefined;
  const a = argv[i];
  if (a !== '--socket' && !a.startsWith('--socket=')) return undefined;
  const port = parseInt(a === '--socket' ? (argv[i + 1] ?? '') : a.slice('--socket='.length), 10);
  return port ? port : undefined;
}

/**
 * The connection for `--socket=N`: what createConnection makes (a TCP connection to 127.0.0.1:N), with Nagle's
 * algorithm off and one write per message. vscode-jsonrpc's socket writer sends the header and the body in two
 * writes; with Nagle on, the body waits for the client's delayed ACK of the header: a probe measured ~85 ms per
 * edit round trip over `--socket`, 2.5 ms over `--pipe`.
 */
function socketConnection(port: number): Connection {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const net = require('node:net') as typeof import('node:net');
  const socket = net.createConnection(port, '127.0.0.1');
  socket.setNoDelay(true);
  return createConnection(ProposedFeatures.all, new SocketMessageReader(socket), new OneWriteMessageWriter(socket));
}

/**
 * Points the global console at stderr, made on its first use: `process.stderr` is itself made on first use, and
 * making it loads and compiles Node's file-stream module when stderr is a file or /dev/null. (A start's profile put
 * ~5 ms there, mostly the profiler's own; 20 interleaved starts showed no measurable difference:
 * docs/reference/lsp-latency.md.)
 */
function consoleToStderr(): void {
  let made: Console | undefined;
  Object.defineProperty(globalThis, 'console', {
    configurable: true,
    enumerable: false,
    get: () => (made ??= new Console({ stdout: process.stderr, stderr: process.stderr })),
    set: (c: Console) => void (made = c),
  });
}

/**
 * The server's connection. Over `--stdio`, stdout is the protocol stream: anything else printed there would break
 * it, so the console writes to stderr (which LSP clients keep as the server's log).
 */
export function connect(argv: readonly string[] = process.argv.slice(2)): Connection {
  if (transportArg(argv) !== 'stdio') {
    const port = socketPort(argv);
    return port === undefined ? createConnection(ProposedFeatures.all) : socketConnection(port);
  }
  consoleToStderr();
  // A stream as the input (typed for readers only, accepted at run time): createConnection then also ends the
  // process when stdin closes, as with its own `--stdio`.
  const input = process.stdin as unknown as MessageReader;
  return createConnection(ProposedFeatures.all, input, new OneWriteMessageWriter(process.stdout));
}
