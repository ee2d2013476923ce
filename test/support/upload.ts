import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './app.js';

/** A multipart/form-data body with one file, as a browser sends it. */
export async function multipart(fileName: string, content: Buffer | string): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), fileName);
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type')! } };
}

export async function upload(client: Client, url: string, fileName: string, content: Buffer | string): Promise<LightMyRequestResponse> {
  const body = await multipart(fileName, content);
  return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
}
