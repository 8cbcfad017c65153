import { useUi } from './ui-context';

export interface BulkBarProps {
  readonly orders: number;
  readonly buyers: number;
  readonly onTag: (anchor: HTMLElement) => void;
  readonly onClear: () => void;
}

/** Shown while rows are selected with the page's own checkboxes: tag all their buyers at once. */
export function BulkBar({ orders, buyers, onTag, onClear }: BulkBarProps) {
  const { t } = useUi();
  return (
    <div class="bl bulk" role="region" aria-label={t('bulk.selected', { count: orders, buyers })} data-bl="bulk-bar">
      <span aria-live="polite">{t('bulk.selected', { count: orders, buyers })}</span>
      <button type="button" class="btn btn-primary" data-bl="bulk-tag" aria-haspopup="dialog" onClick={(e) => onTag(e.currentTarget)}>
        {t('bulk.tag', { buyers })}
      </button>
      <button type="button" class="btn btn-ghost" onClick={onClear}>
        {t('bulk.clear')}
      </button>
    </div>
  );
}
