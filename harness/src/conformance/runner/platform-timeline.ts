import type { Timeline, TimelineEvent } from '../../emulator/index.js';

/** The emulator's points of one exchange, in epoch ms. */
export interface PlatformPoints {
  /** Fiks IO accepted the request. */
  acceptedAt?: number;
  /** The request was first delivered to the vendor's queue consumer. */
  deliveredAt?: number;
  /** Fiks IO accepted the vendor's answer. */
  answerAcceptedAt?: number;
}

/** Where the harness reads the platform's side of an exchange; only our emulator offers it. */
export interface PlatformTimeline {
  pointsOf(requestMeldingId: string, answerMeldingId: string | undefined): Promise<PlatformPoints>;
}

function pointsFrom(
  requestEvents: readonly TimelineEvent[],
  answerEvents: readonly TimelineEvent[],
): PlatformPoints {
  const first = (events: readonly TimelineEvent[], type: TimelineEvent['type']) =>
    events.find((e) => e.type === type)?.at;
  const points: PlatformPoints = {};
  const acceptedAt = first(requestEvents, 'accepted');
  const deliveredAt = first(requestEvents, 'delivered');
  const answerAcceptedAt = first(answerEvents, 'accepted');
  if (acceptedAt !== undefined) points.acceptedAt = acceptedAt;
  if (deliveredAt !== undefined) points.deliveredAt = deliveredAt;
  if (answerAcceptedAt !== undefined) points.answerAcceptedAt = answerAcceptedAt;
  return points;
}

/** The timeline of an emulator running in this process. */
export function inProcessTimeline(timeline: Timeline): PlatformTimeline {
  return {
    async pointsOf(requestMeldingId, answerMeldingId) {
      return pointsFrom(
        timeline.events({ meldingId: requestMeldingId }),
        answerMeldingId === undefined ? [] : timeline.events({ meldingId: answerMeldingId }),
      );
    },
  };
}

/**
 * The timeline of an emulator started apart, read from its `/emulator/timeline` endpoint; `token`
 * is its control token, which it requires when listening beyond loopback.
 */
export function httpTimeline(
  emulatorUrl: string,
  fetchImpl: typeof fetch = fetch,
  token?: string,
): PlatformTimeline {
  const eventsOf = async (meldingId: string): Promise<TimelineEvent[]> => {
    const url = new URL('/emulator/timeline', emulatorUrl);
    url.searchParams.set('meldingId', meldingId);
    try {
      const response = await fetchImpl(url, {
        signal: AbortSignal.timeout(5_000),
        ...(token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } }),
      });
      if (!response.ok) return [];
      const body = (await response.json()) as unknown;
      return Array.isArray(body) ? (body as TimelineEvent[]) : [];
    } catch {
      // The platform's points are extra information; without them the harness's own points stand.
      return [];
    }
  };
  return {
    async pointsOf(requestMeldingId, answerMeldingId) {
      const [request, answer] = await Promise.all([
        eventsOf(requestMeldingId),
        answerMeldingId === undefined ? Promise.resolve([]) : eventsOf(answerMeldingId),
      ]);
      return pointsFrom(request, answer);
    },
  };
}
