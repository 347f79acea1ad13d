import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER header of an Ed25519 SubjectPublicKeyInfo; the 32-byte raw key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Discord signs with a fresh timestamp; older (or further in the future) than this is refused. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

/** The application's public key (64 hex characters, as the Developer Portal shows it) as a key object. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('Signature: a public key is 64 hexadecimal characters');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Why a request's signature is refused, or null when it is Discord's and fresh. */
export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'invalid';

/**
 * Checks Discord's `X-Signature-Ed25519` over `X-Signature-Timestamp` + raw body, and that
 * the timestamp (Unix seconds) is within `MAX_SIGNATURE_AGE_SECONDS` of `nowMs`, so a
 * captured request cannot be replayed later.
 */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number = Date.now(),
): SignatureProblem | null {
  if (!signature || !timestamp) return 'missing';
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return 'stale';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? null : 'invalid';
}
