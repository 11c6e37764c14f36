import { FiksError } from '@fiks-faktura/sdk';
import type { FiksIoEmulator } from '../../emulator/index.js';
import type { ResolvedCase } from '../model/resolved-case.js';

/**
 * Faults of the messaging world the harness provokes on the platform itself: delivery to the
 * vendor held back (so a request expires unread), and a delivered request redelivered by the
 * broker. Only our emulator offers them; against KS's Fiks IO such cases are skipped.
 */
export interface PlatformControl {
  /**
   * Holds delivery to the account (only of the requests with this `klientMeldingId`, when given):
   * they wait, and expire when their ttl runs out first.
   */
  holdDelivery(kontoId: string, klientMeldingId?: string): Promise<void>;
  /** Ends that hold. */
  releaseDelivery(kontoId: string, klientMeldingId?: string): Promise<void>;
  /** Delivers the (already delivered) message again, flagged redelivered. */
  redeliver(meldingId: string): Promise<void>;
}

/** The control of an emulator running in this process. */
export function inProcessControl(emulator: FiksIoEmulator): PlatformControl {
  return {
    holdDelivery: async (kontoId, klientMeldingId) => emulator.holdDelivery(kontoId, klientMeldingId),
    releaseDelivery: async (kontoId, klientMeldingId) => {
      await emulator.releaseDelivery(kontoId, klientMeldingId);
    },
    redeliver: (meldingId) => emulator.redeliver(meldingId),
  };
}

function holdPath(kontoId: string, action: 'hold' | 'release', klientMeldingId: string | undefined): string {
  const query =
    klientMeldingId === undefined ? '' : `?klientMeldingId=${encodeURIComponent(klientMeldingId)}`;
  return `/emulator/kontoer/${encodeURIComponent(kontoId)}/${action}${query}`;
}

/**
 * The control of an emulator started apart, through its `/emulator/...` endpoints; `token` is its
 * control token, which it requires when listening beyond loopback.
 */
export function httpControl(
  emulatorUrl: string,
  fetchImpl: typeof fetch = fetch,
  token?: string,
): PlatformControl {
  const post = async (path: string) => {
    const url = new URL(path, emulatorUrl);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        signal: AbortSignal.timeout(5_000),
        ...(token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } }),
      });
    } catch (error) {
      throw new FiksError(
        'EMULATOR_UNREACHABLE',
        `POST ${url.pathname} to the emulator failed: ${(error as Error).message}`,
      );
    }
    if (!response.ok)
      throw new FiksError(
        'EMULATOR_REFUSED',
        `POST ${url.pathname} to the emulator answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`,
      );
  };
  return {
    holdDelivery: (kontoId, klientMeldingId) => post(holdPath(kontoId, 'hold', klientMeldingId)),
    releaseDelivery: (kontoId, klientMeldingId) => post(holdPath(kontoId, 'release', klientMeldingId)),
    redeliver: (meldingId) => post(`/emulator/meldinger/${encodeURIComponent(meldingId)}/redeliver`),
  };
}

/** Why the case cannot run on a target without platform control, or undefined when it needs none. */
export function platformControlNeeded(testCase: ResolvedCase): string | undefined {
  const needs = testCase.steps.flatMap((step, i) => [
    ...(step.expiresUnread === true ? [`step ${i + 1} lets the request expire unread (delivery held)`] : []),
    ...(step.redeliver === true ? [`step ${i + 1} has the broker redeliver a request`] : []),
  ]);
  if (needs.length === 0) return undefined;
  return `needs the emulator as the platform: ${needs.join('; ')}; this target cannot provoke it`;
}
