/**
 * Enter in a date picker's text field takes the typed date before anything else reads the form.
 *
 * The design system's DatePicker keeps what is typed as text and gives it to the form only on
 * blur, or on Enter while its calendar is open. A date pasted (or filled in by the browser) leaves
 * the calendar closed: Enter then gave nothing to the form, and Ctrl/Cmd + Enter, the content
 * manager's « save » shortcut, saved the record without it (measured in tests/e2e/editor.test.ts).
 * This capturing listener runs first: it holds the Enter back, commits the text (the picker's own
 * Enter while its calendar is open, so a day reached with the arrows is taken too; else a blur,
 * as when the field is left), gives React two frames to render, puts the focus back, then replays
 * the key for the shortcut, or submits the field's form, as a plain Enter in a text field would.
 * Only the design system's date inputs are concerned (a text input with role combobox and a
 * dialog popup), so Enter elsewhere (the station's scan field, selects, textareas) is untouched.
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
    if (input.getAttribute('aria-expanded') === 'true') {
      // Calendar open: its own Enter takes the highlighted day (typed, or reached with the arrows).
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
    } else {
      // Calendar closed: the typed text is taken as when the field is left.
      input.blur();
    }
    void afterRender().then(() => {
      if (!input.isConnected) return;
      if (document.activeElement !== input) input.focus();
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
