import { describe, expect, it } from 'vitest';
import { assertUrlAllowed, isPrivateAddress } from '../src/browser/ssrf.js';

const deny = { allowPrivate: false, allowedHosts: [] };

describe('SSRF guard', () => {
  it.each([
    '127.0.0.1', '127.5.5.5', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1',
    '::ffff:7f00:1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', 'not-an-ip',
  ])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );

  it.each([
    ['http://127.0.0.1:3000/', /private or local address/],
    ['http://localhost/', /private or local address/],
    ['http://2130706433/', /private or local address \(127\.0\.0\.1\)/], // decimal form, normalised by the URL parser
    ['http://0x7f.0.0.1/', /private or local address/],
    ['http://[::ffff:127.0.0.1]/', /private or local address/],
    ['http://169.254.169.254/latest/meta-data/', /private or local address/],
    ['file:///etc/passwd', /file: URLs cannot be opened/],
    ['javascript:alert(1)', /javascript: URLs cannot be opened/],
    ['ftp://example.com/', /ftp: URLs cannot be opened/],
    ['not a url', /not a valid URL/],
  ])('blocks %s', async (url, message) => {
    await expect(assertUrlAllowed(url, deny)).rejects.toThrow(message);
  });

  it('allows private targets only when the operator says so', async () => {
    await expect(assertUrlAllowed('http://127.0.0.1:5173/', { allowPrivate: true, allowedHosts: [] })).resolves.toBeUndefined();
    await expect(assertUrlAllowed('http://127.0.0.1:5173/', { allowPrivate: false, allowedHosts: ['127.0.0.1:5173'] })).resolves.toBeUndefined();
    await expect(assertUrlAllowed('http://127.0.0.1:8080/', { allowPrivate: false, allowedHosts: ['127.0.0.1:5173'] })).rejects.toThrow();
    await expect(assertUrlAllowed('http://localhost:3000/', { allowPrivate: false, allowedHosts: ['localhost'] })).resolves.toBeUndefined();
  });

  it('allows a public address literal without DNS', async () => {
    await expect(assertUrlAllowed('https://93.184.216.34/', deny)).resolves.toBeUndefined();
  });
});
