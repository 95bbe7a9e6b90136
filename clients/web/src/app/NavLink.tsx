import type { ReactNode } from "react";
import { Link, useLocation } from "./routing";

/**
 * A main-menu link that tells which page is open (aria-current), also on the pages of its section (`also`).
 * `label` names it for assistive technology when its content alone would not say enough (a bare number in a
 * badge); it should start with the visible words.
 */
export function NavLink({ to, also = [], label, children }: { to: string; also?: string[]; label?: string; children: ReactNode }) {
  const { path } = useLocation();
  const current = path === to || also.includes(path);
  return (
    <Link to={to} aria-label={label} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
