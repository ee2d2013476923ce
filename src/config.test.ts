import { existsSync, mkdtempSync } from 'node:fs';
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

  it('reads the process role from SHUKAI_ROLE, SHUKAI_RUN_JOBS=0 meaning an API-only process', () => {
    expect(loadConfig({ DATA_DIR })).toMatchObject({ role: 'all', runJobs: true, shutdownSeconds: 25 });
    expect(loadConfig({ DATA_DIR, SHUKAI_RUN_JOBS: '0' })).toMatchObject({ role: 'api', runJobs: false });
    expect(loadConfig({ DATA_DIR, SHUKAI_ROLE: 'api' })).toMatchObject({ role: 'api', runJobs: false });
    expect(loadConfig({ DATA_DIR, SHUKAI_ROLE: 'worker', SHUKAI_SHUTDOWN_SECONDS: '60' })).toMatchObject({ role: 'worker', runJobs: true, shutdownSeconds: 60, shutdownDelaySeconds: 0 });
    expect(loadConfig({ DATA_DIR, SHUKAI_SHUTDOWN_DELAY_SECONDS: '5' }).shutdownDelaySeconds).toBe(5);
    expect(() => loadConfig({ DATA_DIR, SHUKAI_SHUTDOWN_DELAY_SECONDS: 'soon' })).toThrow(/SHUKAI_SHUTDOWN_DELAY_SECONDS/);
    expect(() => loadConfig({ DATA_DIR, SHUKAI_ROLE: 'worker', SHUKAI_RUN_JOBS: '0' })).toThrow(/SHUKAI_RUN_JOBS=0/);
    expect(() => loadConfig({ DATA_DIR, SHUKAI_ROLE: 'web' })).toThrow(/SHUKAI_ROLE/);
  });

  it('refuses to make a local secret key for PostgreSQL with object storage, a setup several hosts share', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shukai-config-'));
    const shared = { DATA_DIR: dataDir, DATABASE_URL: 'postgres://db.internal/shukai', SHUKAI_BLOBS: 's3', S3_BUCKET: 'shukai' };
    expect(() => loadConfig(shared)).toThrow(/SHUKAI_SECRET_KEY is required/);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
    const key = 'ab'.repeat(32);
    expect(loadConfig({ ...shared, SHUKAI_SECRET_KEY: key }).secretKey.toString('hex')).toBe(key);
    // One host alone (either part local) may still keep its key beside its data.
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: shared.DATABASE_URL }).secretKey).toHaveLength(32);
    expect(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'shukai-config-')), SHUKAI_BLOBS: 's3', S3_BUCKET: 'shukai' }).secretKey).toHaveLength(32);
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
