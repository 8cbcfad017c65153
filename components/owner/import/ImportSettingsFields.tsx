import { useOwnerT } from '../owner-ui';
import type { ImportSettings } from './import-settings';

/** Currencies offered first; any ISO code can be typed. */
const COMMON_CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'HKD', 'JPY', 'TWD', 'SGD', 'AUD', 'CAD'];

/** The currency and time zone the file leaves unsaid. */
export function ImportSettingsFields({
  settings,
  currencyWanted,
  onChange,
}: {
  settings: ImportSettings;
  /** The file's format never states a currency: say so. */
  currencyWanted: boolean;
  onChange: (settings: ImportSettings) => void;
}) {
  const t = useOwnerT();
  return (
    <fieldset class="import-settings">
      <legend>{t('importUi.settings.title')}</legend>
      <label class="field">
        <span>{t('importUi.settings.currency')}</span>
        <input
          type="text"
          data-bl="import-currency"
          list="import-currencies"
          maxLength={3}
          placeholder={currencyWanted ? 'CNY' : t('importUi.settings.fromFile')}
          value={settings.currency}
          onInput={(e) => onChange({ ...settings, currency: e.currentTarget.value.toUpperCase() })}
        />
      </label>
      <datalist id="import-currencies">
        {COMMON_CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {currencyWanted && <p class="muted hint">{t('importUi.settings.currencyHint')}</p>}
      <label class="field">
        <span>{t('importUi.settings.utcOffset')}</span>
        <input
          type="text"
          data-bl="import-utc-offset"
          maxLength={10}
          placeholder={t('importUi.settings.utcOffsetPlaceholder')}
          value={settings.utcOffset}
          onInput={(e) => onChange({ ...settings, utcOffset: e.currentTarget.value })}
        />
      </label>
    </fieldset>
  );
}
