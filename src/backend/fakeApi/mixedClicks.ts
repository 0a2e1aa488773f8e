/**
 * The fake's mixed mode: an emailing whose clicks are generated people and generated scanners,
 * and which knows which is which (`isBotAt`), so that the verdicts can be measured against the
 * truth (`npm run bench -- figures`, test/fakeApi/mixedClicks.test.ts).
 *
 * - A person clicks one to four links, the first minutes to hours after the send, each next
 *   one seconds to hours later, from a browser or mail client of their own and a home or office
 *   IP.
 * - A scanner (Safe Links, Mimecast and the like) fetches every link of the message within a
 *   second of each other, within a minute of delivery, from one IP of a /16, mostly posing as
 *   Chrome, else as headless Chrome or an HTTP library. It scans the message of one recipient
 *   (a destination); one in ten of those recipients clicks later in person too.
 *
 * Unlike the plain fake, the clicks are made up front (the generated emailing is for tests and
 * benchmarks of up to a few million clicks) and then sorted by time, so that IDs and timestamps
 * both increase with k, as the server's filters require.
 */
import {
  FakeEmailing,
  type FakeEmailingSpec,
  formatWallClock,
  mix,
  parseWallClock,
  type RowFormat,
} from './data';

export interface MixedMode {
  /** Share of all clicks that scanners make; default 0.25 (15–30 % is what the industry reports). */
  botShare?: number;
  /** Links in the message; default 12. */
  links?: number;
}

const personAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.10.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36',
  'Firefox 3.6, WinXP',
];
const scannerChrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const scannerOthers = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
  'python-requests/2.31.0',
  'Go-http-client/1.1',
  'curl/8.5.0',
];
const agents = [...personAgents, scannerChrome, ...scannerOthers];
const agentsJson = agents.map((a) => JSON.stringify(a));
const SCANNER_CHROME = personAgents.length;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Clicks {
  second: Int32Array;
  link: Uint8Array;
  destination: Int32Array;
  agent: Uint8Array;
  ip: Uint32Array;
  bot: Uint8Array;
}

export class MixedEmailing extends FakeEmailing {
  private readonly made: Clicks;
  private readonly linkCount: number;
  private readonly sent: number;

  constructor(spec: FakeEmailingSpec, seed: number, mode: MixedMode = {}) {
    super(spec, seed);
    this.linkCount = Math.min(200, Math.max(3, mode.links ?? 12));
    this.sent = parseWallClock(this.sentAt);
    this.made = this.make(random(mix(seed ^ mix(spec.id ^ 0x3c6ef372))), mode.botShare ?? 0.25);
  }

  /** Destinations number below the click count; their profiles are 1,000,000 + 3 × destination. */
  override get profileIdEnd(): number {
    return 1_000_000 + this.generated * 3 + 1;
  }

  /** Whether click k was made by a scanner. */
  isBotAt(k: number): boolean {
    return k < this.generated && this.made.bot[k] === 1;
  }

  /**
   * How well a set of flagged click IDs matches the truth: precision is the share of the flagged
   * that are bots, recall the share of the bots that are flagged.
   */
  verdictAccuracy(flagged: ReadonlySet<number>): { precision: number; recall: number } {
    let hits = 0;
    let bots = 0;
    for (let k = 0; k < this.count; k++) {
      if (!this.isBotAt(k)) continue;
      bots += 1;
      if (flagged.has(this.idAt(k))) hits += 1;
    }
    return { precision: hits / flagged.size, recall: hits / bots };
  }

  override timestampAt(k: number): string {
    if (k >= this.generated) return super.timestampAt(k);
    return formatWallClock(this.sent + (this.made.second[k] as number));
  }

  override rowJson(k: number, format: RowFormat): string {
    if (k >= this.generated) return super.rowJson(k, format);
    const q = format.numbersAsStrings ? '"' : '';
    const c = this.made;
    const link = c.link[k] as number;
    const ip = c.ip[k] as number;
    const destination = c.destination[k] as number;
    return (
      `{"ID":${q}${this.idAt(k)}${q},"link_id":${q}${this.id * 1000 + link}${q},` +
      `"link":"https://www.voorbeeldwinkel.nl/artikel-${link}","link_title":"Link ${link}",` +
      `"timestamp":"${this.timestampAt(k)}","ip":"${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}",` +
      `"${format.userAgentKey}":${agentsJson[c.agent[k] as number]},"referer":null,"emailing":${q}${this.id}${q},` +
      `"destination":${q}${this.id * 1_000_000 + destination}${q},"profile":${q}${1_000_000 + destination * 3}${q},` +
      `"subprofile":null}`
    );
  }

  private make(rand: () => number, botShare: number): Clicks {
    const n = this.generated;
    const events: {
      second: number;
      link: number;
      destination: number;
      agent: number;
      ip: number;
      bot: number;
    }[] = [];
    const scans = Math.round((n * Math.min(0.9, Math.max(0, botShare))) / this.linkCount);
    // Destinations are numbered in the order they are first used: each scan and each person its own.
    let nextDestination = 0;
    const clickedInPerson: number[] = [];
    for (let s = 0; s < scans && events.length < n; s++) {
      const destination = nextDestination++;
      const at = Math.floor(rand() * 60);
      const agent =
        rand() < 0.7 ? SCANNER_CHROME : SCANNER_CHROME + 1 + Math.floor(rand() * scannerOthers.length);
      const ip = ((52 << 24) | (96 << 16) | Math.floor(rand() * 65536)) >>> 0;
      for (let link = 0; link < this.linkCount && events.length < n; link++) {
        events.push({
          second: at + (link * 2 >= this.linkCount ? 1 : 0),
          link,
          destination,
          agent,
          ip,
          bot: 1,
        });
      }
      if (rand() < 0.1) clickedInPerson.push(destination);
    }
    const person = (destination: number): void => {
      const clicks = 1 + Math.floor(rand() * rand() * 4);
      const agent = Math.floor(rand() * personAgents.length);
      const ip = ((Math.floor(rand() * 80) + 80) * 2 ** 24 + Math.floor(rand() * 2 ** 24)) >>> 0;
      // Minutes to hours after the send, then seconds to hours apart (log-uniform from 3 s to 3 h).
      let second = 120 + Math.floor(Math.exp(rand() * Math.log(2 * 86_400)));
      for (let i = 0; i < clicks && events.length < n; i++) {
        events.push({ second, link: Math.floor(rand() * this.linkCount), destination, agent, ip, bot: 0 });
        second += Math.floor(3 * Math.exp(rand() * Math.log(3600)));
      }
    };
    for (const destination of clickedInPerson) person(destination);
    while (events.length < n) person(nextDestination++);
    events.sort((a, b) => a.second - b.second);
    const made: Clicks = {
      second: new Int32Array(n),
      link: new Uint8Array(n),
      destination: new Int32Array(n),
      agent: new Uint8Array(n),
      ip: new Uint32Array(n),
      bot: new Uint8Array(n),
    };
    events.forEach((e, k) => {
      made.second[k] = e.second;
      made.link[k] = e.link;
      made.destination[k] = e.destination;
      made.agent[k] = e.agent;
      made.ip[k] = e.ip;
      made.bot[k] = e.bot;
    });
    return made;
  }
}
