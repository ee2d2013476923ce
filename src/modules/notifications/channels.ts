import type { Transporter } from 'nodemailer';
import type { Config } from '../../config.js';

/** How an account can be reached outside the platform. */
export interface Addressee {
  phone: string;
  email: string | null;
}

export interface OutboundMessage {
  subject: string;
  text: string;
}

/**
 * A way out of the platform (email, SMS). The inbox is not one: it is the `notifications` table,
 * written in the command's own transaction, always. A channel sends only after the command
 * committed, and its failure is logged, never the command's.
 */
export interface Channel {
  readonly name: ChannelName;
  /** Where this channel reaches the account, or null when the account gave no such address. */
  addressOf(who: Addressee): string | null;
  send(address: string, message: OutboundMessage): Promise<void>;
}

export type ChannelName = 'email' | 'sms';

/** Email through the SMTP server of SMTP_URL, from SMTP_FROM. */
export function emailChannel(smtp: NonNullable<Config['smtp']>): Channel {
  // nodemailer (~15 MB) loads with the first message, not with every process.
  let transport: Promise<Transporter> | undefined;
  return {
    name: 'email',
    addressOf: (who) => who.email,
    send: async (address, message) => {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(smtp.url));
      await (await transport).sendMail({ from: smtp.from, to: address, subject: message.subject, text: message.text });
    },
  };
}

/** Text messages through an HTTP gateway: POST JSON { to, text }, the token as a bearer credential. */
export function smsChannel(gateway: NonNullable<Config['smsGateway']>): Channel {
  return {
    name: 'sms',
    addressOf: (who) => who.phone,
    send: async (address, message) => {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}) },
        body: JSON.stringify({ to: address, text: message.text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

/** The channels this deployment has configured, by name. */
export function configuredChannels(config: Pick<Config, 'smtp' | 'smsGateway'>): Map<ChannelName, Channel> {
  const channels = new Map<ChannelName, Channel>();
  if (config.smtp) channels.set('email', emailChannel(config.smtp));
  if (config.smsGateway) channels.set('sms', smsChannel(config.smsGateway));
  return channels;
}
