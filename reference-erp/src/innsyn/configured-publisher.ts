import type { InnsynPublishConfig } from '../config/lifecycle-config.js';
import { HttpInnsynPublisher } from './http-innsyn-publisher.js';
import type { InnsynPublisher } from './innsyn-publisher.js';

/** The publisher of the configuration's `innsyn.targetUrl`, or undefined when none is set. */
export function configuredInnsynPublisher(config: InnsynPublishConfig): InnsynPublisher | undefined {
  return config.targetUrl === null
    ? undefined
    : new HttpInnsynPublisher({ url: config.targetUrl, timeoutMs: config.requestTimeoutMs });
}
