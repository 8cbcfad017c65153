import type { ComponentChild } from 'preact';
import { render } from '@testing-library/preact';
import { translator, type Language } from '@/lib/i18n';
import type { InsightView, TagView } from '@/lib/model/views';
import { memoryDrafts, UiContext, type DraftStore } from '@/components/ui-context';

export const EVIL = '<img src=x onerror=alert(1)>';

/** Render inside the UI context every BuyerLens component expects. */
export function renderUi(ui: ComponentChild, { drafts = memoryDrafts(), language = 'en' as Language } = {}) {
  const wrap = (child: ComponentChild) => (
    <UiContext.Provider value={{ t: translator(language), language, drafts }}>{child}</UiContext.Provider>
  );
  const result = render(wrap(ui));
  return { ...result, drafts, rerenderUi: (next: ComponentChild) => result.rerender(wrap(next)) };
}

export type { DraftStore };

export function tag(name: string, color: TagView['color'] = 'blue', id = `t_${name}`): TagView {
  return { id, name, color, description: '' };
}

/** A prospect's insight (no orders), with any fields overridden. */
export function insightView(overrides: Partial<InsightView> = {}): InsightView {
  return {
    stage: 'prospect',
    group: 'prospects',
    orderCount: 0,
    totalMinor: 0,
    stageReason: { key: 'insight.lifecycle.prospect' },
    groupReason: { key: 'insight.group.noOrders' },
    shopCycleDays: 30,
    unknownTotalOrders: 0,
    suggestions: [],
    ...overrides,
  };
}
