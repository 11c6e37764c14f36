import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isFiksError } from '@fiks-faktura/sdk';
import { EmulatorError } from './emulator-error.js';
import { errorMessage } from './error-message.js';
import type { FiksIoPlatform } from './fiks-io-platform.js';
import { InnsynStandIn } from './innsyn-stand-in.js';
import { parseMeldingSpesifikasjon } from './melding-spesifikasjon.js';
import type { RequestAuthenticator } from './request-authenticator.js';
import { readSendRequest } from './send-request.js';
import type { TokenService } from './token-service.js';

/** What the HTTP API serves from. */
export interface HttpApiOptions {
  platform: FiksIoPlatform;
  tokens: TokenService;
  authenticator: RequestAuthenticator;
  /** Largest accepted request body (default 1 GiB). */
  maxRequestBytes?: number;
  /** The local Innsyn stand-in (default: a new one). */
  innsyn?: InnsynStandIn;
  /** When set, the emulator's own `/emulator/*` endpoints require `Authorization: Bearer <controlToken>`. */
  controlToken?: string;
}

const SEND = '/fiks-io/api/v1/send';
const KATALOG = /^\/fiks-io\/katalog\/api\/v1\/kontoer\/([^/]+)(\/status|\/offentligNokkel)?$/;
const KONTO_NOKKEL = /^\/fiks-io\/konto\/api\/v1\/kontoer\/([^/]+)\/offentligNokkel$/;
const DOKUMENTLAGER = /^\/dokumentlager\/nedlasting\/([^/]+)$/;
const MAX_SMALL_BODY = 1024 * 1024;
const DELIVERY_HOLD = /^\/emulator\/kontoer\/([^/]+)\/(hold|release)$/;
const REDELIVER = /^\/emulator\/meldinger\/([^/]+)\/redeliver$/;

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readSmallBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_SMALL_BODY)
      throw new EmulatorError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EmulatorError(400, 'INVALID_JSON', `${what} is not valid JSON`);
  }
}

/** A path segment decoded, or `INVALID_PATH` (400) when its percent-encoding is broken. */
function pathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new EmulatorError(400, 'INVALID_PATH', 'The path has invalid percent-encoding');
  }
}

/** The request target as a URL; undefined when it cannot be one (`//`, `http://[::1`). */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://emulator');
  } catch {
    return undefined;
  }
}

/** `UNAUTHORIZED` (401) unless the request carries the control token as its bearer token. */
function requireControlToken(req: IncomingMessage, controlToken: string): void {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const given = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(controlToken).digest();
  if (match === null || !timingSafeEqual(given, expected))
    throw new EmulatorError(
      401,
      'UNAUTHORIZED',
      "The emulator's own endpoints need its control token (printed at start) as the bearer token",
    );
}

function notFound(path: string): EmulatorError {
  return new EmulatorError(404, 'NOT_FOUND', `No such endpoint: ${path}`);
}

/**
 * The emulator's HTTP API, with Fiks IO's paths, shapes and status codes: send, catalog, key
 * upload, Dokumentlager download, a Maskinporten-style `/token`, `/emulator/timeline`, the
 * harness's messaging faults (`POST /emulator/kontoer/{kontoId}/hold|release[?klientMeldingId=…]`:
 * hold delivery to an account, or of one request to it, and end the hold; `POST /emulator/meldinger/{meldingId}/redeliver`), and the
 * local Innsyn stand-in (`/innsyn/api/v1/faktura`, `/emulator/innsyn`; see `innsyn-stand-in.ts`).
 * Failures answer with Fiks' `ErrorMessage` body (OAuth's `{error, error_description}` on `/token`).
 */
