import { useRef, type KeyboardEvent } from 'react';

/** One tab: its value, its text and its test id. */
export interface Tab<T extends string> {
  value: T;
  label: string;
  testId: string;
}

/**
 * A row of tabs as WAI-ARIA's tabs pattern has it: the selected tab is the one tab stop, and the
 * arrow keys, Home and End move the selection (which selects at once).
 */
export function TabList<T extends string>({ label, tabs, selected, onSelect }: { label: string; tabs: Tab<T>[]; selected: T; onSelect: (value: T) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.value === selected);
    const last = tabs.length - 1;
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const wrapped = (next + tabs.length) % tabs.length;
    onSelect(tabs[wrapped]!.value);
    buttons.current[wrapped]?.focus();
  };

  return (
    <div role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab, i) => (
        <button
          key={tab.value}
          ref={(element) => {
            buttons.current[i] = element;
          }}
          role="tab"
          type="button"
          aria-selected={tab.value === selected}
          tabIndex={tab.value === selected ? 0 : -1}
          onClick={() => onSelect(tab.value)}
          data-testid={tab.testId}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
