import { createHash, randomInt } from 'node:crypto';
import { API_TOKEN_PREFIX, type TokenScope } from '@claude-scope/contracts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 43 base62 characters: 256 bits of CSPRNG output (randomInt draws without modulo bias). */
const SECRET_LENGTH = 43;
const SHAPE = new RegExp(`^${API_TOKEN_PREFIX}[0-9A-Za-z]{32,128}$`);

export function newApiTokenSecret(): string {
  let out = API_TOKEN_PREFIX;
  for (let i = 0; i < SECRET_LENGTH; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** A bearer credential that claims to be an API token (never a JWT: those contain dots). */
export const looksLikeApiToken = (credential: string) => credential.startsWith(API_TOKEN_PREFIX);
export const isWellFormedApiToken = (credential: string) => SHAPE.test(credential);

/**
 * What is stored and looked up: SHA-256, no salt, no KDF. A KDF (argon2, scrypt) slows down guessing a
 * low-entropy secret such as a password from its hash; a 256-bit CSPRNG token cannot be guessed at any
 * hashing speed, so a fast hash keeps a leaked table just as useless while letting each request find
 * its token through a unique index in one cheap query.
 */
export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** `read` covers GET (and HEAD); anything that changes state needs `write`. */
export const scopeForMethod = (method: string): TokenScope => (method === 'GET' || method === 'HEAD' ? 'read' : 'write');
