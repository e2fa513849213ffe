/** A client id for a command: 21 URL-safe random characters (fits the protocol's 8–64 `[A-Za-z0-9_-]`). */
export function clientId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const bytes = crypto.getRandomValues(new Uint8Array(21));
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}
