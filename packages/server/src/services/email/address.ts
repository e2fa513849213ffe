import { hmacHex, safeEqual } from '../../auth/crypto';

/**
 * Signed addresses and links. The signature is an HMAC with the server's secret over what it names, so nobody
 * can make a valid reply address or follow-up link for a conversation from its id alone.
 */
const SIG_LENGTH = 24;

function sign(secret: string, data: string): string {
  return hmacHex(secret, data).slice(0, SIG_LENGTH);
}

/** `reply+<conversation>.<signature>@<domain>`: answers to it land in that conversation. */
export function replyAddress(secret: string, conversationId: string, domain: string): string {
  return `reply+${conversationId}.${sign(secret, `reply:${conversationId}`)}@${domain}`;
}

/** The conversation a reply address names when its signature is right; null for anything else (a forgery). */
export function conversationOfAddress(secret: string, address: string): string | null {
  const match = /^reply\+([A-Za-z0-9_-]{1,64})\.([0-9a-f]+)@/i.exec(address.trim());
  if (!match) return null;
  const [, id, signature] = match;
  return safeEqual(signature!.toLowerCase(), sign(secret, `reply:${id}`)) ? id! : null;
}

/** Signature of a follow-up answer link. */
export function followUpSignature(secret: string, conversationId: string, answer: 'yes' | 'no'): string {
  return sign(secret, `followup:${conversationId}:${answer}`);
}

/** Is `signature` the right one for this follow-up answer? */
export function followUpSignatureValid(
  secret: string,
  conversationId: string,
  answer: 'yes' | 'no',
  signature: string,
): boolean {
  return safeEqual(signature, followUpSignature(secret, conversationId, answer));
}

/**
 * The new part of an emailed answer: stops at the marker line our emails carry, at "On … wrote:", at quoted
 * ("> ") lines, at an "Original Message" separator and at a "-- " signature.
 */
export function stripQuoted(text: string, markers: readonly string[]): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (markers.some((m) => trimmed.includes(m))) break;
    if (/^>/.test(trimmed)) break;
    if (/^-{2,}\s*(original message|původní zpráva|ursprüngliche nachricht)/i.test(trimmed)) break;
    if (line === '-- ' || line === '--') break;
    if (/^(on|dne|am|le)\s.+(wrote|napsal|napsala|schrieb|a écrit)\s*:?$/i.test(trimmed)) break;
    if (/^(from|od|von):\s/i.test(trimmed) && out.length > 0 && out[out.length - 1]!.trim() === '') break;
    out.push(line);
  }
  return out.join('\n').trim();
}
