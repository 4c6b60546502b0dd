import { useState } from 'react';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { Button, Dialog, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

/** One line of the read log, as GET /privacy/households/:documentId/access-log returns it. */
export interface AccessLogEntry {
  at: string;
  action: 'read' | 'list' | 'document' | 'export_json' | 'export_pdf' | 'anonymise';
  actorName: string;
  actorKind: 'staff' | 'api-token' | 'portal' | 'anonymous' | 'system' | null;
  details: { path?: string | null; method?: string | null; reason?: string } | null;
}

const ACTION_LABELS: Record<AccessLogEntry['action'], [string, string]> = {
  read: ['log.action.read', 'Fiche lue'],
  list: ['log.action.list', 'Liste ou sélecteur'],
  document: ['log.action.document', 'Document PDF'],
  export_json: ['log.action.exportJson', 'Export JSON'],
  export_pdf: ['log.action.exportPdf', 'Export PDF'],
  anonymise: ['log.action.anonymise', 'Anonymisation'],
};

const KIND_LABELS: Record<NonNullable<AccessLogEntry['actorKind']>, [string, string]> = {
  staff: ['log.kind.staff', 'Équipe'],
  'api-token': ['log.kind.apiToken', 'Jeton API'],
  portal: ['log.kind.portal', 'Portail'],
  anonymous: ['log.kind.anonymous', 'Sans connexion'],
  system: ['log.kind.system', 'Application'],
};

/** « Journal des consultations »: who read the household's data, when, what and through which route (500 latest). */
export const AccessLogDialog = ({ documentId }: { documentId: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const [failed, setFailed] = useState(false);

  const load = async () => {
    setFailed(false);
    try {
      const { data } = await get<{ data: AccessLogEntry[] }>(`/privacy/households/${documentId}/access-log`);
      setEntries(data.data);
    } catch {
      setFailed(true);
    }
  };

  return (
    <Dialog.Root onOpenChange={(open: boolean) => (open ? void load() : setEntries(null))}>
      <Dialog.Trigger>
        <Button variant="tertiary" startIcon={<Eye />} fullWidth>
          {t('log.open', 'Journal des consultations')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{t('log.title', 'Qui a consulté les données de ce foyer')}</Dialog.Header>
        <Dialog.Body>
          {failed && <Typography textColor="danger600">{t('panel.error', "L'opération a échoué.")}</Typography>}
          {entries && entries.length === 0 && <Typography>{t('log.empty', 'Aucune consultation enregistrée.')}</Typography>}
          {entries && entries.length > 0 && (
            <Table colCount={4} rowCount={entries.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('log.when', 'Quand')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('log.who', 'Qui')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('log.what', 'Quoi')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('log.via', 'Par')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {entries.map((e, i) => (
                  <Tr key={`${e.at}-${i}`}>
                    <Td><Typography>{formatDate(new Date(e.at), { dateStyle: 'short', timeStyle: 'short' })}</Typography></Td>
                    <Td>
                      <Typography>
                        {e.actorName}
                        {e.actorKind ? ` (${t(...KIND_LABELS[e.actorKind])})` : ''}
                      </Typography>
                    </Td>
                    <Td><Typography>{t(...ACTION_LABELS[e.action])}</Typography></Td>
                    <Td><Typography variant="pi">{e.details?.path ?? e.details?.reason ?? '—'}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('log.close', 'Fermer')}</Button>
          </Dialog.Cancel>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
