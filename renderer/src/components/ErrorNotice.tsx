import { errorText } from '../api/error-text';

/** An error as a sentence plus what to do next; never a stack. */
export function ErrorNotice({ error, onDismiss, action }: { error: unknown; onDismiss?: () => void; action?: { label: string; onClick: () => void; testId?: string } | null }) {
  if (!error) return null;
  const text = errorText(error);
  return (
    <div className="notice notice-error" role="alert" data-code={text.code}>
      <div className="notice-body">
        <strong>{text.sentence}</strong>
        <span>{text.next}</span>
        {action ? (
          <span className="row">
            <button type="button" className="primary" onClick={action.onClick} data-testid={action.testId}>
              {action.label}
            </button>
          </span>
        ) : null}
      </div>
      {onDismiss ? (
        <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss">
          ✕
        </button>
      ) : null}
    </div>
  );
}
