import { FiksError } from '../errors/fiks-error.js';

/** The stable codes a {@link CryptoError} carries. */
export type CryptoErrorCode =
  | 'KEY_INVALID'
  | 'CERTIFICATE_INVALID'
  | 'PKCS12_INVALID'
  | 'PKCS12_PASSWORD_WRONG'
  | 'ENVELOPE_MALFORMED'
  | 'UNSUPPORTED_ALGORITHM'
  | 'NO_MATCHING_KEY'
  | 'DECRYPTION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'PLAINTEXT_LENGTH_MISMATCH'
  | 'SIGNATURE_MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'MESSAGE_DIGEST_MISMATCH'
  | 'SIGNER_NOT_TRUSTED';

/** An error from key handling, CMS encryption/decryption or CMS signatures. Never carries key material. */
export class CryptoError extends FiksError {
  declare readonly code: CryptoErrorCode;

  constructor(
    code: CryptoErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, options);
  }
}
