import { useEffect, useRef, type ReactNode } from "react";

/**
 * A page's h1. When a page opens, focus moves to its heading and the document title follows it, so that screen
 * reader users hear where they are after a navigation without a reload, and keyboard users start from the top.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · TaskOrchestration`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
