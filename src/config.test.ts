import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'shukai-config-'));

  it('keeps the origin of SHUKAI_PUBLIC_URL and refuses what is not an http(s) URL', () => {
    expect(loadConfig({ DATA_DIR, SHUKAI_PUBLIC_URL: 'https://data.example.gov.cn/portal/' }).publicUrl).toBe('https://data.example.gov.cn');
    expect(loadConfig({ DATA_DIR }).publicUrl).toBeUndefined();
    expect(() => loadConfig({ DATA_DIR, SHUKAI_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/SHUKAI_PUBLIC_URL/);
    expect(() => loadConfig({ DATA_DIR, SHUKAI_PUBLIC_URL: 'data.example.gov.cn' })).toThrow(/SHUKAI_PUBLIC_URL/);
  });

  it('reads recurring tasks in Asia/Shanghai unless SHUKAI_TIMEZONE names another IANA timezone', () => {
    expect(loadConfig({ DATA_DIR }).timezone).toBe('Asia/Shanghai');
    expect(loadConfig({ DATA_DIR, SHUKAI_TIMEZONE: 'Asia/Urumqi' }).timezone).toBe('Asia/Urumqi');
    expect(() => loadConfig({ DATA_DIR, SHUKAI_TIMEZONE: 'Hangzhou' })).toThrow(/SHUKAI_TIMEZONE/);
  });
});
