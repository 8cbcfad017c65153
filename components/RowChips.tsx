import { Component } from 'preact';
import type { MarkerView, TagView } from '@/lib/model/views';
import { TagChips } from './TagChips';

export interface RowChipsProps {
  /** Changes exactly when the chips or marker would look different (see ShopStore.rowKey). */
  readonly rowKey: string;
  readonly tags: () => readonly TagView[];
  readonly buyerName: string;
  readonly onOpenEditor: (anchor: HTMLElement) => void;
  readonly onRemove: (tag: TagView) => void;
  readonly marker: () => MarkerView | undefined;
}

/**
 * The chips of one order row. Thousands of rows re-render together whenever the shop's
 * data changes; a row whose tags did not change skips its render entirely.
 */
export class RowChips extends Component<RowChipsProps> {
  override shouldComponentUpdate(next: RowChipsProps): boolean {
    return next.rowKey !== this.props.rowKey || next.buyerName !== this.props.buyerName;
  }

  override render() {
    const { tags, buyerName, onOpenEditor, onRemove, marker } = this.props;
    return <TagChips tags={tags()} buyerName={buyerName} onOpenEditor={onOpenEditor} onRemove={onRemove} marker={marker()} />;
  }
}
