import { useEffect, useRef } from 'react';

/**
 * While `active`, asks before the page is left: the browser asks on reload,
 * close and leaving the portal (beforeunload); a click on a link within the
 * portal is held back and handed to `onLinkBlocked` with the link's path,
 * for the editor to ask and then navigate. The app's router (a
 * BrowserRouter, not a data router) cannot block its own navigation, so
 * the browser's Back button is not held back.
 */
export function useLeaveGuard(
  active: boolean,
  onLinkBlocked: (path: string) => void,
) {
  const latest = useRef(onLinkBlocked);
  latest.current = onLinkBlocked;

  useEffect(() => {
    if (!active) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      ) {
        return;
      }
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (
        !(link instanceof HTMLAnchorElement) ||
        (link.target && link.target !== '_self') ||
        link.hasAttribute('download')
      ) {
        return;
      }
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      const path = `${url.pathname}${url.search}${url.hash}`;
      if (url.pathname === window.location.pathname) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current(path);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [active]);
}
