import { describe, expect, it } from 'vitest';
import { type ClickSet, judgeClicks } from '../../src/backend/bots/judge';
import { type BotRules, botReasonBit, defaultBotRules, reasonsOf } from '../../src/shared/schemas/bots';

interface TestClick {
  link?: number;
  at: number;
  destination?: number | null;
  ip?: string | null;
  agent?: number;
}

const PERSON_AGENT = 1;
const BOT_AGENT = 2;

function setOf(clicks: TestClick[]): ClickSet {
  const n = clicks.length;
  const set: ClickSet = {
    count: n,
    link: new Int32Array(n),
    wall: new Float64Array(n),
    destination: new Float64Array(n),
    agent: new Int32Array(n),
    ip: [],
  };
  clicks.forEach((c, i) => {
    set.link[i] = c.link ?? 1;
    set.wall[i] = c.at;
    set.destination[i] = c.destination === null ? NaN : (c.destination ?? 7);
    set.agent[i] = c.agent ?? PERSON_AGENT;
    set.ip.push(c.ip === undefined ? `10.0.0.${i + 1}` : c.ip);
  });
  return set;
}

function judge(clicks: TestClick[], rules: Partial<BotRules> = {}, linkCount = 40) {
  const reasons = judgeClicks(setOf(clicks), {
    rules: { ...defaultBotRules, ...rules },
    linkCount,
    agentIsBot: (agent) => agent === BOT_AGENT,
    ipInRanges: (ip) => ip.startsWith('40.92.'),
  });
  return [...reasons].map(reasonsOf);
}

describe('burst: distinct links of one destination within a second or two', () => {
  it('flags two links two seconds apart (the threshold) and not three seconds apart', () => {
    expect(
      judge([
        { link: 1, at: 100 },
        { link: 2, at: 102 },
      ]),
    ).toEqual([['burst'], ['burst']]);
    expect(
      judge([
        { link: 1, at: 100 },
        { link: 2, at: 103 },
      ]),
    ).toEqual([[], []]);
  });

  it('counts distinct links: the same link twice in a second is no burst', () => {
    expect(
      judge([
        { link: 1, at: 100 },
        { link: 1, at: 100 },
      ]),
    ).toEqual([[], []]);
  });

  it('takes its thresholds from the rules', () => {
    const rules = { burst: { enabled: true, minLinks: 3, seconds: 1 } };
    const three = [
      { link: 1, at: 100 },
      { link: 2, at: 100 },
      { link: 3, at: 101 },
    ];
    expect(judge(three, rules).every((r) => r.includes('burst'))).toBe(true);
    expect(judge(three.slice(0, 2), rules)).toEqual([[], []]);
    expect(judge([...three.slice(0, 2), { link: 3, at: 102 }], rules)).toEqual([[], [], []]);
  });

  it('looks at one destination at a time, and flags only the clicks of the window', () => {
    const judged = judge([
      { link: 1, at: 100, destination: 1 },
      { link: 2, at: 101, destination: 2 },
      { link: 3, at: 500, destination: 1 },
      { link: 4, at: 501, destination: 1 },
    ]);
    expect(judged).toEqual([[], [], ['burst'], ['burst']]);
  });

  it('judges clicks that arrive out of time order', () => {
    expect(
      judge([
        { link: 2, at: 102 },
        { link: 5, at: 900 },
        { link: 1, at: 101 },
      ]),
    ).toEqual([['burst'], [], ['burst']]);
  });
});

describe('every link: a destination that clicks every link of an emailing with at least three', () => {
  const spaced = (links: number[]) => links.map((link, i) => ({ link, at: 100 + i * 600 }));

  it('flags every link of three links, not of two', () => {
    expect(judge(spaced([1, 2, 3]), {}, 3)).toEqual([['everyLink'], ['everyLink'], ['everyLink']]);
    expect(judge(spaced([1, 2]), {}, 2)).toEqual([[], []]);
  });

  it('does not flag all but one link', () => {
    expect(judge(spaced([1, 2, 3]), {}, 4)).toEqual([[], [], []]);
  });

  it('takes its minimum from the rules', () => {
    const rules = { everyLink: { enabled: true, minLinks: 4 } };
    expect(judge(spaced([1, 2, 3]), rules, 3)).toEqual([[], [], []]);
    expect(judge(spaced([1, 2, 3, 4]), rules, 4).every((r) => r.includes('everyLink'))).toBe(true);
  });
});

