import { TAG_COLORS, type TagColor } from './entities';
import { hash64, tagNameKey } from './ids';

/** A tag's default colour follows its name, so the same tag looks the same for everyone. */
export function defaultTagColor(name: string): TagColor {
  const n = parseInt(hash64(tagNameKey(name)).slice(-6), 36);
  // Slate (the first colour) is left for people to choose on purpose.
  return TAG_COLORS[1 + (n % (TAG_COLORS.length - 1))]!;
}
