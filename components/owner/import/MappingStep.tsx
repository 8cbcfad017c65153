import type { DateFormat } from '@/lib/io/import';
import type { OwnerKey } from '@/lib/i18n/owner';
import { useOwnerT } from '../owner-ui';
import { MAPPING_COLUMNS, type MappingColumn, type MappingDraft } from './suggest-mapping';

const BUYER_KINDS = ['email', 'nick', 'phone', 'customerId'] as const;
const DATE_FORMATS: readonly { value: DateFormat; label: string }[] = [
  { value: 'ymd', label: 'YYYY-MM-DD' },
  { value: 'dmy', label: 'DD/MM/YYYY' },
  { value: 'mdy', label: 'MM/DD/YYYY' },
];

/**
 * For a file BuyerLens does not recognise: which column holds what. Every field is a select of
 * the file's own columns (pre-filled with a guess); only the buyer is required.
 */
export function MappingStep({
  header,
  draft,
  dateFormat,
  remembered,
  onChange,
  onDateFormat,
}: {
  header: readonly string[];
  draft: MappingDraft;
  dateFormat: DateFormat;
  /** The choices were recalled from an earlier file with the same columns. */
  remembered: boolean;
  onChange: (draft: MappingDraft) => void;
  onDateFormat: (format: DateFormat) => void;
}) {
  const t = useOwnerT();
  const columns = [...new Set(header.filter((h) => h.trim() !== ''))];
  const set = (field: MappingColumn, value: string) => {
    const next: MappingDraft = { ...draft };
    if (value) next[field] = value;
    else delete next[field];
    onChange(next);
  };
  return (
    <fieldset class="mapping" data-bl="import-mapping">
      <legend>{t('importUi.mapping.title')}</legend>
      <p class="muted">{remembered ? t('importUi.mapping.remembered') : t('importUi.mapping.intro')}</p>
      <div class="mapping-grid">
        {MAPPING_COLUMNS.map((field) => (
          <label key={field} class="field">
            <span>
              {t(`importUi.field.${field}` as OwnerKey)}
              {field === 'buyer' && <abbr title={t('importUi.mapping.required')}> *</abbr>}
            </span>
            <select data-bl={`mapping-field-${field}`} value={draft[field] ?? ''} onChange={(e) => set(field, e.currentTarget.value)}>
              <option value="">{t('importUi.mapping.none')}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label class="field">
          <span>{t('importUi.field.buyerKind')}</span>
          <select
            data-bl="mapping-field-buyerKind"
            value={draft.buyerKind ?? 'nick'}
            onChange={(e) => onChange({ ...draft, buyerKind: e.currentTarget.value as MappingDraft['buyerKind'] })}
          >
            {BUYER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`importUi.buyerKind.${k}` as OwnerKey)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('importUi.field.defaultCurrency')}</span>
          <input
            type="text"
            data-bl="mapping-field-defaultCurrency"
            maxLength={3}
            placeholder="CNY"
            value={draft.defaultCurrency ?? ''}
            onInput={(e) => {
              const value = e.currentTarget.value.toUpperCase();
              const next: MappingDraft = { ...draft };
              if (value) next.defaultCurrency = value;
              else delete next.defaultCurrency;
              onChange(next);
            }}
          />
        </label>
        <label class="field">
          <span>{t('importUi.field.dateFormat')}</span>
          <select data-bl="mapping-field-dateFormat" value={dateFormat} onChange={(e) => onDateFormat(e.currentTarget.value as DateFormat)}>
            {DATE_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted hint">{draft.orderId ? t('importUi.mapping.asOrders') : t('importUi.mapping.asCustomers')}</p>
    </fieldset>
  );
}
