import { useEffect, useSyncExternalStore } from 'react';
import { api } from './api';

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  unread: number;
  total: number;
  items: NotificationItem[];
}

/** The unread count the header's bell shows; the inbox page updates it when it marks notices read. */
let unread = 0;
const listeners = new Set<() => void>();

export function setUnread(count: number): void {
  unread = count;
  listeners.forEach((l) => l());
}

/** Reads the count now and every minute while the bell is on screen. */
export function useUnreadCount(enabled: boolean): number {
  useEffect(() => {
    if (!enabled) return;
    const refresh = () => { api.get<Inbox>('/api/v1/me/notifications?pageSize=1').then((r) => setUnread(r.unread), () => undefined); };
    refresh();
    const timer = setInterval(refresh, 60_000);
    return () => clearInterval(timer);
  }, [enabled]);
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => unread);
}
