import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  HOT_MESSAGES,
  hotMessagesPresent,
  MIXING_PLANT,
  PARKING_BUNDLE,
  UNRELATED,
} from '../../../tests/helpers/tipdm-topics.js';
import { segmenter } from '../../ingest/segment.js';
import { runTopics, type TopicsRun } from './topics-jsonl.js';

if (!hotMessagesPresent) console.warn(`跳过：没有 ${HOT_MESSAGES}（TipDM 热点留言数据）`);

describe.skipIf(!hotMessagesPresent)('hot topics on the 4,326 TipDM hot messages', () => {
  let lines: string[];
  let run: TopicsRun;
  let topicOf: Map<number, number>;

  beforeAll(() => {
    lines = readFileSync(HOT_MESSAGES, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    run = runTopics(lines, { seg: segmenter(), now: Date.parse('2020-02-01T00:00:00+08:00') });
    topicOf = new Map(
      run.lines.map((l) => {
        const v = JSON.parse(l) as { id: number; topic: number };
        return [v.id, v.topic];
      }),
    );
  }, 60_000);

  it('answers every message, in order', () => {
    expect(run.lines).toHaveLength(4326);
    run.lines.forEach((l, i) => {
      const v = JSON.parse(l) as { id: number; topic?: number };
      expect(v.id).toBe((JSON.parse(lines[i] as string) as { id: number }).id);
      expect(v.topic).toBeGreaterThan(0);
    });
  });

  it('puts near-identical complaints about one matter into one topic', () => {
    const parking = new Set(PARKING_BUNDLE.map((id) => topicOf.get(id)));
    expect(parking.size).toBe(1);
    const mixing = new Set(MIXING_PLANT.map((id) => topicOf.get(id)));
    expect(mixing.size).toBe(1);
    expect([...parking][0]).not.toBe([...mixing][0]);
  });

  it('keeps unrelated messages of the same weeks out of those topics', () => {
    const parking = topicOf.get(PARKING_BUNDLE[0] as number);
    const mixing = topicOf.get(MIXING_PLANT[0] as number);
    for (const id of UNRELATED) {
      expect(topicOf.get(id)).not.toBe(parking);
      expect(topicOf.get(id)).not.toBe(mixing);
    }
  });

  it('labels the big topics with their key words and sizes them', () => {
    const parking = run.summary.find((t) => t.topic === topicOf.get(PARKING_BUNDLE[0] as number));
    expect(parking?.keywords).toEqual(expect.arrayContaining(['车位', '捆绑']));
    expect(parking?.size).toBeGreaterThanOrEqual(PARKING_BUNDLE.length);
    // The summary's topics hold every message exactly once.
    expect(run.summary.reduce((s, t) => s + t.size, 0)).toBe(4326);
    // Hottest first.
    const heats = run.summary.map((t) => t.heat);
    expect([...heats].sort((a, b) => b - a)).toEqual(heats);
  });
});
