/** Payloads of the portal's admin routes, shared by the server and the admin panel. */
export type StructureKind = 'prescriber' | 'donor';

/** POST /portal/accounts */
export interface CreateAccountBody {
  structure: StructureKind;
  documentId: string;
  email: string;
}

export interface AccountSummary {
  id: number;
  email: string;
  kind: StructureKind;
  structure: string;
  invitationSent: boolean;
  invitationExpiresAt: string;
}

/** GET /portal/accounts?structure=&documentId= : the accounts of one structure. */
export interface AccountListItem {
  id: number;
  email: string;
  /** « active » once the password is set, « invited » until then, « blocked » when staff blocked it. */
  status: 'active' | 'invited' | 'blocked';
  createdAt: string;
}
