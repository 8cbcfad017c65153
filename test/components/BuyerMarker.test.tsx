import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/preact';
import { BuyerMarker } from '@/components/BuyerMarker';
import type { MarkerView } from '@/lib/model/views';
import { renderUi } from './ui';

afterEach(cleanup);

// Noon UTC, so the calendar day is the same in any test time zone.
const NOV_2 = Date.UTC(2026, 10, 2, 12);

const CHAMPION: MarkerView = {
  stage: 'active',
  group: 'champions',
  orderCount: 12,
  totalMinor: 345_600,
  currency: 'CNY',
  lastAt: NOV_2,
  rfm: { r: 5, f: 5, m: 4 },
};

function setup(marker: MarkerView = CHAMPION, language: 'en' | 'zh-CN' = 'en') {
  const result = renderUi(<BuyerMarker marker={marker} />, { language });
  return { ...result, button: screen.getByRole('button'), tip: screen.getByRole('tooltip') };
}

describe('BuyerMarker', () => {
  it('shows the RFM group name, coloured by group, with a dot for the stage', () => {
    const { button } = setup();
    expect(button.textContent).toBe('Champions');
    expect(button.classList.contains('g-champions')).toBe(true);
    const dot = button.querySelector('.stage-dot')!;
    expect(dot.classList.contains('s-active')).toBe(true);
    expect(dot.getAttribute('aria-hidden')).toBe('true');
  });

  it('its tooltip gives stage, group, orders, spent, last order date and R/F/M', () => {
    const { tip } = setup();
    expect(tip.querySelector('b')!.textContent).toBe('Active · Champions');
    expect(tip.textContent).toBe('Active · Champions12 orders · ¥3,456.00 · last order Nov 2, 2026R5 F5 M4');
  });

  it('its accessible name carries the same figures, for those who cannot hover', () => {
    const { button } = setup();
    expect(button.getAttribute('aria-label')).toBe('Active · Champions. 12 orders · ¥3,456.00 · last order Nov 2, 2026. R5 F5 M4');
    expect(screen.getByRole('button', { name: /Active · Champions\. 12 orders/ })).toBe(button);
  });

  it('in Chinese for a zh-CN reader', () => {
    const { button, tip } = setup({ ...CHAMPION, stage: 'at_risk', group: 'previously_loyal', orderCount: 1234 }, 'zh-CN');
    expect(button.textContent).toBe('曾经忠诚');
    expect(tip.querySelector('b')!.textContent).toBe('有流失风险 · 曾经忠诚');
    expect(button.getAttribute('aria-label')).toBe('有流失风险 · 曾经忠诚. 1,234 单 · ¥3,456.00 · 最近下单 2026年11月2日. R5 F5 M4');
  });

  it('spent is formatted in the marker’s currency', () => {
    const { tip } = setup({ ...CHAMPION, totalMinor: 4_250, currency: 'USD' });
    expect(tip.textContent).toContain('· $42.50 ·');
    cleanup();
    const yen = setup({ ...CHAMPION, totalMinor: 1_500, currency: 'JPY' });
    expect(yen.tip.textContent).toContain('· ¥1,500 ·');
  });

  it('without a last order date or scores: a dash, and no scores line', () => {
    const { button, tip } = setup({ stage: 'new', group: 'new', orderCount: 1, totalMinor: 0 });
    expect(tip.textContent).toBe('New · New1 orders · ¥0.00 · last order —');
    expect(tip.querySelectorAll('br')).toHaveLength(1);
    expect(button.getAttribute('aria-label')).toContain('1 orders · ¥0.00 · last order —');
    expect(button.getAttribute('aria-label')).not.toMatch(/R\d/);
  });
});
