import type { OwnerKey } from '@/lib/i18n/owner';
import { useOwnerT } from '../owner-ui';
import type { ShopSummary } from '../shops';
import { PLATFORMS, type ShopChoice } from './shop-choice';

/** Which shop the file's records go into: one already known, or a new one with its platform and name. */
export function ShopChooser({
  shops,
  choice,
  suggestedPlatform,
  onChange,
}: {
  shops: readonly ShopSummary[];
  choice: ShopChoice;
  suggestedPlatform: string;
  onChange: (choice: ShopChoice) => void;
}) {
  const t = useOwnerT();
  const existing = choice.mode === 'existing' ? choice.shopId : (shops[0]?.shopId ?? '');
  return (
    <fieldset class="shop-chooser">
      <legend>{t('importUi.shop.title')}</legend>
      {shops.length > 0 && (
        <div class="choice-row">
          <label>
            <input
              type="radio"
              name="import-shop-mode"
              data-bl="import-shop-existing"
              checked={choice.mode === 'existing'}
              onChange={() => onChange({ mode: 'existing', shopId: existing })}
            />{' '}
            {t('importUi.shop.existing')}
          </label>
          <select
            data-bl="import-shop-select"
            aria-label={t('importUi.shop.existing')}
            value={existing}
            onChange={(e) => onChange({ mode: 'existing', shopId: e.currentTarget.value })}
          >
            {shops.map((s) => (
              <option key={s.shopId} value={s.shopId}>
                {s.name} · {s.platform}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="choice-row">
        <label>
          <input
            type="radio"
            name="import-shop-mode"
            data-bl="import-shop-new"
            checked={choice.mode === 'new'}
            onChange={() => onChange({ mode: 'new', platform: suggestedPlatform, name: '' })}
          />{' '}
          {t('importUi.shop.new')}
        </label>
      </div>
      {choice.mode === 'new' && (
        <div class="new-shop">
          <label class="field">
            <span>{t('importUi.shop.platform')}</span>
            <select data-bl="import-platform" value={choice.platform} onChange={(e) => onChange({ ...choice, platform: e.currentTarget.value })}>
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {t(`importUi.platform.${p}` as OwnerKey)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('importUi.shop.name')}</span>
            <input
              type="text"
              data-bl="import-shop-name"
              maxLength={200}
              placeholder={t('importUi.shop.namePlaceholder')}
              value={choice.name}
              onInput={(e) => onChange({ ...choice, name: e.currentTarget.value })}
            />
          </label>
          <p class="muted hint">{t('importUi.shop.nameHint')}</p>
        </div>
      )}
    </fieldset>
  );
}
