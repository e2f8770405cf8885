import { useEffect, useId, useRef, useState } from 'react';
import { Input } from '../../components/ui/input.tsx';
import { Label } from '../../components/ui/label.tsx';

export interface TextFilterProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  className?: string;
}

/** A labelled text filter: typing is local, the URL follows after a pause. */
export function TextFilter({ label, value, onChange, placeholder, className }: TextFilterProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
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
    const timer = setTimeout(() => onChangeRef.current(text), 300);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <div className={className}>
      <Label htmlFor={id} className="mb-1.5 text-xs text-muted-foreground">
        {label}
      </Label>
      <Input
        id={id}
        type="search"
        className="h-8"
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
