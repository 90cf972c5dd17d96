import { useState } from 'react';
import type { UploadText } from '../../../core/export/upload-text';

// YouTube's limits (core/export/upload-text-limits.ts; the contract checks them again)
const TITLE_MAX = 100;
const DESCRIPTION_MAX = 5000;

/** Copies `text`; false where the page may not use the clipboard (the text stays selectable). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = () =>
    void copy(text).then((ok) => {
      setState(ok ? 'copied' : 'failed');
      setTimeout(() => setState('idle'), 2500);
    });
  return (
    <button type="button" className="ghost small" onClick={onClick} data-testid={`copy-${label.toLowerCase()}`}>
      {state === 'copied' ? `${label} copied` : state === 'failed' ? 'Select and copy' : `Copy ${label.toLowerCase()}`}
    </button>
  );
}

const tagsOf = (text: string): string[] => text.split(',').map((t) => t.trim()).filter((t) => t !== '');

/** A clip's upload text (credit first), with copy buttons and an editor whose edits later exports keep. */
export function UploadTextPanel({ upload, onSave }: { upload: UploadText; onSave: (upload: UploadText) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(upload.title);
  const [description, setDescription] = useState(upload.description);
  const [tags, setTags] = useState(upload.tags.join(', '));
  const start = () => {
    setTitle(upload.title);
    setDescription(upload.description);
    setTags(upload.tags.join(', '));
    setEditing(true);
  };
  const save = () => void onSave({ title: title.trim(), description, tags: tagsOf(tags) }).then(() => setEditing(false));
  if (editing) {
    return (
      <details className="upload-text" open data-testid="upload-text">
        <summary>Upload text</summary>
        <label className="small">Title <span className="muted">{title.length}/{TITLE_MAX}</span>
          <input value={title} maxLength={TITLE_MAX} onChange={(e) => setTitle(e.target.value)} data-testid="upload-title-input" />
        </label>
        <label className="small">Description <span className="muted">{description.length}/{DESCRIPTION_MAX}</span>
          <textarea value={description} maxLength={DESCRIPTION_MAX} rows={8} onChange={(e) => setDescription(e.target.value)} data-testid="upload-description-input" />
        </label>
        <label className="small">Tags (comma-separated)
          <input value={tags} onChange={(e) => setTags(e.target.value)} data-testid="upload-tags-input" />
        </label>
        <div className="row output-actions">
          <button type="button" onClick={save} disabled={title.trim() === '' || /[<>]/.test(title + description + tags)} data-testid="upload-save">Save</button>
          <button type="button" className="ghost" onClick={() => setEditing(false)}>Cancel</button>
          {/[<>]/.test(title + description + tags) ? <span className="muted small">YouTube refuses “&lt;” and “&gt;”.</span> : null}
        </div>
      </details>
    );
  }
  return (
    <details className="upload-text" data-testid="upload-text">
      <summary>Upload text</summary>
      <strong className="selectable" data-testid="upload-title">{upload.title}</strong>
      <pre className="selectable small" data-testid="upload-description">{upload.description}</pre>
      <span className="muted small selectable" data-testid="upload-tags">{upload.tags.join(', ')}</span>
      <div className="row output-actions">
        <CopyButton text={upload.title} label="Title" />
        <CopyButton text={upload.description} label="Description" />
        <CopyButton text={upload.tags.join(', ')} label="Tags" />
        <button type="button" className="ghost" onClick={start} data-testid="upload-edit">Edit…</button>
      </div>
    </details>
  );
}
