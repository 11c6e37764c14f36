// A vendor for runner tests whose behaviour each request chooses: the request payload's `mode`
// says whether to answer once, twice, or never, and the answer echoes the request's `marker`.
import { FiksIoClient, readPrivateKey } from '@fiks-faktura/sdk';
import type { FiksIoEmulator } from '../../../src/emulator/index.js';

export const ERROR_REPLY = 'no.ks.fiks.faktura.avdrag.v1.feilmelding.ugyldigforespoersel';

/** Starts answering on the account `name`; returns the client to close. */
export async function startScriptedVendor(emulator: FiksIoEmulator, name: string): Promise<FiksIoClient> {
  const account = emulator.account(name);
  const privateKey = readPrivateKey(account.privateKeyPem!);
  const client = new FiksIoClient({
    connection: emulator.connection(account.kontoId),
    signer: { certificate: account.certificate, privateKey },
    privateKeys: [privateKey],
  });
  await client.subscribe(async (message) => {
    const contents = await message.openPayload();
    const request = JSON.parse(contents.files[0]!.data!.toString('utf8')) as {
      mode?: string;
      marker?: string;
    };
    const answer = {
      name: 'feilmelding.json',
      data: Buffer.from(JSON.stringify({ errorId: 'e-1', feilmelding: `svar på ${request.marker}` })),
    };
    const times = request.mode === 'twice' ? 2 : request.mode === 'never' ? 0 : 1;
    for (let i = 0; i < times; i++) await message.reply(ERROR_REPLY, [answer]);
    await message.ack();
  });
  return client;
}
