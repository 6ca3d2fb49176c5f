/**
 * A Bot Connector that accepts everything: the bot's card updates and messages during fuzzing
 * get a quick 200 instead of waiting on retries against an address where nothing listens, and
 * a test can read the card an `Action.Submit` answer put in place of the pressed one.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReplyActivity } from '../direct-bot-client';

/** A running sink. */
export interface ConnectorSink {
  /** Its base URL, to use as the activities' `serviceUrl`. */
  readonly serviceUrl: string;
  /** The updates of activity `id` received so far, forgotten once read. */
  takeUpdates(id: string): ReplyActivity[];
  /** Closes it. */
  stop(): Promise<void>;
}

const UPDATE_PATH = /^\/v3\/conversations\/[^/]+\/activities\/([^/?]+)$/;

/** Starts a sink on 127.0.0.1 that answers every request `200 { id }`. */
export async function startConnectorSink(): Promise<ConnectorSink> {
  const updates = new Map<string, ReplyActivity[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const updated = request.method === 'PUT' ? UPDATE_PATH.exec(request.url ?? '') : null;
      if (updated?.[1]) {
        const id = decodeURIComponent(updated[1]);
        const activity = JSON.parse(Buffer.concat(chunks).toString()) as ReplyActivity;
        updates.set(id, [...(updates.get(id) ?? []), activity]);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    takeUpdates(id) {
      const taken = updates.get(id) ?? [];
      updates.delete(id);
      return taken;
    },
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
