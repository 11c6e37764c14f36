// Asking the emulator's /token for an access token with a JWT-bearer grant, as Maskinporten is asked.

/** POSTs `assertion` as a JWT-bearer grant to `${emulatorUrl}/token`; the answer's status and JSON body. */
export async function requestToken(
  emulatorUrl: string,
  assertion: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulatorUrl}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
