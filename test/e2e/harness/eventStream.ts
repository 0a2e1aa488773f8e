/**
 * Server-Sent Events stand in for `webContents.send`: every connected page receives every event
 * as `{ channel, payload }`, and the page's bridge hands it to the listeners of that channel.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class EventStream {
  private readonly clients = new Set<ServerResponse>();

  /** Pages listening right now; a test waits for its page before causing an event. */
  get listeners(): number {
    return this.clients.size;
  }

  connect(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    // A comment line makes Chromium fire `open` now rather than at the first event.
    response.write(': connected\n\n');
    this.clients.add(response);
    request.on('close', () => this.clients.delete(response));
  }

  send(channel: string, payload: unknown): void {
    const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const client of this.clients) client.write(frame);
  }

  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
