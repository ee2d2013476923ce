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

  it('keeps blobs in DATA_DIR unless SHUKAI_BLOBS=s3 names a bucket', () => {
    expect(loadConfig({ DATA_DIR }).blobs).toEqual({ kind: 'local' });
    expect(loadConfig({ DATA_DIR, SHUKAI_BLOBS: 's3', S3_BUCKET: 'shukai', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: '1' }).blobs)
      .toEqual({ kind: 's3', bucket: 'shukai', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true });
    expect(loadConfig({ DATA_DIR, SHUKAI_BLOBS: 's3', S3_BUCKET: 'shukai', S3_REGION: 'oss-cn-hangzhou' }).blobs)
      .toEqual({ kind: 's3', bucket: 'shukai', endpoint: undefined, region: 'oss-cn-hangzhou', forcePathStyle: false });
    expect(() => loadConfig({ DATA_DIR, SHUKAI_BLOBS: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ DATA_DIR, SHUKAI_BLOBS: 'minio' })).toThrow(/SHUKAI_BLOBS/);
    expect(() => loadConfig({ DATA_DIR, SHUKAI_BLOBS: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT/);
  });
});
