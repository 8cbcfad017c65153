import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useOwnerT } from './owner-ui';

/**
 * A tab fetched when it is first opened, not with the dashboard: most visits never open it, and
 * what the dashboard loads first is what an owner waits for. While it loads the tab says so; if
 * it cannot load (the extension was updated under this page) it says what to do.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | undefined;
  return function LazyView(props: P) {
    const t = useOwnerT();
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (View) return;
      let live = true;
      load().then(
        (component) => {
          loaded = component;
          if (live) setView(() => component);
        },
        () => live && setFailed(true),
      );
      return () => void (live = false);
    }, []);
    if (failed)
      return (
        <p class="error" role="alert">
          {t('error.unreachable')}
        </p>
      );
    return View ? <View {...props} /> : <p class="muted">{t('lists.loading')}</p>;
  };
}
