import { capText } from './cap.js';

/**
 * The secret-field rule: whether a form field, recognised by its label (accessible name, placeholder, the text
 * before it, a timeline event's `name`), holds a value that must never be stored or shown.
 *
 * Masked: passwords and passcodes (also in German, Spanish, French, Portuguese), PINs, one-time and verification
 * codes (OTP, 2FA/MFA, security/auth codes), card numbers, CVV/CVC/CSC, SSNs, API keys, access/private keys,
 * secrets, tokens and credentials. Not masked: everything else a form asks — names, emails, addresses ("Shipping
 * address"), phone numbers, card holder names, expiry dates, "Passkey" (a passkey has no typed value), and words
 * that merely contain a listed one ("Shipping", "Spinner", "Secretary", "Opinion").
 */
const SECRET_FIELD = new RegExp(
  [
    String.raw`pass(?:word|wd|code|phrase)`,
    String.raw`passwort|kennwort|contrase[ñn]a|mot de passe|senha|\bpwd\b|\bpw\b`,
    String.raw`\bpins?\b`,
    String.raw`\botp\b|one[\s-]?time[\s-]?(?:code|password|passcode|pin|token)`,
    String.raw`(?:verification|security|auth(?:entication)?|confirmation|2fa|mfa|sms|access|recovery|backup)[\s-]?codes?\b`,
    String.raw`\bcv[cv]2?\b|\bcsc\b|card[\s-]?(?:number|no\b|#)|(?:credit|debit)[\s-]?card\b(?![\s-]?(?:holder|name|type))`,
    String.raw`\bssn\b|social[\s-]?security|\bsin\b`,
    String.raw`api[\s_-]?key|access[\s_-]?key|private[\s_-]?key|secret(?!ar)|token|credential`,
  ].join('|'),
  'i',
);

/** Labels are short; a longer one is cut before the rule runs. */
const MAX_LABEL = 500;

/** True when a field with this label holds a secret (see the list above). */
export function isSecretField(label: string | null | undefined): boolean {
  return typeof label === 'string' && label !== '' && SECRET_FIELD.test(capText(label, MAX_LABEL));
}

/** The one place the rule's pattern is exposed: for the linear-time test, which runs every pattern on 1 MB. */
export const FIELD_PATTERN = SECRET_FIELD;
