/**
 * Header names that carry a credential: never kept in a dead letter, whatever a request's sign list
 * names. A name is one when, lower-cased, it contains any of these words: that covers authorization,
 * proxy-authorization, cookie, set-cookie, x-api-key, x-auth-token and the clouds' x-*-security-token,
 * and any name a gateway invents around them (x-session-id, x-client-secret, …).
 */
const CREDENTIAL_WORDS = ["auth", "token", "secret", "password", "passwd", "credential", "session", "cookie", "api-key", "api_key", "apikey"];

export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_WORDS.some((word) => lower.includes(word));
}
