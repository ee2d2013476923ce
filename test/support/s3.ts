/**
 * A real S3-protocol server (s3rver) on 127.0.0.1, on a free port over a temporary folder, with
 * one bucket: the object storage the tests run the application against.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface TestBucket {
  /** What selects this bucket for the application (and for a child process). */
  env: Record<string, string>;
  /** Every object in the bucket, with its size. */
  objects(): Promise<Map<string, number>>;
  /** Every request the server received, as `METHOD /path?query`, oldest first. */
  requests: string[];
  close(): Promise<void>;
}

/** s3rver's fixed credentials: it checks request signatures against them. */
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
const TEST_SECRET_KEY = '5e'.repeat(32);

export async function startTestBucket(bucket = 'shukai-test'): Promise<TestBucket> {
  const directory = mkdtempSync(join(tmpdir(), 'shukai-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const requests: string[] = [];
  server.httpServer.prependListener('request', (req) => requests.push(`${req.method} ${req.url}`));
  // The SDK reads credentials from the process environment (its default chain), as in production.
  Object.assign(process.env, CREDENTIALS);
  const endpoint = `http://127.0.0.1:${port}`;
  // With PostgreSQL, object storage is a setup for several hosts, which must be given their shared key (config.ts).
  const env = { SHUKAI_BLOBS: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_FORCE_PATH_STYLE: '1', SHUKAI_SECRET_KEY: TEST_SECRET_KEY, ...CREDENTIALS };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true });
  return {
    env,
    requests,
    async objects() {
      const found = new Map<string, number>();
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const o of page.Contents ?? []) found.set(o.Key!, Number(o.Size));
        token = page.NextContinuationToken;
      } while (token);
      return found;
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
