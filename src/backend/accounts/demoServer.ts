/**
 * "Explore sample data": a fake Copernica server inside the worker, on loopback, on a port the
 * system picks. Its data is generated from a fixed seed, so after a restart the server started
 * again on demand serves exactly the same emailings and clicks.
 */
import { createFakeCopernica, type FakeCopernica, type FakeEmailingSpec } from '../fakeApi/server';

/** Kept in worker memory only; it opens nothing but the embedded server. */
export const DEMO_TOKEN = 'copernica-clicks-sample-data';
export const DEMO_LABEL = 'Sample data';

export const DEMO_EMAILINGS: FakeEmailingSpec[] = [
  {
    id: 1001,
    subject: 'Spring sale – up to 50 % off (sample)',
    sentAt: '2025-03-04 09:00:00',
    clicks: 250_000,
    destinations: 480_000,
  },
  {
    id: 1002,
    subject: 'March newsletter: café & crème (sample)',
    sentAt: '2025-03-11 09:30:00',
    clicks: 1_200,
    destinations: 12_000,
  },
  {
    id: 1003,
    subject: 'Invitation to our open day (sample)',
    sentAt: '2025-03-18 10:00:00',
    clicks: 300,
    destinations: 2_500,
  },
];

/** The sample data's Marketing Suite emailing, beside the Publisher ones (its own ID space). */
export const DEMO_MS_EMAILINGS: FakeEmailingSpec[] = [
  {
    id: 1001,
    subject: 'Drag-and-drop welcome series (sample)',
    sentAt: '2025-03-25 08:30:00',
    clicks: 4_800,
    destinations: 30_000,
  },
];

export class DemoServer {
  private server: Promise<FakeCopernica> | null = null;

  constructor(
    private readonly emailings: FakeEmailingSpec[] = DEMO_EMAILINGS,
    private readonly msEmailings: FakeEmailingSpec[] = DEMO_MS_EMAILINGS,
  ) {}

  /** The API base of the running server, started on first use. */
  async apiBase(): Promise<string> {
    this.server ??= createFakeCopernica({
      port: 0,
      tokens: [DEMO_TOKEN],
      emailings: this.emailings,
      msEmailings: this.msEmailings,
      seed: 7,
    });
    try {
      return (await this.server).url;
    } catch (error) {
      this.server = null;
      throw error;
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await (await server).close();
  }
}
