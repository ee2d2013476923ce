/** Debian's Chromium driven by playwright-core, with the flags this sandbox needs. */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { after, before } from 'node:test';
import { startServer, type RunningServer } from './server.js';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Messages of every alert/confirm/prompt the page opened (each is dismissed). */
  dialogs: string[];
  /** Uncaught exceptions in the page, and whatever the content security policy refused. */
  errors: string[];
}

/** A fresh browser profile (no cookies, no storage) on the portal, in Chinese. */
export async function openSession(browser: Browser, baseURL: string): Promise<Session> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) errors.push(message.text());
  });
  return { context, page, dialogs, errors };
}

/** antd spaces out two-character Chinese button labels ("登 录"); match either way. */
export function label(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
}

/** Waits until the form marks the field invalid, and returns the message shown for it. */
export async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-invalid="true"]')).waitFor();
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const helpId = describedBy.split(/\s+/).find((id) => id.endsWith('_help'));
  if (!helpId) throw new Error('the invalid field names no help text');
  return field.page().locator(`[id="${helpId}"]`).innerText();
}

/**
 * The real server and a browser for one test file, started before its tests and stopped
 * after them; returns how to open a fresh session (own cookies) against that server.
 */
/** `extraEnv` is read when the server starts, so an earlier `before` may fill it in. */
export function portalUnderTest(extraEnv: Record<string, string> = {}): () => Promise<Session> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    // Both are kept even when the other fails to start, so that `after` stops what did start.
    const [started, launched] = await Promise.allSettled([startServer(extraEnv), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return () => openSession(browser!, server!.url);
}