export function createHttpApi(options: HttpApiOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { platform, tokens, authenticator } = options;
  const maxRequestBytes = options.maxRequestBytes ?? 1024 * 1024 * 1024;
  const innsyn = options.innsyn ?? new InnsynStandIn();

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (options.controlToken !== undefined && path.startsWith('/emulator/'))
      requireControlToken(req, options.controlToken);
    if (path === '/token' && method === 'POST') {
      const form = new URLSearchParams(await readSmallBody(req));
      json(res, 200, tokens.grant(form));
      return;
    }
    if (path === SEND) {
      if (method !== 'POST') throw new EmulatorError(405, 'METHOD_NOT_ALLOWED', `${path} takes POST`);
      const integration = authenticator.authenticate(req.headers);
      const { metadata, payload } = await readSendRequest(req, {
        payloads: platform.payloads,
        maxBytes: maxRequestBytes,
      });
      let spec: ReturnType<typeof parseMeldingSpesifikasjon>;
      try {
        if (metadata === undefined)
          throw new EmulatorError(400, 'INVALID_METADATA', 'The metadata part is missing');
        spec = parseMeldingSpesifikasjon(parseJson(metadata, 'metadata'));
      } catch (error) {
        if (payload !== undefined) await platform.payloads.remove(payload);
        throw error;
      }
      json(res, 202, await platform.send(integration, spec, payload));
      return;
    }
    const katalog = KATALOG.exec(path);
    if (katalog !== null && method === 'GET') {
      const kontoId = pathSegment(katalog[1]!);
      if (katalog[2] === '/offentligNokkel') {
        json(res, 200, platform.offentligNokkel(kontoId));
        return;
      }
      authenticator.authenticate(req.headers);
      json(
        res,
        200,
        katalog[2] === '/status' ? await platform.kontoStatus(kontoId) : await platform.katalogKonto(kontoId),
      );
      return;
    }
    const nokkel = KONTO_NOKKEL.exec(path);
    if (nokkel !== null && method === 'PUT') {
      const integration = authenticator.authenticate(req.headers);
      const body = parseJson(await readSmallBody(req), 'The body') as { pem?: unknown } | null;
      json(res, 201, platform.uploadOffentligNokkel(integration, pathSegment(nokkel[1]!), body?.pem));
      return;
    }
    const dokument = DOKUMENTLAGER.exec(path);
    if (dokument !== null && method === 'GET') {
      const integration = authenticator.authenticate(req.headers);
      const file = platform.dokumentlagerFile(integration, pathSegment(dokument[1]!));
      const stream = createReadStream(file.path);
      // Opened before the answer starts: a file deleted meanwhile is still a clean 404.
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', () =>
          reject(new EmulatorError(404, 'DOKUMENTLAGER_NOT_FOUND', 'The Dokumentlager file is gone')),
        );
      });
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.size });
      await pipeline(stream, res);
      return;
    }
    if (InnsynStandIn.serves(path)) {
      const key = req.headers['idempotency-key'];
      const body = method === 'POST' ? await readSmallBody(req) : '';
      const answer = innsyn.handle({
        method,
        path,
        query: url.searchParams,
        idempotencyKey: Array.isArray(key) ? key[0] : key,
        body,
      });
      json(res, answer.status, answer.body);
      return;
    }
    const hold = DELIVERY_HOLD.exec(path);
    if (hold !== null && method === 'POST') {
      const kontoId = platform.registry.requireAccount(pathSegment(hold[1]!)).kontoId;
      const klientMeldingId = url.searchParams.get('klientMeldingId') ?? undefined;
      if (hold[2] === 'hold') {
        platform.delivery.hold(kontoId, klientMeldingId);
        json(res, 200, { kontoId, held: true });
      } else
        json(res, 200, {
          kontoId,
          held: false,
          released: await platform.delivery.release(kontoId, klientMeldingId),
        });
      return;
    }
    const redeliver = REDELIVER.exec(path);
    if (redeliver !== null && method === 'POST') {
      json(res, 200, await platform.delivery.redeliver(pathSegment(redeliver[1]!)));
      return;
    }
    if (path === '/emulator/timeline' && method === 'GET') {
      const meldingId = url.searchParams.get('meldingId');
      json(res, 200, platform.timeline.events(meldingId === null ? {} : { meldingId }));
      return;
    }
    throw notFound(path);
  }

  return (req, res) => {
    const url = requestUrl(req.url);
    const routed =
      url === undefined
        ? Promise.reject(new EmulatorError(400, 'INVALID_PATH', 'The request target is not a valid path'))
        : route(req, res, url);
    const path = url?.pathname ?? '/';
    routed.catch((error: unknown) => {
      const known = error instanceof EmulatorError;
      const status = known ? error.status : 500;
      const code = isFiksError(error) ? error.code : 'INTERNAL_ERROR';
      const message = known ? error.message : 'The emulator failed to handle the request';
      // A body left unread (refused before its end) makes the connection unusable for another
      // request: answer, then close it.
      if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
      if (!res.headersSent) {
        if (path === '/token')
          json(res, status, {
            error: (known && error.details?.['error']) || 'server_error',
            error_description: message,
          });
        else json(res, status, errorMessage(status, code, message, path));
      } else res.destroy();
      // Drain what the client still sends, so it reads the answer instead of a reset.
      if (!req.complete) req.resume();
    });
  };
}
