import { Component } from 'preact';
import type { TagView } from '@/lib/model/views';
import { TagChips } from './TagChips';

export interface RowChipsProps {
  /** Changes exactly when the chips would look different (see ShopStore.tagsKey). */
  readonly tagsKey: string;
  readonly tags: () => readonly TagView[];
  readonly buyerName: string;
  readonly onOpenEditor: (anchor: HTMLElement) => void;
  readonly onRemove: (tag: TagView) => void;
}

/**
 * The chips of one order row. Thousands of rows re-render together whenever the shop's
 * data changes; a row whose tags did not change skips its render entirely.
 */
export class RowChips extends Component<RowChipsProps> {
  override shouldComponentUpdate(next: RowChipsProps): boolean {
    return next.tagsKey !== this.props.tagsKey || next.buyerName !== this.props.buyerName;
  }

  override render() {
    const { tags, buyerName, onOpenEditor, onRemove } = this.props;
    return <TagChips tags={tags()} buyerName={buyerName} onOpenEditor={onOpenEditor} onRemove={onRemove} />;
  }
}
