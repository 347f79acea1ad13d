import { describe, expect, it } from 'vitest';
import { checkSignature, MAX_SIGNATURE_AGE_SECONDS, publicKeyFromHex } from '../../src/http/signature.js';
import { makeSigner } from './signing.js';

const signer = makeSigner();
const key = publicKeyFromHex(signer.publicKeyHex);
const body = Buffer.from('{"type":1}');
const NOW = 1_750_000_000_000;
const nowSeconds = NOW / 1000;

function check(headers: Record<string, string>, payload = body, now = NOW) {
  return checkSignature(key, headers['x-signature-ed25519'], headers['x-signature-timestamp'], payload, now);
}

describe('http/signature', () => {
  describe('publicKeyFromHex', () => {
    it('makes an Ed25519 key from the 64 hex characters the Developer Portal shows', () => {
      expect(key.asymmetricKeyType).toBe('ed25519');
    });

    it('refuses anything else, naming the module', () => {
      expect(() => publicKeyFromHex('abc')).toThrow('Signature: a public key is 64 hexadecimal characters');
    });
  });

  describe('checkSignature', () => {
    it('accepts a fresh signature over timestamp + body', () => {
      expect(check(signer.headers(body, nowSeconds))).toBeNull();
    });

    it('says missing when either header is absent', () => {
      const headers = signer.headers(body, nowSeconds);
      expect(checkSignature(key, undefined, headers['x-signature-timestamp'], body, NOW)).toBe('missing');
      expect(checkSignature(key, headers['x-signature-ed25519'], undefined, body, NOW)).toBe('missing');
    });

    it('says malformed for a signature that is not 64 bytes of hex or a timestamp that is not a number', () => {
      const headers = signer.headers(body, nowSeconds);
      expect(check({ ...headers, 'x-signature-ed25519': 'zz' })).toBe('malformed');
      expect(check({ ...headers, 'x-signature-timestamp': 'yesterday' })).toBe('malformed');
    });

    it('says invalid when the body, the timestamp or the key differs from what was signed', () => {
      const headers = signer.headers(body, nowSeconds);
      expect(check(headers, Buffer.from('{"type":2}'))).toBe('invalid');
      expect(check({ ...headers, 'x-signature-timestamp': String(nowSeconds + 1) })).toBe('invalid');
      expect(check(makeSigner().headers(body, nowSeconds))).toBe('invalid');
    });

    it('says stale beyond five minutes either way, even when correctly signed', () => {
      const limit = MAX_SIGNATURE_AGE_SECONDS;
      expect(check(signer.headers(body, nowSeconds - limit))).toBeNull();
      expect(check(signer.headers(body, nowSeconds - limit - 1))).toBe('stale');
      expect(check(signer.headers(body, nowSeconds + limit + 1))).toBe('stale');
    });
  });
});
