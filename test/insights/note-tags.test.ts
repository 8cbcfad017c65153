import { describe, expect, it } from 'vitest';
import { extractNoteTags } from '@/lib/insights/note-tags';

describe('extractNoteTags', () => {
  it('finds hashtags, lower-cased, without #, unique, in order', () => {
    expect(extractNoteTags(['客户 #投诉 发货慢', '#VIP and #vip', '＃复购 ok', 'no tags here'])).toEqual(['投诉', 'vip', '复购']);
  });
  it('ends a tag at punctuation, or at a closing # (Weibo style)', () => {
    expect(extractNoteTags(['#投诉，发货慢'])).toEqual(['投诉']);
    expect(extractNoteTags(['#投诉#发货慢'])).toEqual(['投诉']);
    expect(extractNoteTags(['#投诉# #发货慢'])).toEqual(['投诉', '发货慢']);
    expect(extractNoteTags(['wants #gift-wrap_2.'])).toEqual(['gift-wrap_2']);
  });
  it('ignores a lone # and non-strings', () => {
    expect(extractNoteTags(['# nothing', '##', 5 as unknown as string])).toEqual([]);
    expect(extractNoteTags([])).toEqual([]);
  });
});
