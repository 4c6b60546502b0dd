import { frenchLabels } from '../../../../../shared/labels';
import type { CampaignStatus, Channel, Delivery, Outcome } from '../../../shared/contracts';
import { adminLocale } from '../../../../../shared/admin/locale';

/** French labels of the plugin's values (also the defaults of their translations). */
export const STATUS: Record<CampaignStatus, { label: string; variant: 'secondary' | 'warning' | 'success' }> = {
  draft: { label: 'Brouillon', variant: 'secondary' },
  sending: { label: 'Envoi en cours', variant: 'warning' },
  sent: { label: 'Envoyée', variant: 'success' },
};

export const CHANNELS: Record<Channel, string> = {
  email: 'E-mail',
  letter: 'Courrier',
  both: 'E-mail, et courrier pour les structures sans adresse',
};

export const DELIVERIES: Record<Delivery, string> = {
  pending: 'En attente',
  sent: 'E-mail envoyé',
  failed: 'Échec',
  letter: 'Courrier',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  no_answer: 'Sans réponse',
  answered: 'A répondu',
  meeting_set: 'Rendez-vous pris',
  declined: 'A décliné',
};

// The steps of a donor relationship, labelled as everywhere else in the admin.
export const RELATIONSHIP_LABELS: Record<string, string> = frenchLabels(['prospect', 'contacted', 'meeting', 'negotiating', 'partner', 'inactive']);

export const formatDate = (iso: string | null) => (iso ? new Intl.DateTimeFormat(adminLocale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso)) : '—');
