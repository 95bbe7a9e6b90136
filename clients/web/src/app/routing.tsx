import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/**
 * A router of a few lines: the app's pages are addresses below Vite's base ("/app"), kept in the browser's history.
 * The API answers index.html for every such address, so a reload or a shared link opens the same page.
 */
const base = import.meta.env.BASE_URL.replace(/\/$/, "");

export interface AppLocation {
  /** The page's path below the base, starting with "/". */
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

/** The full address of an app path, for links and for the history. */
export function href(to: string): string {
  return base + to;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, "", href(to));
  } else {
    window.history.pushState(null, "", href(to));
  }
  listeners.forEach((listener) => listener());
}

export function useLocation(): AppLocation {
  const address = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  return useMemo(() => {
    const url = new URL(address, window.location.origin);
    const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
    return { path: path === "" ? "/" : path, query: url.searchParams };
  }, [address]);
}

/**
 * The parameters of `path` when it matches `pattern` ("/tasks/:id"), or null. Parameters are one segment each.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split("/").filter(Boolean);
  const pathParts = path.split("/").filter(Boolean);
  if (patternParts.length !== pathParts.length) {
    return null;
  }
  const parameters: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const value = pathParts[index];
    if (part.startsWith(":")) {
      parameters[part.slice(1)] = decodeURIComponent(value);
    } else if (part !== value) {
      return null;
    }
  }
  return parameters;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** A link within the app: a real <a href> (open in a new tab works), followed without reloading the page. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || rest.target) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={follow} {...rest} />;
}
