import { SearchIcon, XIcon } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Kbd } from '../../components/ui/kbd.tsx';
import { Input } from '../../components/ui/input.tsx';
import { useFocusShortcut } from '../../lib/use-focus-shortcut.ts';

export const SEARCH_DEBOUNCE_MS = 250;

export interface AccountsSearchInputProps {
  value: string;
  onChange: (value: string) => void;
}

/** The search box: typing is local, the URL follows after a pause; `/` focuses it from anywhere. */
export function AccountsSearchInput({ value, onChange }: AccountsSearchInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  useFocusShortcut(inputRef);

  // The URL changed from elsewhere (Reset, back button): show what it says.
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }

  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => onChangeRef.current(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <div className="relative w-full sm:w-80">
      <SearchIcon
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <Input
        ref={inputRef}
        type="search"
        aria-label="Search accounts"
        placeholder="Search customer, label, username"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange(text);
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
            onChange('');
          }
        }}
        className="h-8 pr-9 pl-8 [&::-webkit-search-cancel-button]:hidden"
      />
      {text ? (
        <button
          type="button"
          onClick={() => {
            setText('');
            onChange('');
            inputRef.current?.focus();
          }}
          className="absolute top-1/2 right-1.5 flex size-5 -translate-y-1/2 items-center justify-center rounded text-muted-foreground hover:text-foreground"
          aria-label="Clear search"
        >
          <XIcon className="size-3.5" aria-hidden />
        </button>
      ) : (
        <Kbd className="absolute top-1/2 right-2 -translate-y-1/2" aria-hidden>
          /
        </Kbd>
      )}
    </div>
  );
}
