import { createVerifier } from 'fast-jwt';
import { Email, textProblem } from '@claude-scope/contracts';
import { EmailTakenError, findOrCreateExternalUser, type Database } from '@claude-scope/db';
import { HttpError, unauthorized } from './errors.js';
import { JwksKeys, JwksUnavailableError } from './jwks.js';
import { compileValidator, makeAjv } from './ajv.js';

export interface ExternalTokenConfig {
  jwksUrl: string;
  issuer: string;
  audience?: string;
}

interface ExternalClaims {
  iss: string;
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  preferred_username?: unknown;
  picture?: unknown;
}

// The rule signup applies, so an account made from a token has an email signup would take too.
const isEmail = compileValidator(makeAjv(false), Email);
/** (iss, sub) → account id: a token's account is looked up once per API process, not per request. */
const ACCOUNT_CACHE_SIZE = 10_000;

/**
 * Verifies RS256 tokens of an external identity provider against its JSON Web Key Set and resolves
 * them to an account of ours, provisioned on first use from the token's email, name and picture.
 * RS256 only, keys only from the set, `iss` pinned, `aud` when configured, `exp` required.
 */
export function createExternalTokenVerifier(db: Database, config: ExternalTokenConfig, keys = new JwksKeys(config.jwksUrl)) {
  const verify = createVerifier({
    algorithms: ['RS256'],
    key: async (decoded: { header: { kid?: unknown } }) => {
      const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : undefined;
      // fast-jwt turns a missing key into its own error: a token signed by a key the set lacks is a 401.
      return (await keys.key(kid)) ?? '';
    },
    allowedIss: config.issuer,
    ...(config.audience ? { allowedAud: config.audience } : {}),
    requiredClaims: ['iss', 'sub', 'exp'],
    clockTolerance: 5_000,
    cache: true,
  });
  const accounts = new Map<string, string>();

  return async function verifyExternal(token: string): Promise<string> {
    let claims: ExternalClaims;
    try {
      claims = (await verify(token)) as ExternalClaims;
    } catch (err) {
      const cause = (err as { originalError?: unknown }).originalError ?? err;
      if (cause instanceof JwksUnavailableError) {
        throw new HttpError(503, "Service temporarily unavailable (the identity provider's keys); retry shortly", {}, { 'retry-after': '30' });
      }
      throw unauthorized();
    }
    // Postgres cannot store (nor look up) U+0000 or lone surrogates: such an identity names nobody.
    if (typeof claims.sub !== 'string' || claims.sub === '' || textProblem(claims.sub) || textProblem(String(claims.iss))) throw unauthorized();
    const cacheKey = `${claims.iss}\n${claims.sub}`;
    const cached = accounts.get(cacheKey);
    if (cached) return cached;

    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    // An address the provider itself says is unverified names nobody.
    if (!isEmail(email) || claims.email_verified === false) throw unauthorized('Token has no verified email claim');
    // A display name or picture the database could not store is passed over, like a missing one.
    const name = [claims.name, claims.preferred_username, email.split('@')[0]].find(
      (n): n is string => typeof n === 'string' && n.trim() !== '' && !textProblem(n),
    )!;
    const avatarUrl =
      typeof claims.picture === 'string' && /^https:\/\//.test(claims.picture) && claims.picture.length <= 2048 && !textProblem(claims.picture)
        ? claims.picture
        : null;
    let userId: string;
    try {
      userId = await findOrCreateExternalUser(db, { issuer: claims.iss, subject: claims.sub }, { name: [...name.trim()].slice(0, 255).join(''), email, avatarUrl });
    } catch (err) {
      if (err instanceof EmailTakenError) throw unauthorized('The token\'s email belongs to an account that signs in with a password');
      throw err;
    }
    if (accounts.size >= ACCOUNT_CACHE_SIZE) accounts.delete(accounts.keys().next().value!);
    accounts.set(cacheKey, userId);
    return userId;
  };
}
