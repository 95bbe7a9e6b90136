import { useEffect, useRef } from "react";

export interface SummaryItem {
  /** The id of the field the message is about, to link to it; none for a message about the whole form. */
  fieldId?: string;
  text: string;
}

/**
 * The list of what went wrong with a form, above it. It takes focus when it appears (or changes), so the person
 * hears the problems at once; each message links to its field.
 */
export function ErrorSummary({ title, items }: { title: string; items: SummaryItem[] }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) {
      summary.current?.focus();
    }
  }, [items]);
  if (items.length === 0) {
    return null;
  }
  return (
    <div ref={summary} className="error-summary" tabIndex={-1} aria-labelledby="error-summary-title" data-testid="error-summary">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.fieldId!)?.focus();
                }}
              >
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
