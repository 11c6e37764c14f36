import { randomUUID } from 'node:crypto';

/** One validation problem in `feilmelding.ugyldigforespoersel`. */
export interface FeilmeldingDetalj {
  felt: string;
  melding: string;
}

/** KS's error payload shape, shared by the three error replies of every protocol. */
export interface FeilmeldingPayload {
  errorId: string;
  feilmelding: string;
  correlationId?: string;
  detaljer?: FeilmeldingDetalj[];
}

/** An error payload with a fresh `errorId` (to find the matching log line). */
export function feilmeldingPayload(
  feilmelding: string,
  options: { correlationId?: string | undefined; detaljer?: readonly FeilmeldingDetalj[] } = {},
): FeilmeldingPayload {
  return {
    errorId: randomUUID(),
    feilmelding,
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
    ...(options.detaljer === undefined || options.detaljer.length === 0
      ? {}
      : { detaljer: options.detaljer.map((d) => ({ felt: d.felt || '/', melding: d.melding })) }),
  };
}
