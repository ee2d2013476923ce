import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

/** Waits until `find` answers something, or fails after `ms`. */
async function waitFor<T>(find: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A real SMTP server on 127.0.0.1 that keeps every message it receives, parsed. */
export async function startMailServer(): Promise<{ url: string; mails: ReceivedMail[]; waitForMail(to: string, ms?: number): Promise<ReceivedMail>; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        for (const rcpt of session.envelope.rcptTo) mails.push({ to: rcpt.address, subject: parsed.subject ?? '', text: parsed.text ?? '' });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server.server.address() as AddressInfo);
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitForMail: (to, ms) => waitFor(() => mails.find((m) => m.to === to), `mail to ${to}`, ms),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedSms {
  to: string;
  text: string;
  authorization: string | undefined;
}

/** A tiny SMS gateway: takes POST JSON { to, text } and keeps it. */
export async function startSmsGateway(): Promise<{ url: string; messages: ReceivedSms[]; waitForSms(to: string, ms?: number): Promise<ReceivedSms>; close(): Promise<void> }> {
  const messages: ReceivedSms[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      const { to, text } = JSON.parse(body) as { to: string; text: string };
      messages.push({ to, text, authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    messages,
    waitForSms: (to, ms) => waitFor(() => messages.find((m) => m.to === to), `SMS to ${to}`, ms),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The six-digit code in a 忘记密码 message. */
export function codeIn(text: string): string {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code in: ${text}`);
  return code;
}
