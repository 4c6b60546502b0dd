/** What a Document Service middleware of the app reads of the call (src/document-service/*). */
export interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
}

/** The actions that write a document. */
export const WRITES = new Set(['create', 'update', 'clone']);
