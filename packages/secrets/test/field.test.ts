import { describe, expect, it } from 'vitest';
import { isSecretField, MASK, maskTypedValue } from '../src/index.js';

describe('the secret-field rule', () => {
  it.each([
    'Password', 'Confirm password', 'New Password', 'Passwort', 'Kennwort', 'Contraseña', 'Mot de passe', 'Senha', 'pwd',
    'Passcode', 'Passphrase', 'PIN', 'Enter PIN', 'PIN code', 'OTP', 'One-time code', 'One time password',
    'Verification code', 'Security code', 'Authentication code', '2FA code', 'SMS code', 'Backup codes', 'Recovery code',
    'CVV', 'CVC', 'CVV2', 'CSC', 'Card number', 'Card no.', 'Credit card', 'Debit card',
    'SSN', 'Social Security number', 'API key', 'api_key', 'apiKey', 'Access key', 'Private key',
    'Secret', 'Client secret', 'Token', 'Access token', 'Personal access token', 'Credentials',
  ])('masks %j', (label) => {
    expect(isSecretField(label)).toBe(true);
  });

  it.each([
    'Shipping address', 'Email', 'Username', 'Full name', 'Phone', 'Search', 'Cardholder name', 'Name on card',
    'Credit card holder', 'Expiry date', 'Sign in with a passkey', 'Spinner', 'Shipping', 'Opinion', 'Secretary',
    'Company', 'Zip code', 'Postal code', 'Promo code', 'Country code', 'Discount code', 'Comment', 'Notes', '',
  ])('keeps %j', (label) => {
    expect(isSecretField(label)).toBe(false);
  });

  it('treats a missing label as not secret', () => {
    expect(isSecretField(undefined)).toBe(false);
    expect(isSecretField(null)).toBe(false);
  });
});

describe('maskTypedValue', () => {
  it('masks the whole value of a secret field, and secrets inside any other value', () => {
    expect(maskTypedValue('Password', 'hunter2')).toBe(MASK);
    expect(maskTypedValue('Verification code', '123456')).toBe(MASK);
    expect(maskTypedValue('Shipping address', '1 Main St')).toBe('1 Main St');
    expect(maskTypedValue('Message', 'my password hunter2')).toBe(`my password ${MASK}`);
    expect(maskTypedValue('Password', '')).toBe('');
  });
});
