/** The endpoints one Fiks IO installation is reached at. */
export interface FiksIoEndpoints {
  /** REST API base, e.g. `https://api.fiks.ks.no` (send, katalog, konto, dokumentlager). */
  api: string;
  /** AMQP broker, e.g. `amqps://io.fiks.ks.no:5671`. */
  amqp: string;
  /** Maskinporten token endpoint. */
  maskinportenToken: string;
  /** Maskinporten audience (`aud` claim of the JWT grant). */
  maskinportenAudience: string;
}

/** KS's two installations; `custom` means explicit endpoints (a local emulator, a proxy). */
export type FiksIoEnvironment = 'prod' | 'test' | 'custom';

/** The endpoint presets of KS's production and test installations. */
export const FIKS_IO_ENVIRONMENTS: Readonly<Record<'prod' | 'test', Readonly<FiksIoEndpoints>>> = {
  prod: {
    api: 'https://api.fiks.ks.no',
    amqp: 'amqps://io.fiks.ks.no:5671',
    maskinportenToken: 'https://maskinporten.no/token',
    maskinportenAudience: 'https://maskinporten.no/',
  },
  test: {
    api: 'https://api.fiks.test.ks.no',
    amqp: 'amqps://io.fiks.test.ks.no:5671',
    maskinportenToken: 'https://test.maskinporten.no/token',
    maskinportenAudience: 'https://test.maskinporten.no/',
  },
};