describe('known agent and scanner network', () => {
  it('flags a known bot agent and a click without an agent', () => {
    expect(judge([{ at: 1, agent: BOT_AGENT }, { at: 2, agent: -1 }, { at: 3 }])).toEqual([
      ['knownAgent'],
      ['knownAgent'],
      [],
    ]);
  });

  it('flags an IP in the ranges, and only when the rule has ranges and is on', () => {
    const clicks = [
      { at: 1, ip: '40.92.3.4' },
      { at: 2, ip: '41.92.3.4' },
    ];
    expect(judge(clicks, { scannerNetwork: { enabled: true, ranges: ['40.92.0.0/16'] } })).toEqual([
      ['scannerNetwork'],
      [],
    ]);
    expect(judge(clicks, { scannerNetwork: { enabled: false, ranges: ['40.92.0.0/16'] } })).toEqual([[], []]);
    expect(judge(clicks)).toEqual([[], []]);
  });
});

describe('sticky: the same IP within fifteen minutes after a flagged click', () => {
  const ip = '192.0.2.1';
  it('flags a click 15 minutes after a flagged one and not 15 minutes and a second after', () => {
    const judged = judge([
      { at: 1000, ip, agent: BOT_AGENT, destination: 1 },
      { at: 1000 + 900, ip, destination: 2 },
      { at: 1000 + 901, ip, destination: 3 },
    ]);
    expect(judged).toEqual([['knownAgent'], ['sticky'], []]);
  });

  it('does not reach back before the flagged click, nor chain from a sticky one', () => {
    const judged = judge([
      { at: 900, ip, destination: 4 },
      { at: 1000, ip, agent: BOT_AGENT, destination: 1 },
      { at: 1800, ip, destination: 2 },
      { at: 2500, ip, destination: 3 },
    ]);
    expect(judged).toEqual([[], ['knownAgent'], ['sticky'], []]);
  });

  it('takes clicks of the flagged click’s second as after it', () => {
    expect(
      judge([
        { at: 5, ip, destination: 2 },
        { at: 5, ip, agent: BOT_AGENT, destination: 1 },
      ]),
    ).toEqual([['sticky'], ['knownAgent']]);
  });

  it('never joins clicks without an address (0.0.0.0 of old data)', () => {
    const judged = judge([
      { at: 1, ip: '0.0.0.0', agent: BOT_AGENT, destination: 1 },
      { at: 2, ip: '0.0.0.0', destination: 2 },
      { at: 3, ip: null, destination: 3 },
    ]);
    expect(judged).toEqual([['knownAgent'], [], []]);
  });

  it('uses its window from the rules, and nothing when it is off', () => {
    const clicks = [
      { at: 0, ip, agent: BOT_AGENT, destination: 1 },
      { at: 61, ip, destination: 2 },
    ];
    expect(judge(clicks, { sticky: { enabled: true, minutes: 1 } })[1]).toEqual([]);
    expect(judge(clicks, { sticky: { enabled: true, minutes: 2 } })[1]).toEqual(['sticky']);
    expect(judge(clicks, { sticky: { enabled: false, minutes: 15 } })[1]).toEqual([]);
  });
});

it('gives every reason that applies, as bits', () => {
  const reasons = judgeClicks(
    setOf([
      { link: 1, at: 0, agent: BOT_AGENT },
      { link: 2, at: 0 },
    ]),
    {
      rules: defaultBotRules,
      linkCount: 2,
      agentIsBot: (agent) => agent === BOT_AGENT,
      ipInRanges: () => false,
    },
  );
  expect(reasons[0]).toBe(botReasonBit.burst | botReasonBit.knownAgent);
});

it('judges clicks without a destination by their own agent and IP only', () => {
  expect(
    judge([
      { link: 1, at: 0, destination: null },
      { link: 2, at: 0, destination: null },
    ]),
  ).toEqual([[], []]);
});
