import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** CSPRNG id in the contract's format: prefix + n chars of [A-Z0-9]. */
function randomId(prefix: string, length: number): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export const newSessionId = () => randomId('sess_', 8);
export const newUserId = () => randomId('usr_', 12);
export const newFrameId = () => randomId('frm_', 12);
export const newTokenId = () => randomId('tok_', 12);
