import type { X509Certificate } from 'node:crypto';

/** Sending/receiving status of an account (`KontoStatusApiModel`). */
export interface KontoStatus {
  gyldigAvsender: boolean;
  gyldigMottaker: boolean;
  melding: string | undefined;
  antallKonsumenter: number | undefined;
  antallUavhentedeMeldinger: number | undefined;
}

/** An account as the catalog describes it (`KatalogKonto`). */
export interface KatalogKonto {
  kontoId: string;
  kontoNavn: string | undefined;
  fiksOrgId: string | undefined;
  fiksOrgNavn: string | undefined;
  organisasjonsnummer: string | undefined;
  kommunenummer: string | undefined;
  status: KontoStatus | undefined;
}

/** An account's public key (`OffentligNokkel`) with the certificate parsed. */
export interface OffentligNokkel {
  certificate: X509Certificate;
  /** The PEM certificate as published. */
  nokkel: string;
  validFrom: string | undefined;
  validTo: string | undefined;
  serial: string | undefined;
  subjectDN: string | undefined;
  issuerDN: string | undefined;
  valid: boolean | undefined;
  statusMessage: string | undefined;
}

type Json = Record<string, unknown>;

const str = (o: Json, key: string): string | undefined =>
  typeof o[key] === 'string' ? (o[key] as string) : undefined;
const num = (o: Json, key: string): number | undefined =>
  typeof o[key] === 'number' ? (o[key] as number) : undefined;
const bool = (o: Json, key: string): boolean | undefined =>
  typeof o[key] === 'boolean' ? (o[key] as boolean) : undefined;

/** Reads a `KontoStatusApiModel`; undefined when `data` is not an object. */
export function parseKontoStatus(data: unknown): KontoStatus | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const o = data as Json;
  return {
    gyldigAvsender: bool(o, 'gyldigAvsender') ?? false,
    gyldigMottaker: bool(o, 'gyldigMottaker') ?? false,
    melding: str(o, 'melding'),
    antallKonsumenter: num(o, 'antallKonsumenter'),
    antallUavhentedeMeldinger: num(o, 'antallUavhentedeMeldinger'),
  };
}

/** Reads a `KatalogKonto`; undefined without a `kontoId`. */
export function parseKatalogKonto(data: unknown): KatalogKonto | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const o = data as Json;
  const kontoId = str(o, 'kontoId');
  if (kontoId === undefined) return undefined;
  return {
    kontoId,
    kontoNavn: str(o, 'kontoNavn'),
    fiksOrgId: str(o, 'fiksOrgId'),
    fiksOrgNavn: str(o, 'fiksOrgNavn'),
    organisasjonsnummer: str(o, 'organisasjonsnummer'),
    kommunenummer: str(o, 'kommunenummer'),
    status: parseKontoStatus(o['status']),
  };
}

/** The JSON fields of an `OffentligNokkel` (the key is `nokkel`; .NET also accepts `Nokkel`). */
export function offentligNokkelFields(data: unknown): Omit<OffentligNokkel, 'certificate'> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const o = data as Json;
  const nokkel = str(o, 'nokkel') ?? str(o, 'Nokkel');
  if (nokkel === undefined) return undefined;
  return {
    nokkel,
    validFrom: str(o, 'validFrom'),
    validTo: str(o, 'validTo'),
    serial: str(o, 'serial'),
    subjectDN: str(o, 'subjectDN'),
    issuerDN: str(o, 'issuerDN'),
    valid: bool(o, 'valid'),
    statusMessage: str(o, 'statusMessage'),
  };
}
