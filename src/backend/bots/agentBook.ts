/**
 * What the verdicts and the device tallies need of a user agent, looked up once per distinct
 * agent: whether it is a known bot (bots/knownAgent.ts) and its device, OS and client, parsed
 * once for the whole cache and kept in agent_devices.
 */
import type Database from 'better-sqlite3';
import { type AgentDevice, parseAgent } from '../devices/parseAgent';
import { isKnownBotAgent } from './knownAgent';

/** A user agent's tally keys, `dimension\0value`: the whole emailing's, device type, OS and client. */
export type DeviceKeys = readonly [string, string, string, string];

const noAgentDevice: AgentDevice = { device: 'unknown', os: 'unknown', client: 'unknown' };
const keysOf = (d: AgentDevice): DeviceKeys => [
  'all\0',
  `device\0${d.device}`,
  `os\0${d.os}`,
  `client\0${d.client}`,
];
export const noAgentKeys = keysOf(noAgentDevice);

export class AgentBook {
  private readonly bots = new Map<number, boolean>();
  private readonly keys = new Map<number, DeviceKeys>();
  private readonly text: Database.Statement;
  private readonly stored: Database.Statement;
  private readonly store: Database.Statement;

  constructor(db: Database.Database) {
    this.text = db.prepare('SELECT value FROM texts WHERE id = ?').pluck();
    this.stored = db.prepare('SELECT device, os, client FROM agent_devices WHERE text_id = ?');
    this.store = db.prepare(
      'INSERT INTO agent_devices (text_id, device, os, client) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  isBot(agent: number): boolean {
    let bot = this.bots.get(agent);
    if (bot === undefined) {
      bot = isKnownBotAgent((this.text.get(agent) as string | undefined) ?? null);
      this.bots.set(agent, bot);
    }
    return bot;
  }

  /** The agent's device keys; a missing agent (-1) is unknown on every count. */
  deviceKeys(agent: number): DeviceKeys {
    if (agent < 0) return noAgentKeys;
    let keys = this.keys.get(agent);
    if (keys === undefined) {
      let device = this.stored.get(agent) as AgentDevice | undefined;
      if (!device) {
        device = parseAgent((this.text.get(agent) as string | undefined) ?? null);
        this.store.run(agent, device.device, device.os, device.client);
      }
      keys = keysOf(device);
      this.keys.set(agent, keys);
    }
    return keys;
  }
}
