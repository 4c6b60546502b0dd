/**
 * After a plugin's panel changes a record (a move, a reservation), everything on the page that
 * shows it reloads: the content manager's own form (its RTK Query cache entry, tag `Document`,
 * reducer `adminApi`, as `@strapi/content-manager` declares them) and the other panels, which
 * listen for a window event. Shared by the plugins' edit-view panels; see docs/architecture.md.
 */
import { useCallback, useEffect } from 'react';
import { useDispatch } from 'react-redux';

const EVENT = 'seconde-vie:record-changed';

interface Change {
  model: string;
  documentId: string;
}

/** `announce(model, documentId)`: the record changed on the server; reload what shows it. */
export function useAnnounceChange() {
  const dispatch = useDispatch();
  return useCallback(
    (model: string, documentId: string) => {
      dispatch({
        type: 'adminApi/invalidateTags',
        payload: [
          { type: 'Document', id: `${model}_${documentId}` },
          { type: 'Document', id: `${model}_LIST` },
        ],
      });
      window.dispatchEvent(new CustomEvent<Change>(EVENT, { detail: { model, documentId } }));
    },
    [dispatch]
  );
}

/** Calls `reload` when another panel says this record changed. */
export function useOnRecordChanged(documentId: string | undefined, reload: () => void) {
  useEffect(() => {
    if (!documentId) return undefined;
    const listener = (event: Event) => {
      if ((event as CustomEvent<Change>).detail?.documentId === documentId) reload();
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [documentId, reload]);
}
