import type { KeyObject } from 'node:crypto';
import type { FiksIoConnection, Signer } from '@fiks-faktura/sdk';
import type { PlatformControl } from './platform-control.js';
import type { PlatformTimeline } from './platform-timeline.js';

/** The harness's own Fiks IO account: it sends as Min kommune and receives the answers. */
export interface HarnessAccount {
  connection: FiksIoConnection;
  /** Signs the ASiC-E of every request. */
  signer: Signer;
  /** Decrypt the answers (every key is tried). */
  privateKeys: KeyObject[];
}

/** Where a run sends its requests and how it observes the platform. */
export interface ConformanceTarget {
  kind: 'embedded' | 'local' | 'remote';
  harness: HarnessAccount;
  /** The invoicing system's account under test. */
  vendorKontoId: string;
  vendorName?: string;
  /** The certificate the vendor signs with, as far as the target knows it. */
  vendorCertificate?: { pem: string; source: 'given' | 'catalog' };
  /** Held delivery and redelivery, when the platform is our emulator. */
  platformControl?: PlatformControl;
  /** The platform's own points in time, when the platform is our emulator. */
  platformTimeline?: PlatformTimeline;
  /** Releases everything the target started (emulator, ERP, connections). */
  close(): Promise<void>;
}
