// A raw HTTP/1.1 client for tests that must send what no well-behaved client sends.
import { connect, type Socket } from 'node:net';

/** One answer read from a raw connection: its status and body, or `closed` when the server closed first. */
export type RawAnswer = { status: number; headers: Record<string, string>; body: string } | 'closed';

/** A keep-alive connection that sends raw bytes and reads one answer at a time. */
export class RawConnection {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #closed = false;
  #wake: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake?.();
    });
    const close = () => {
      this.#closed = true;
      this.#wake?.();
    };
    socket.on('close', close);
    socket.on('error', close);
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Writes bytes; resolves once written (or at once when the connection is gone). */
  write(data: string | Buffer): Promise<void> {
    if (this.#closed || this.#socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.#socket.write(data, () => resolve()));
  }

  /** Reads the next answer (needs a Content-Length), or `closed`; throws after `timeoutMs`. */
  async read(timeoutMs = 5_000): Promise<RawAnswer> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const answer = this.#parse();
      if (answer !== undefined) return answer;
      if (this.#closed) return 'closed';
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no answer within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  close(): void {
    this.#socket.destroy();
  }

  #parse(): RawAnswer | undefined {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine, ...lines] = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.#buffer.length < end + 4 + length) return undefined;
    const body = this.#buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.#buffer = this.#buffer.subarray(end + 4 + length);
    return { status: Number(statusLine?.split(' ')[1]), headers, body };
  }
}

/** Sends one raw request on a new connection and reads the answer. */
export async function rawRequest(
  url: string,
  request: string | Buffer,
  timeoutMs = 5_000,
): Promise<RawAnswer> {
  const connection = await RawConnection.open(url);
  try {
    await connection.write(request);
    return await connection.read(timeoutMs);
  } finally {
    connection.close();
  }
}
