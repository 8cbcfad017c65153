/**
 * Hashtags in notes ("#投诉", "#VIP", "#投诉# 发货慢"), lower-cased, without '#', unique, in the
 * order first seen. Chinese text has no spaces, so a tag either ends at the first character that is
 * not a letter, digit, '_' or '-', or is closed Weibo-style with a second '#': "#投诉#发货慢" → 投诉.
 * Both the ASCII '#' and the full-width '＃' open a tag.
 */
export function extractNoteTags(texts: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(/[#＃]([\p{L}\p{M}\p{N}_-]+)[#＃]?/gu)) out.add(m[1]!.toLowerCase());
  }
  return [...out];
}
