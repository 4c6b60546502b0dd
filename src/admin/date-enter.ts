/**
 * Enter in a date picker's text field takes the typed date before anything else reads the form.
 *
 * The design system's DatePicker keeps what is typed as text and commits it to the form on blur,
 * or on Enter while its calendar is open, through React state that a keydown listener elsewhere
 * reads one render too late: Ctrl/Cmd + Enter, the content manager's « save » shortcut (a window
 * listener), saved the record without the date just typed (or did nothing, the form not yet
 * marked modified). This capturing listener runs first: it holds the Enter back, commits the
 * typed text (blur, as the picker does when the field is left), gives React a frame to render,
 * puts the focus back, then replays the key for the shortcut or submits the field's form, as a
 * plain Enter in a text field would. Only the design system's date inputs are concerned (a text
 * input with role combobox and a dialog popup), so Enter elsewhere (the station's scan field,
 * selects, textareas) is untouched.
 */
const DATE_INPUT = 'input[role="combobox"][aria-haspopup="dialog"]';

/** Two animation frames: React has rendered the committed value and run its effects. */
const afterRender = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

export function commitDateOnEnter(target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !event.isTrusted || event.isComposing) return;
    const input = event.target instanceof HTMLInputElement && event.target.matches(DATE_INPUT) ? event.target : null;
    if (!input || input.disabled || input.readOnly) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const { ctrlKey, metaKey, shiftKey, altKey } = event;
    input.blur();
    void afterRender().then(() => {
      if (!input.isConnected) return;
      input.focus();
      if (ctrlKey || metaKey) {
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', ctrlKey, metaKey, shiftKey, altKey, bubbles: true, cancelable: true }));
        return;
      }
      // A plain Enter submits the form when it has a submit button (the browser's implicit submission).
      if (input.form?.querySelector('button[type="submit"], input[type="submit"]')) input.form.requestSubmit();
    });
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
