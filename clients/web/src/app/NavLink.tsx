import type { ReactNode } from "react";
import { Link, useLocation } from "./routing";

/**
 * A main-menu link that tells which page is open (aria-current). `label` names it for assistive technology when
 * its content alone would not say enough (a bare number in a badge); it should start with the visible words.
 */
export function NavLink({ to, label, children }: { to: string; label?: string; children: ReactNode }) {
  const { path } = useLocation();
  return (
    <Link to={to} aria-label={label} aria-current={path === to ? "page" : undefined}>
      {children}
    </Link>
  );
}
