/** Supplies the bearer token of authenticated Fiks IO calls (Maskinporten, or a fixed token in tests). */
export interface AccessTokenProvider {
  /** A token valid for a while yet; cached by the provider. */
  getAccessToken(): Promise<string>;
  /** Forgets the cached token (after the server rejected it), so the next call fetches a new one. */
  invalidate?(): void;
}
