import { describe, expect, it } from 'vitest';
import { nextUpdateDue } from './catalog.js';

describe('next update due', () => {
  it('counts from the day the update fell on in China, not in UTC', () => {
    // 01:55 on 28 November in Beijing is still the 27th in UTC.
    expect(nextUpdateDue('2026-11-27T17:55:00.000Z', 'daily')).toBe('2026-11-29');
    expect(nextUpdateDue('2026-11-27T10:00:00.000Z', 'daily')).toBe('2026-11-28');
    expect(nextUpdateDue('2026-11-27T10:00:00.000Z', 'irregular')).toBeNull();
  });
});
