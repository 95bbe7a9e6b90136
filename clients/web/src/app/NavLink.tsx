import type { ReactNode } from "react";
import { Link, useLocation } from "./routing";

/** A main-menu link that tells which page is open (aria-current). */
export function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { path } = useLocation();
  return (
    <Link to={to} aria-current={path === to ? "page" : undefined}>
      {children}
    </Link>
  );
}
