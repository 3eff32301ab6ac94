import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { tasks } from '../../api/engine';
import { formatDate } from '../../api/variables';
import { ErrorNote, Section, errorText, useLoad } from '../../components/common';

/** The task's comments (author, time, text) and a form to add one as the signed-in user. */
export function TaskComments({ taskId, names }: { taskId: string; names: ReadonlyMap<string, string> }) {
  const comments = useLoad(() => tasks.comments(taskId), [taskId]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    const message = text.trim();
    if (!message) return;
    setBusy(true);
    try {
      await tasks.addComment(taskId, message);
      setText('');
      setError(null);
      comments.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const list = comments.data ?? [];
  return html`<${Section} title=${`Comments${comments.data ? ` (${list.length})` : ''}`}>
    <div data-testid="task-comments">
      <${ErrorNote} error=${comments.error} />
      ${comments.data && list.length === 0 && html`<p class="muted">No comments yet.</p>`}
      ${list.length > 0 && html`<ul class="comments">
        ${list.map((c) => html`<li class="comment" data-comment-id=${c.id}>
          <div class="muted"><strong class="comment-author" data-user=${c.userId ?? ''}>${c.userId ? (names.get(c.userId) ?? c.userId) : 'unknown'}</strong> · <time dateTime=${c.time}>${formatDate(c.time)}</time></div>
          <p class="comment-message">${c.message}</p>
        </li>`)}
      </ul>`}
      <form class="form" data-testid="comment-form" onSubmit=${add}>
        <label>Add a comment
          <textarea name="comment-message" rows="3" maxLength=${10_000} value=${text} onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}></textarea></label>
        <${ErrorNote} error=${error} />
        <div class="actions"><button type="submit" disabled=${busy || !text.trim()}>Add comment</button></div>
      </form>
    </div>
  <//>`;
}
