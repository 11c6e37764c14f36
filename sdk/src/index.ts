export { FiksError, isFiksError } from './errors/fiks-error.js';
