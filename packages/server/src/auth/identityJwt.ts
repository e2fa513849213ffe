import { errors, type JWTPayload, jwtVerify } from 'jose';
import { ApiError } from '../http/errors';

/** What a site asks of identity JWTs (its config's `identity` section). */
export interface IdentityJwtRules {
  /** Required `aud`, when set. */
  audience?: string | undefined;
  /** Required `iss`, when set. */
  issuer?: string | undefined;
  /** Longest lifetime: `exp` at most this far from now (and from `iat` when present). */
  maxTokenMinutes: number;
  /** Clock difference tolerated on `exp`, `nbf` and `iat`. */
  clockSkewSeconds: number;
}

const fail = (reason: string) => new ApiError('unauthorized', `Identity verification failed: ${reason}`);

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the JWT has expired (exp).';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp') return 'the JWT has no exp (expiry) claim.';
    if (error.claim === 'nbf') return 'the JWT is not valid yet (nbf).';
    if (error.claim === 'aud') return "the JWT's audience (aud) is not this site's.";
    if (error.claim === 'iss') return "the JWT's issuer (iss) is not this site's.";
    if (error.claim === 'iat') return 'the JWT was issued in the future (iat).';
    return `the JWT's ${error.claim} claim is invalid.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the JWT must be signed with HS256.';
  return 'the JWT is malformed.';
}

/**
 * Verify an identity JWT with `jose`: HS256 only, signed with one of `keys` (the site's identity secrets, the
 * current one first, then any in their rotation overlap), `exp` required and at most `maxTokenMinutes` ahead,
 * `nbf` and `iat` honoured, `aud` and `iss` when the site names them, `clockSkewSeconds` of tolerance.
 * Throws a 401 naming the reason.
 */
export async function verifyIdentityJwt(
  keys: string[],
  jwt: string,
  rules: IdentityJwtRules,
  now = Date.now(),
): Promise<JWTPayload> {
  const options = {
    algorithms: ['HS256'],
    requiredClaims: ['exp'],
    clockTolerance: rules.clockSkewSeconds,
    currentDate: new Date(now),
    ...(rules.audience ? { audience: rules.audience } : {}),
    ...(rules.issuer ? { issuer: rules.issuer } : {}),
  };
  let payload: JWTPayload | undefined;
  for (const key of keys) {
    try {
      payload = (await jwtVerify(jwt, new TextEncoder().encode(key), options)).payload;
      break;
    } catch (error) {
      // Another key may have signed it (rotation overlap); any other failure is final.
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      throw fail(reasonFor(error));
    }
  }
  if (!payload) throw fail("the JWT's signature does not match the site's identity secret.");
  const seconds = now / 1000;
  const longest = rules.maxTokenMinutes * 60 + rules.clockSkewSeconds;
  const exp = payload.exp as number;
  if (exp - seconds > longest || (typeof payload.iat === 'number' && exp - payload.iat > longest))
    throw fail(`the JWT lives longer than this site allows (${rules.maxTokenMinutes} minutes).`);
  if (typeof payload.iat === 'number' && payload.iat > seconds + rules.clockSkewSeconds)
    throw fail('the JWT was issued in the future (iat).');
  return payload;
}
