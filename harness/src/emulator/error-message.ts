import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** Fiks' generic error body (`ErrorMessage`). */
export interface ErrorMessage {
  timestamp: number;
  status: number;
  error: string;
  errorId: string;
  path: string;
  originalPath: string;
  message: string;
  errorCode: string;
  errorJson: unknown;
}

/** The `ErrorMessage` the API answers a failed call with. */
export function errorMessage(status: number, code: string, message: string, path: string): ErrorMessage {
  return {
    timestamp: Date.now(),
    status,
    error: STATUS_CODES[status] ?? 'Error',
    errorId: randomUUID(),
    path,
    originalPath: path,
    message,
    errorCode: code,
    errorJson: null,
  };
}
