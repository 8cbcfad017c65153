/**
 * Screenshots for the README: the order list with tags, the tag editor, and the chat profile,
 * in English and in Simplified Chinese; the owner's import and customers; a team's Team tab. Run by hand after UI changes:
 *   npm run build && node --import tsx scripts/screenshots.ts
 */
import { launchBrowser, setExtensionStorage, startDemo, startSyncServer } from '../test/e2e/harness.ts';

const OUT = new URL('../docs/', import.meta.url).pathname;

const demo = await startDemo();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1360, height: 820 });
  await page.goto(`${demo.url}/admin/orders`);
  await page.locator('buyerlens-chips').first().waitFor();

  // Tag a few buyers the way a seller would.
  const tagRow = async (row: number, tag: string) => {
    await page.locator('tr.order-row').nth(row).locator('[data-bl=add-tag]').click();
    await page.locator('[data-bl=tag-input]').fill(tag);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
  };
  await tagRow(0, '高价值客户');
  await tagRow(0, '回购');
  await tagRow(2, '潜在流失客户');
  await tagRow(4, 'VIP');
  await tagRow(7, '新品尝试客户');
  await page.locator('tr.order-row').nth(3).locator('[data-bl=add-tag]').click();
  await page.locator('[data-bl=tag-input]').fill('客');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}orders.png` });
  await page.keyboard.press('Escape');

  await page.goto(`${demo.url}/admin/orders?per=200`); await page.locator("buyerlens-chips").first().waitFor(); await page.waitForTimeout(800);
  await page.goto(`${demo.url}/admin/chat`);
  await page.locator('[data-bl=note-input]').fill('喜欢红色包装，周末收货。Prefers weekend delivery.');
  await page.locator('[data-bl=note-save]').click();
  await page.locator('[data-bl=note]').first().waitFor();
  await page.screenshot({ path: `${OUT}chat.png` });

  await setExtensionStorage(browser.worker, { settings: { language: 'zh-CN', memberName: '小王' } });
  await page.reload();
  await page.locator('[data-bl=note]').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}chat-zh.png` });
  await setExtensionStorage(browser.worker, { settings: { language: 'en', memberName: 'Ada' } });
  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 1100, height: 1400 });
  await options.goto(`chrome-extension://${browser.extensionId}/options.html#settings`);
  await options.locator('[data-bl=rule-count]').first().filter({ hasText: /\d/ }).waitFor();
  await options.locator('#rules-title').scrollIntoViewIfNeeded();
  await options.screenshot({ path: `${OUT}options-rules.png`, fullPage: false });

  // The owner's view: import the demo's own order export into the shop browsed above (the
  // mapping step recognises its columns), then the customers with a segment and the pictures.
  const csv = Buffer.from(await (await fetch(`${demo.url}/admin/orders/export.csv`)).arrayBuffer());
  await options.setViewportSize({ width: 1280, height: 1500 });
  await options.goto(`chrome-extension://${browser.extensionId}/options.html#import`);
  await options.locator('[data-bl=import-file]').setInputFiles({ name: 'blossom-orders.csv', mimeType: 'text/csv', buffer: csv });
  await options.locator('[data-bl=import-mapping]').waitFor();
  await options.screenshot({ path: `${OUT}import-mapping.png` });
  await options.locator('[data-bl=import-start]').click();
  await options.locator('[data-bl=import-summary]').waitFor({ timeout: 30_000 });
  await options.locator('[data-bl=tab-customers]').click();
  await options.locator('[data-bl=segment-input]').fill('amount_spent >= 1000 AND last_order_date < -60d');
  await options.locator('[data-bl=customer-row]').first().waitFor();
  await options.waitForTimeout(800);
  await options.setViewportSize({ width: 1280, height: 1160 });
  await options.screenshot({ path: `${OUT}customers.png` });

  // A team: the owner creates a workspace on a sync server and invites a seller, who joins from
  // a second browser profile.
  const server = await startSyncServer();
  const teammate = await launchBrowser();
  try {
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#team`);
    await options.locator('[data-bl=team-create-server]').fill(server.url);
    await options.locator('[data-bl=team-create-workspace]').fill('Blossom 花开小铺');
    await options.locator('[data-bl=team-create-name]').fill('Ada');
    await options.locator('[data-bl=team-create-submit]').click();
    await options.locator('[data-bl=team-invite-role-seller]').check();
    await options.locator('[data-bl=team-invite-create]').click();
    const invite = await options.locator('[data-bl=team-invite-link]').inputValue();
    const join = await teammate.context.newPage();
    await join.goto(`chrome-extension://${teammate.extensionId}/options.html#team`);
    await join.locator('[data-bl=team-join-invite]').fill(invite);
    await join.locator('[data-bl=team-join-name]').fill('小王');
    await join.locator('[data-bl=team-join-submit]').click();
    await join.locator('[data-bl=team-card]').waitFor();
    await options.locator('[data-bl=team-member]').nth(1).waitFor({ timeout: 15_000 });
    await options.setViewportSize({ width: 1280, height: 1100 });
    await options.waitForTimeout(500);
    await options.screenshot({ path: `${OUT}team.png` });
  } finally {
    await teammate.close();
    await server.close();
  }
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await demo.close();
}
