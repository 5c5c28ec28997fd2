/**
 * The connection to the client. `--stdio` gets a message writer that sends each message in one write (header and
 * body together, at once); every other transport (`--node-ipc`, which VS Code uses, `--socket`, `--pipe`) is
 * left to createConnection as it is.
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

/** The transport createConnection would pick from the command line (the first transport argument wins). */
export function transportArg(argv: readonly string[]): 'stdio' | 'other' | undefined {
  for (const a of argv) {
    if (a === '--stdio') return 'stdio';
    if (a === '--node-ipc' || a === '--socket' || a === '--pipe' || a.startsWith('--socket=') || a.startsWith('--pipe=')) return 'other';
  }
  return undefined;
}

/**
 * The server's connection. Over `--stdio`, stdout is the protocol stream: anything else printed there would break
 * it, so the console writes to stderr (which LSP clients keep as the server's log).
 */
export function connect(argv: readonly string[] = process.argv.slice(2)): Connection {
  if (transportArg(argv) !== 'stdio') return createConnection(ProposedFeatures.all);
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  // A stream as the input (typed for readers only, accepted at run time): createConnection then also ends the
  // process when stdin closes, as with its own `--stdio`.
  const input = process.stdin as unknown as MessageReader;
  return createConnection(ProposedFeatures.all, input, new OneWriteMessageWriter(process.stdout));
}
