import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentUrlProblem,
  checkAttachmentName,
  downloadAttachment,
} from '../../src/discord/attachments.js';

let server: Server;
let host: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/story.txt') res.end('A short story.');
    else if (req.url === '/redirect.txt')
      res.writeHead(302, { location: 'https://elsewhere.example/x.txt' }).end();
    else if (req.url === '/chunked.txt') {
      // No content-length: the size is only known while reading.
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 20; i++) res.write('x'.repeat(100_000));
      res.end();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('attachments', () => {
  describe('attachmentUrlProblem', () => {
    const discord = ['cdn.discordapp.com', 'media.discordapp.net'];

    it("accepts Discord's CDN over https", () => {
      expect(
        attachmentUrlProblem('https://cdn.discordapp.com/attachments/1/2/a.txt?ex=1', discord),
      ).toBeNull();
    });

    it('refuses other hosts, look-alikes, other ports and plain http, saying why', () => {
      expect(attachmentUrlProblem('https://evil.example/a.txt', discord)).toBe(
        'it is not hosted on an allowed host (cdn.discordapp.com, media.discordapp.net), but on evil.example',
      );
      expect(attachmentUrlProblem('https://cdn.discordapp.com.evil.example/a.txt', discord)).toMatch(
        /but on cdn\.discordapp\.com\.evil\.example$/,
      );
      expect(attachmentUrlProblem('https://cdn.discordapp.com:8443/a.txt', discord)).toMatch(
        /but on cdn\.discordapp\.com:8443$/,
      );
      expect(attachmentUrlProblem('http://cdn.discordapp.com/a.txt', discord)).toBe(
        'it is not served over https',
      );
      expect(attachmentUrlProblem('file:///etc/passwd', discord)).toMatch(/not hosted on an allowed host/);
      expect(attachmentUrlProblem('not a url', discord)).toBe('its address is not a valid URL');
    });

    it('allows plain http only for a listed loopback host and port', () => {
      expect(attachmentUrlProblem('http://127.0.0.1:8080/a.txt', ['127.0.0.1:8080'])).toBeNull();
      expect(attachmentUrlProblem('http://127.0.0.1:9090/a.txt', ['127.0.0.1:8080'])).toMatch(
        /but on 127\.0\.0\.1:9090$/,
      );
    });
  });

  describe('checkAttachmentName', () => {
    it('refuses names that carry a path', () => {
      expect(() => checkAttachmentName('../../x.txt')).toThrow(
        'Upload: refused because the file name "../../x.txt" contains a path',
      );
      expect(() => checkAttachmentName('a\\b.txt')).toThrow('contains a path');
      expect(() => checkAttachmentName('story.txt')).not.toThrow();
    });
  });

  describe('downloadAttachment', () => {
    it('downloads from an allowed host', async () => {
      const bytes = await downloadAttachment(`http://${host}/story.txt`, [host]);
      expect(Buffer.from(bytes).toString('utf8')).toBe('A short story.');
    });

    it('never contacts a host that is not allowed', async () => {
      await expect(downloadAttachment(`http://${host}/story.txt`, ['cdn.discordapp.com'])).rejects.toThrow(
        `Upload: refused because it is not hosted on an allowed host (cdn.discordapp.com), but on ${host}`,
      );
    });

    it('does not follow redirects', async () => {
      await expect(downloadAttachment(`http://${host}/redirect.txt`, [host])).rejects.toThrow(
        'Upload: the file could not be downloaded; please try again',
      );
    });

    it('stops reading past the limit when the size is not announced', async () => {
      await expect(downloadAttachment(`http://${host}/chunked.txt`, [host])).rejects.toThrow(
        'Upload: the file is over 1024 KB; stories are at most 1024 KB',
      );
    });

    it('reports a missing file', async () => {
      await expect(downloadAttachment(`http://${host}/gone.txt`, [host])).rejects.toThrow('(HTTP 404)');
    });
  });
});
