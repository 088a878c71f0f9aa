import type { ReactNode } from 'react';

/** An inline, announced error with an optional way out (retry, go back). */
export function ErrorNotice({ title, message, action }: { title?: string; message: string; action?: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      <div>
        {title && <p className="notice__title">{title}</p>}
        <p className="notice__text">{message}</p>
      </div>
      {action && <div className="notice__action">{action}</div>}
    </div>
  );
}
