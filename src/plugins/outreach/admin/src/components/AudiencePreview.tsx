import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { AudiencePreview as Preview } from '../../../shared/contracts';
import { useT } from '../utils/useT';
import { enumLabel } from '../../../../../shared/admin/locale';

/** The live list of who a filter selects, and who can only be written to by post. */
export const AudiencePreview = ({ preview, error, loading }: { preview: Preview | null; error: string | null; loading: boolean }) => {
  const t = useT();
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!preview) return <Typography textColor="neutral600">{loading ? t('audience.loading', 'Recherche des destinataires…') : ''}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="omega" fontWeight="bold" data-testid="audience-count">
        {t('audience.count', '{total, plural, =0 {Aucune structure} one {# structure} other {# structures}} : {withEmail} avec une adresse e-mail', {
          total: preview.total,
          withEmail: preview.withEmail,
        })}
      </Typography>
      {preview.withoutEmail > 0 && (
        <Typography variant="pi" textColor="warning600">
          {t('audience.noEmail', '{count, plural, one {# structure n’a} other {# structures n’ont}} pas d’adresse e-mail : elles ne peuvent recevoir qu’un courrier (canal « Courrier » ou « E-mail et courrier »).', { count: preview.withoutEmail })}
        </Typography>
      )}
      {preview.total > 0 && (
        <Box maxHeight="280px" overflow="auto">
          <Table colCount={2} rowCount={preview.total + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('audience.name', 'Structure')}</Typography></Th>
                <Th><Typography variant="sigma">{t('audience.commune', 'Commune')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {preview.members.map((m) => (
                <Tr key={m.documentId}>
                  <Td>
                    <Flex direction="column" alignItems="flex-start" paddingTop={2} paddingBottom={2}>
                      <Typography>
                        {m.name}
                        <Typography variant="pi" textColor="neutral500"> · {enumLabel(m.kind)}</Typography>
                      </Typography>
                      {m.email ? (
                        <Typography variant="pi" textColor="neutral600">{m.email}</Typography>
                      ) : (
                        <Typography variant="pi" textColor="warning600">{t('audience.letterOnly', 'pas d’e-mail : courrier seulement')}</Typography>
                      )}
                    </Flex>
                  </Td>
                  <Td><Typography>{m.commune}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      )}
    </Flex>
  );
};
