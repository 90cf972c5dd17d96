/** Where a video file comes from: the desktop app's file dialog, or the browser's file input. */
interface VideoFilePickerProps {
  /** `attach` (the empty player: a primary button, a bare input) or `replace` (a ghost button in the header). */
  purpose: 'attach' | 'replace';
  disabled: boolean;
  onChoose: () => void;
  onFile: (file: File | undefined) => void;
}

const ACCEPT = 'video/*,.mkv,.m4v';

export function VideoFilePicker({ purpose, disabled, onChoose, onFile }: VideoFilePickerProps) {
  const label = purpose === 'attach' ? 'Choose…' : 'Replace video…';
  if (window.kirinuki.host === 'electron') {
    const style = purpose === 'attach' ? 'primary' : 'ghost';
    return <button type="button" className={style} onClick={onChoose} disabled={disabled} data-testid={`${purpose}-choose`}>{label}</button>;
  }
  const input = (
    <input
      type="file"
      accept={ACCEPT}
      onChange={(e) => {
        // emptied, so picking the same file again (after "Keep the current video") attaches it again
        const file = e.target.files?.[0];
        e.target.value = '';
        onFile(file);
      }}
      disabled={disabled}
      aria-label={purpose === 'attach' ? 'Video file' : undefined}
      data-testid={`${purpose}-file`}
    />
  );
  if (purpose === 'attach') return input;
  return <label className={`file-button ghost${disabled ? ' disabled' : ''}`}>{label}{input}</label>;
}
