const PREFIX = 'fiksio.konto.';

/** The Fiks IO queue of an account: `fiksio.konto.<kontoId>` with the id in lower case. */
export function kontoQueueName(kontoId: string): string {
  return PREFIX + kontoId.toLowerCase();
}

/** The account id in a queue name or routing key `fiksio.konto.<kontoId>`, or undefined. */
export function kontoIdFromQueueName(name: string): string | undefined {
  return name.startsWith(PREFIX) && name.length > PREFIX.length ? name.slice(PREFIX.length) : undefined;
}
