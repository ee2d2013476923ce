import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { fetchFromSource } from './fetch.js';
import { SourceReach } from './reach.js';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('SourceReach', () => {
  it('allows only what is listed: names, subdomains, addresses and ranges', () => {
    const reach = new SourceReach(['data.example.gov.cn', '*.zj.gov.cn', '10.20.1.5', '192.168.8.0/24', '[::1]']);
    expect(reach.allows('data.example.gov.cn')).toBe(true);
    expect(reach.allows('DATA.example.gov.cn')).toBe(true);
    expect(reach.allows('other.example.gov.cn')).toBe(false);
    expect(reach.allows('hz.zj.gov.cn')).toBe(true);
    expect(reach.allows('zj.gov.cn')).toBe(false);
    expect(reach.allows('evil-zj.gov.cn')).toBe(false);
    expect(reach.allows('10.20.1.5')).toBe(true);
    expect(reach.allows('10.20.1.6')).toBe(false);
    expect(reach.allows('192.168.8.77')).toBe(true);
    expect(reach.allows('[::1]')).toBe(true);
    expect(new SourceReach([]).allows('127.0.0.1')).toBe(false);
  });

  it('stops start-up on an entry that is none of those', () => {
    expect(() => new SourceReach(['10.0.0.0/40'])).toThrow(/SHUKAI_SOURCE_HOSTS/);
    expect(() => new SourceReach(['http://example.com'])).toThrow(/SHUKAI_SOURCE_HOSTS/);
  });

  it('refuses a listed name that resolves to an internal address unless that address is listed too', async () => {
    const byName = new SourceReach(['localhost']);
    const err = await refusal(byName.address('localhost'));
    expect(err.code).toBe('SOURCE_HOST_NOT_ALLOWED');
    expect(err.detail).toMatch(/内部地址/);
    const withAddresses = new SourceReach(['localhost', '127.0.0.1', '::1']);
    expect((await withAddresses.address('localhost')).address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('refuses an unlisted host before looking it up, naming what is allowed', async () => {
    const err = await refusal(new SourceReach(['data.example.gov.cn']).address('127.0.0.1'));
    expect(err.code).toBe('SOURCE_HOST_NOT_ALLOWED');
    expect(err.detail).toContain('data.example.gov.cn');
  });
});

describe('fetchFromSource', () => {
  let server: Server;
  let origin: string;
  const reach = new SourceReach(['127.0.0.1']);

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/data.csv') return res.end('a,b\n1,2\n');
      if (req.url === '/moved') return res.writeHead(302, { location: '/data.csv' }).end();
      // Where an attacker would send the platform: an address the operator did not list.
      if (req.url === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/big') return res.end(Buffer.alloc(4096, 'x'));
      if (req.url === '/big-chunked') {
        res.write(Buffer.alloc(1000, 'x'));
        return res.end(Buffer.alloc(1000, 'x'));
      }
      if (req.url === '/endless') {
        res.writeHead(200);
        const tick = setInterval(() => res.write('x'), 20);
        res.on('close', () => clearInterval(tick));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const options = { maxBytes: 1024, timeoutMs: 2000 };

  it('reads a listed host, following a redirect on it', async () => {
    const res = await fetchFromSource(reach, `${origin}/moved`, options);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${origin}/data.csv`);
    expect(await text(res.body)).toBe('a,b\n1,2\n');
  });

  it('refuses a redirect to a host that is not listed', async () => {
    expect((await refusal(fetchFromSource(reach, `${origin}/to-metadata`, options))).code).toBe('SOURCE_HOST_NOT_ALLOWED');
  });

  it('gives up on endless redirects', async () => {
    expect((await refusal(fetchFromSource(reach, `${origin}/loop`, options))).code).toBe('SOURCE_UNREACHABLE');
  });

  it('refuses a body declared larger than the limit before reading it', async () => {
    const err = await refusal(fetchFromSource(reach, `${origin}/big`, options));
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.detail).toContain('1 KB');
  });

  it('cuts an undeclared body off at the size limit with an error, not a shorter file', async () => {
    const res = await fetchFromSource(reach, `${origin}/big-chunked`, options);
    expect((await refusal(text(res.body))).code).toBe('FILE_TOO_LARGE');
  });

  it('holds the whole exchange to its deadline', async () => {
    const res = await fetchFromSource(reach, `${origin}/endless`, { maxBytes: 1_000_000, timeoutMs: 300 });
    const err = await text(res.body).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SOURCE_UNREACHABLE');
  });

  it('refuses a URL that is not http(s)', async () => {
    expect((await refusal(fetchFromSource(reach, 'file:///etc/passwd', options))).code).toBe('VALIDATION_FAILED');
  });
});
