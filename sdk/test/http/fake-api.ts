// An injected `fetch` for HTTP tests: records each request (method, URL, headers, body bytes)
// and answers from a queue of responses or errors.
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export type Answer = Response | Error | ((request: RecordedRequest) => Response);

export function fakeApi(answers: Answer[]) {
  const requests: RecordedRequest[] = [];
  const fetchFn = (async (url: string, init: RequestInit & { duplex?: string }) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>))
      headers[k.toLowerCase()] = v;
    let body = Buffer.alloc(0);
    if (init.body instanceof ReadableStream) {
      if (init.duplex !== 'half') throw new TypeError('a stream body needs duplex: half');
      const parts: Buffer[] = [];
      for await (const chunk of init.body as ReadableStream<Uint8Array>) parts.push(Buffer.from(chunk));
      body = Buffer.concat(parts);
    } else if (typeof init.body === 'string') body = Buffer.from(init.body);
    const request = { method: init.method ?? 'GET', url, headers, body };
    requests.push(request);
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(request) : answer.clone();
  }) as unknown as typeof fetch;
  return { fetch: fetchFn, requests };
}

export interface ParsedPart {
  headers: Record<string, string>;
  name: string | undefined;
  filename: string | undefined;
  body: Buffer;
}

/** A strict multipart/form-data parser for assertions (CRLF line ends, closing delimiter required). */
export function parseMultipart(contentType: string, body: Buffer): ParsedPart[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: ParsedPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos !== 0) throw new Error('body does not start with the boundary');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 4).toString() === '--\r\n') {
      if (pos + 4 !== body.length) throw new Error('bytes after the closing delimiter');
      return parts;
    }
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new Error('boundary not followed by CRLF');
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    const headers: Record<string, string> = {};
    for (const line of body
      .subarray(pos + 2, headerEnd)
      .toString()
      .split('\r\n')) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('part not terminated');
    const disposition = headers['content-disposition'] ?? '';
    parts.push({
      headers,
      name: /\bname="([^"]*)"/.exec(disposition)?.[1],
      filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
      body: body.subarray(headerEnd + 4, next),
    });
    pos = next + 2;
  }
}
