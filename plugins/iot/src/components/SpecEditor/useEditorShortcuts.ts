import { RefObject, useEffect, useRef } from 'react';

export type EditorShortcuts = {
  undo: () => void;
  redo: () => void;
  deleteSelection: () => void;
  duplicateSelection: () => void;
  save: () => void;
};

const EDITABLE = 'input, textarea, select, [contenteditable="true"]';

/**
 * The editor's keys: Ctrl+Z undo, Ctrl+Shift+Z and Ctrl+Y redo, Delete and
 * Backspace delete the selection, Ctrl+D duplicates it (⌘ on a Mac), and
 * Ctrl+S saves from anywhere on the page. Fields keep their own keys: in a
 * text field Ctrl+Z undoes typing. Keys in dialogs are left alone.
 */
export function useEditorShortcuts(
  root: RefObject<HTMLElement>,
  shortcuts: EditorShortcuts,
  enabled: boolean,
) {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;

  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (!target || target.closest('[role="dialog"]')) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = latest.current;
      if (command && key === 's') {
        event.preventDefault();
        run.save();
        return;
      }
      const inEditor =
        target === document.body || Boolean(root.current?.contains(target));
      if (!inEditor || target.matches(EDITABLE)) return;
      if (command && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) run.redo();
        else run.undo();
      } else if (command && key === 'y') {
        event.preventDefault();
        run.redo();
      } else if (command && key === 'd') {
        event.preventDefault();
        run.duplicateSelection();
      } else if (!command && (key === 'delete' || key === 'backspace')) {
        event.preventDefault();
        run.deleteSelection();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [root, enabled]);
}
