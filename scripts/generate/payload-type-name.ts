function pascal(words: readonly string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/**
 * The name of a message type's payload interface: the protocol's last name segment, then the
 * type string after the protocol name, in PascalCase, then `Payload`.
 * `no.ks.fiks.faktura.avdrag` + `no.ks.fiks.faktura.avdrag.v1.opprett.resultat` →
 * `AvdragV1OpprettResultatPayload`.
 */
export function payloadTypeName(protokollnavn: string, messageType: string): string {
  const short = protokollnavn.split('.').at(-1) ?? protokollnavn;
  const rest = messageType.startsWith(`${protokollnavn}.`)
    ? messageType.slice(protokollnavn.length + 1)
    : messageType;
  return `${pascal([short, ...rest.split('.')])}Payload`;
}
