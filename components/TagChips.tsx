import type { MarkerView, TagView } from '@/lib/model/views';
import { BuyerMarker } from './BuyerMarker';
import { useUi } from './ui-context';

export interface TagChipsProps {
  readonly tags: readonly TagView[];
  /** The buyer's display name, for labels read aloud. */
  readonly buyerName: string;
  /** Opens the tag editor next to the "+" button. */
  readonly onOpenEditor?: (anchor: HTMLElement) => void;
  readonly onRemove?: (tag: TagView) => void;
  /** Lifecycle stage and RFM group, when the buyer has orders. */
  readonly marker?: MarkerView;
}

/** A buyer's tags as small coloured chips, and a "+" that opens the editor. */
export function TagChips({ tags, buyerName, onOpenEditor, onRemove, marker }: TagChipsProps) {
  const { t } = useUi();
  return (
    <span class="bl chips" role="group" aria-label={t('editor.label', { name: buyerName })}>
      {marker && <BuyerMarker marker={marker} />}
      {tags.map((tag) => (
        <span key={tag.id} class={`chip c-${tag.color}${onRemove ? '' : ' readonly'}`} data-bl="chip" title={tag.name}>
          <span class="chip-name">{tag.name}</span>
          {onRemove && (
            <button
              type="button"
              class="chip-x"
              data-bl="remove-tag"
              aria-label={t('chips.remove', { tag: tag.name })}
              onClick={(e) => {
                e.preventDefault();
                e.stopPropagation();
                onRemove(tag);
              }}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {onOpenEditor && (
        <button
          type="button"
          class="add"
          data-bl="add-tag"
          aria-haspopup="dialog"
          aria-label={t('chips.addFor', { name: buyerName })}
          title={t('chips.add')}
          onClick={(e) => {
            // The row may be a link or toggle selection: our click is ours alone.
            e.preventDefault();
            e.stopPropagation();
            onOpenEditor(e.currentTarget);
          }}
        >
          +
        </button>
      )}
    </span>
  );
}
