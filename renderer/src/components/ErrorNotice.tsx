import { errorText } from '../api/error-text';

/** An error as a sentence plus what to do next; never a stack. */
export function ErrorNotice({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (!error) return null;
  const text = errorText(error);
  return (
    <div className="notice notice-error" role="alert" data-code={text.code}>
      <div className="notice-body">
        <strong>{text.sentence}</strong>
        <span>{text.next}</span>
      </div>
      {onDismiss ? (
        <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss">
          ✕
        </button>
      ) : null}
    </div>
  );
}
