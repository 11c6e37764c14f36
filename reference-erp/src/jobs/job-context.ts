import type { CalendarDate } from '@fiks-faktura/sdk';
import type { ErpConfig } from '../config/erp-config.js';
import type { Queryable } from '../store/database.js';

/** What a lifecycle job needs: the open transaction, the limits and the day it runs for. */
export interface JobContext {
  tx: Queryable;
  config: ErpConfig;
  /** The Norwegian calendar date the job runs for. */
  today: CalendarDate;
  now: Date;
}
