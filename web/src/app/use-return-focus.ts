import { useEffect, useState } from 'react';

/**
 * For a modal that is mounted while open and unmounted on close (`{open ? <XModal /> : null}`):
 * antd gives focus back to the opener only after its closing animation, which an unmounted modal
 * never has, so a keyboard user was left at the top of the page (WCAG 2.4.3 focus order). Called
 * in the modal, this remembers what had focus when it opened and focuses it again once it is gone,
 * unless focus has meanwhile gone somewhere else than the page's body.
 */
export function useReturnFocus(): void {
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(
    () => () => {
      window.setTimeout(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (lost && opener?.isConnected) opener.focus();
      }, 0);
    },
    [opener],
  );
}
