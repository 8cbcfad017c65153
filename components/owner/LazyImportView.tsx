import { lazyView } from './lazy-view';

/** The Import tab, fetched when first opened: the CSV readers, encodings and mapping step are their own chunk. */
export const LazyImportView = lazyView(() => import('./ImportView').then((m) => m.ImportView));
