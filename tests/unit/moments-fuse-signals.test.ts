import { describe, expect, it } from 'vitest';
import type { ChatCandidate, ChatSignal } from '../../core/chat/chat-signal.js';
import { findMoments } from '../../core/moments/find-moments.js';
import { formatTimestamp } from '../../core/moments/format-timestamp.js';
import type { CommentSet, HeatmapPoint, VideoComment } from '../../core/youtube/types.js';

let serial = 0;
function viewersAt(t: number, count: number): VideoComment[] {
  return Array.from({ length: count }, (_, i) => {
    serial += 1;
    return { id: `c${serial}`, text: `${formatTimestamp(t + (i % 3) - 1)} lol`, likes: 2, authorId: `UCa${serial}` };
  });
}

function set(comments: VideoComment[], heatmap?: HeatmapPoint[], durationS = 1200): CommentSet {
  return { video: { id: 'abcdefghijk', title: 'stream', durationS }, comments, heatmap };
}

function burst(event: number, strength: number): ChatCandidate {
  return {
    event, start: event - 3, end: event + 18, strength, z: 20,
    evidence: { messages: 400, chatters: 300, reactions: 250, kind: 'laugh', topMessages: [{ text: '草', count: 90 }] },
  };
}

function chat(candidates: ChatCandidate[]): ChatSignal {
  return { lagS: 5, messages: 10_000, candidates, curve: { binS: 5, values: new Array(240).fill(1) } };
}

const contains = (m: { start: number; end: number }, t: number): boolean => m.start <= t && t <= m.end;

describe('findMoments with viewer signals beside the comments', () => {
  const comments = [...viewersAt(120, 10), ...viewersAt(500, 10), ...viewersAt(900, 4)];

  it('ranks comment-only videos exactly as without signals (an empty chat changes nothing)', () => {
    const plain = findMoments(set(comments));
    const withEmptyChat = findMoments(set(comments), {}, { chat: chat([]) });
    expect(withEmptyChat).toEqual(plain);
    expect(plain.moments.map((m) => m.signals?.comments?.mentions)).toEqual(plain.moments.map((m) => m.mentions));
  });

  it('puts a moment several signals agree on above one signal alone', () => {
    const found = findMoments(set(comments), {}, { chat: chat([burst(500, 80)]) });
    expect(contains(found.moments[0]!, 500)).toBe(true);
    expect(found.moments[0]!.signals?.chat?.topMessages[0]?.text).toBe('草');
    expect(found.moments[0]!.signals?.comments?.mentions).toBe(10);
    const at120 = found.moments.find((m) => contains(m, 120))!;
    expect(at120.signals?.chat).toBeUndefined();
    expect(at120.rank).toBeGreaterThan(1);
  });

  it('finds moments in a stream with chat and no timestamp comments, windows within 8–60 s', () => {
    const found = findMoments(set([]), {}, { chat: chat([burst(300, 90), burst(610, 70), burst(905, 60)]) });
    expect(found.moments.map((m) => m.peak)).toEqual([300, 610, 905]);
    for (const m of found.moments) {
      expect(m.end - m.start).toBeGreaterThanOrEqual(8);
      expect(m.end - m.start).toBeLessThanOrEqual(60);
      expect(m.start).toBeLessThan(m.peak);
      expect(m.signals?.chat?.kind).toBe('laugh');
      expect(m.mentions).toBe(0);
    }
  });

  it('leaves a signal out when --signals does', () => {
    const found = findMoments(set(comments), {}, { use: ['chat'], chat: chat([burst(300, 90)]) });
    expect(found.mentions).toBe(0);
    expect(found.moments.map((m) => m.peak)).toEqual([300]);
    const noChat = findMoments(set(comments), {}, { use: ['comments', 'heatmap'], chat: chat([burst(300, 90)]) });
    expect(noChat).toEqual(findMoments(set(comments)));
  });

  it('turns caption laughter into a weak moment, and ignores music tags', () => {
    const tags = [{ t: 40, tag: '[笑い]', kind: 'laugh' }, { t: 43, tag: '[笑い]', kind: 'laugh' }, { t: 700, tag: '[音楽]', kind: 'music' }];
    const found = findMoments(set([]), {}, { captionTags: tags });
    expect(found.moments).toHaveLength(1);
    expect(contains(found.moments[0]!, 40)).toBe(true);
    expect(found.moments[0]!.start).toBeLessThan(40);
    expect(found.moments[0]!.signals?.captions?.tags).toEqual(['[笑い]', '[笑い]']);
    const withComments = findMoments(set(comments), {}, { captionTags: [{ t: 501, tag: '[笑い]', kind: 'laugh' }] });
    expect(contains(withComments.moments[0]!, 500)).toBe(true);
    expect(withComments.moments[0]!.signals?.captions?.tags).toEqual(['[笑い]']);
  });

  it('uses the heatmap alone when nothing else points anywhere', () => {
    const heatmap: HeatmapPoint[] = Array.from({ length: 100 }, (_, i) => ({ start: i * 12, end: (i + 1) * 12, value: i === 40 ? 1 : i === 70 ? 0.8 : 0.2 }));
    const found = findMoments(set([], heatmap), {});
    expect(found.moments.map((m) => contains(m, 480))).toContain(true);
    expect(found.moments[0]!.signals?.heatmap?.peak).toBe(1);
    expect(found.moments).toHaveLength(2);
  });
});
