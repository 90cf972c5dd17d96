import { useEffect, useRef } from 'react';
import { errorText } from '../api/error-text';

/**
 * Attaching a file whose length is not the video's asks first (VIDEO_MISMATCH): the core's
 * sentence names both durations; "Attach anyway" retries with the user's confirmation.
 */
export function MismatchDialog({ error, onConfirm, onCancel }: { error: unknown; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirm.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const text = errorText(error);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="mismatch-title" aria-describedby="mismatch-text" data-testid="mismatch-dialog">
        <h2 id="mismatch-title">This file may not be this video</h2>
        <p id="mismatch-text">{text.sentence}</p>
        <p className="muted small">Attach it only if it really is this video: the moments keep their times, so clips past its end come out short or empty.</p>
        <div className="row dialog-buttons">
          <button type="button" onClick={onCancel} data-testid="mismatch-cancel">Keep the current video</button>
          <button type="button" className="primary" ref={confirm} onClick={onConfirm} data-testid="mismatch-confirm">Attach anyway</button>
        </div>
      </div>
    </div>
  );
}
