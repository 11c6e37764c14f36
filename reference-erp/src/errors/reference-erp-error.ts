import { FiksError } from '@fiks-faktura/sdk';

/**
 * An error of the reference invoicing system (configuration, fixtures, store, unknown payment
 * references). The `code` names the cause; the message says what to do about it.
 */
export class ReferenceErpError extends FiksError {}
