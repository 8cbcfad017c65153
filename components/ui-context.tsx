import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Language, type Translate } from '@/lib/i18n';

export interface DraftStore {
  load(key: string): Promise<string | undefined>;
  save(key: string, text: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface Ui {
  readonly t: Translate;
  readonly language: Language;
  /** Where unsent note text is kept, so nothing typed is lost to a re-render or navigation. */
  readonly drafts: DraftStore;
}

const memoryDrafts = (): DraftStore => {
  const map = new Map<string, string>();
  return {
    load: async (k) => map.get(k),
    save: async (k, v) => void map.set(k, v),
    clear: async (k) => void map.delete(k),
  };
};

export const UiContext = createContext<Ui>({ t: translator('en'), language: 'en', drafts: memoryDrafts() });

export function useUi(): Ui {
  return useContext(UiContext);
}

export { memoryDrafts };
