/**
 * Keyboard shortcuts of the main actions: Alt+R runs, Alt+C cancels, Alt+S makes the share link,
 * Alt+Q moves to the question list. Each one only clicks or focuses the control that does the work,
 * so the page behaves as if the user had used it.
 */
import { useEffect } from 'react';

const TARGETS: Record<string, string> = {
  r: '[data-testid="start-run"]',
  c: '[data-testid="cancel-run"]',
  s: '[data-testid="share-button"]',
  q: '[data-testid="question-list"]',
};

/** Listens for the shortcuts while the page is open. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      // The physical key, because Alt changes the character typed on some layouts.
      const selector = TARGETS[event.code.replace(/^Key/, '').toLowerCase()];
      const target = selector ? document.querySelector<HTMLElement>(selector) : null;
      if (!target) return;
      event.preventDefault();
      if (target.tagName === 'BUTTON') (target as HTMLButtonElement).click();
      target.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
