import { generateKeyPairSync, sign } from 'node:crypto';
import { request } from 'node:http';

/** An Ed25519 key pair standing in for a Discord application's, and requests signed with it. */
export interface Signer {
  /** The public key as the Developer Portal shows it (64 hex characters). */
  publicKeyHex: string;
  /** Headers Discord would send with `body` at `timestampSeconds`. */
  headers(body: string | Buffer, timestampSeconds?: number): Record<string, string>;
}

export function makeSigner(): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKeyHex: spki.subarray(spki.length - 32).toString('hex'),
    headers(body, timestampSeconds = Math.floor(Date.now() / 1000)) {
      const timestamp = String(timestampSeconds);
      const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey);
      return {
        'content-type': 'application/json',
        'x-signature-ed25519': signature.toString('hex'),
        'x-signature-timestamp': timestamp,
      };
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP request with node:http (not fetch), so a test controls exactly what is sent:
 * `chunks` are written one by one without a Content-Length unless the headers give one.
 */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: Buffer[];
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    // The server may close the connection while the rest of a refused body is being written;
    // that is fine once its answer has arrived.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}
