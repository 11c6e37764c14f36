import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import type { Mutant } from '../mutant.js';

/** Cases one per protocol and reply kind: a granted answer, a denial, an error reply, a receipt. */
export const ONE_OF_EACH = [
  'avdrag.opprett.N01',
  'avdrag.opprett.F02',
  'betalingsutsettelse.opprett.N01',
  'betalingsutsettelse.opprett.N10',
  'kommentar.send.N01',
  'kommentar.send.F07',
];

type DevCertificate = Awaited<ReturnType<typeof generateDevCertificate>>;

let stranger: Promise<DevCertificate> | undefined;

/** A certificate that is not the vendor's, made once per process. */
function strangerCertificate(): Promise<DevCertificate> {
  stranger ??= generateDevCertificate({ commonName: 'Et annet fakturasystem' });
  return stranger;
}

/** Faults of the sealed container: signature, manifest, file name. */
export const ENVELOPE_MUTANTS: readonly Mutant[] = [
  {
    name: 'unsigned-reply',
    description: 'sends every answer in a container without a signature',
    cases: ONE_OF_EACH,
    create: () => ({ answer: (answer) => answer.send({ container: 'unsigned' }) }),
  },
  {
    name: 'signed-by-another-certificate',
    description: "signs every answer with a certificate that is not the vendor's",
    cases: ONE_OF_EACH,
    create: () => ({
      async answer(answer) {
        const { certificate, privateKey } = await strangerCertificate();
        return answer.send({ signer: { certificate, privateKey } });
      },
    }),
  },
  {
    name: 'manifest-digest-wrong',
    description: 'changes the payload file after the manifest listing its digest was signed',
    cases: ONE_OF_EACH,
    create: () => ({ answer: (answer) => answer.send({ container: 'digest-mismatch' }) }),
  },
  {
    name: 'payload-file-name-wrong',
    description: "names the payload file svar.json instead of the catalogue's name",
    cases: ONE_OF_EACH,
    create: () => ({ answer: (answer) => answer.send({ fileName: 'svar.json' }) }),
  },
];
