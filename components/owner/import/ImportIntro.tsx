import { useOwnerT } from '../owner-ui';

/** Before a file is chosen: which exports work, where to find them, and where the data goes. */
export function ImportIntro() {
  const t = useOwnerT();
  return (
    <div class="import-intro" data-bl="import-intro">
      <h3>{t('importUi.intro.title')}</h3>
      <ul>
        <li>{t('importUi.intro.shopifyOrders')}</li>
        <li>{t('importUi.intro.shopifyCustomers')}</li>
        <li>{t('importUi.intro.woocommerce')}</li>
        <li>{t('importUi.intro.taobao')}</li>
        <li>{t('importUi.intro.other')}</li>
      </ul>
      <p class="muted">{t('importUi.intro.privacy')}</p>
    </div>
  );
}
