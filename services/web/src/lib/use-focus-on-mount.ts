import { useEffect, useRef } from 'react';

/**
 * A ref for the heading of a view that replaces the one the user acted in (upload → progress →
 * processing): focus moves there on mount instead of falling back to <body>, so keyboard and
 * screen-reader users stay where the action is. The element needs tabIndex={-1}.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
