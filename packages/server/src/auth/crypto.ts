import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe id with a readable prefix, e.g. `cv_3kq9…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A random secret of `bytes` bytes, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Hex HMAC-SHA256 of `data` with `key`. */
export function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Compare two strings in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** scrypt cost of new hashes: OWASP's current guidance (N=2^17, r=8, p=1). */
export const SCRYPT_COST = { logN: 17, r: 8, p: 1 } as const;
// Hashes written before the cost was raised have no parameter field and used N=2^14.
const LEGACY_COST = { logN: 14, r: 8, p: 1 } as const;
// Each hash at N=2^17 holds 128 MiB: run at most two at once so a burst of logins cannot exhaust memory.
const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: Array<() => void> = [];

interface Cost {
  logN: number;
  r: number;
  p: number;
}

async function scryptAsync(password: string, salt: Buffer, cost: Cost): Promise<Buffer> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const N = 2 ** cost.logN;
    // maxmem must exceed 128 * N * r bytes, or Node refuses the parameters.
    const maxmem = 128 * N * cost.r + 16 * 1024 * 1024;
    return await new Promise((resolve, reject) =>
      scrypt(password, salt, 64, { N, r: cost.r, p: cost.p, maxmem }, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Hash a password with scrypt: `scrypt$ln=17,r=8,p=1$<salt>$<key>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT_COST);
  const { logN, r, p } = SCRYPT_COST;
  return `scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Result of {@link verifyPassword}. */
export interface PasswordCheck {
  ok: boolean;
  /** The hash uses a lower cost than {@link SCRYPT_COST}: store a fresh hash now that the password is known. */
  needsRehash: boolean;
}

function parseCost(field: string): Cost | null {
  const match = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(field);
  if (!match) return null;
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return logN >= 10 && logN <= 20 && r >= 1 && p >= 1 ? { logN, r, p } : null;
}

/** Check a password against a hash from {@link hashPassword} (or a legacy `scrypt$<salt>$<key>` one). */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const parts = stored.split('$');
  const legacy = parts.length === 3;
  const [scheme, salt, key] = legacy ? parts : [parts[0], parts[2], parts[3]];
  const cost = legacy ? LEGACY_COST : parseCost(parts[1] ?? '');
  if (scheme !== 'scrypt' || !salt || !key || !cost || parts.length > 4)
    return { ok: false, needsRehash: false };
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), cost);
  const expected = Buffer.from(key, 'base64url');
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  const weaker = cost.logN < SCRYPT_COST.logN || cost.r < SCRYPT_COST.r;
  return { ok, needsRehash: ok && weaker };
}

/** Sign a JSON payload: `<base64url(json)>.<base64url(hmac)>`. */
export function signToken(secret: string, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${sig}`;
}

/** Verify a token from {@link signToken}; the payload, or null when forged, malformed or expired (`exp`, ms). */
export function verifyToken(secret: string, token: string): Record<string, unknown> | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.split('.').length !== 2) return null;
  const expected = createHmac('sha256', secret).update(body).digest('base64url');
  if (!safeEqual(sig, expected)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
    const exp = (payload as { exp?: unknown }).exp;
    if (typeof exp === 'number' && exp < Date.now()) return null;
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Claims of a verified identity JWT. */
export interface JwtClaims {
  sub?: string;
  userId?: string;
  email?: string;
  name?: string;
  exp?: number;
  [claim: string]: unknown;
}

/** Create an HS256 JWT (used by tests and examples to sign in a user). */
export function signJwt(secret: string, claims: JwtClaims): string {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}
