import { useEffect, useId, useState, type CSSProperties, type ReactNode } from 'react';

/**
 * A tooltip that keyboard and touch users get too (WCAG 1.4.13): it opens on hover, on focus and on a
 * tap, stays while hovered, and Escape closes it. The trigger is a button described by the tooltip,
 * so a screen reader reads the full text without opening anything.
 */
export function Tooltip({ label, text, className, style, children }: { label: string; text: string; className: string; style?: CSSProperties; children?: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [open]);
  return (
    <span className={`tooltip ${className}`} style={style} onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button type="button" className="tooltip__trigger" aria-describedby={id} onFocus={() => setOpen(true)} onBlur={() => setOpen(false)} onClick={() => setOpen(true)}>
        {children ?? <span className="visually-hidden">{label}</span>}
      </button>
      <span id={id} role="tooltip" className="tooltip__text" hidden={!open}>
        {text}
      </span>
    </span>
  );
}
