import { Badge, Box, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { TARGETS, type ColumnMapping, type PreviewRow, type RowProblem, type Target } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

const Cell = ({ children }: { children: React.ReactNode }) => (
  <Td>
    <Typography textColor="neutral800">{children}</Typography>
  </Td>
);

/** The file's columns, each with the machine field it fills; staff change it with a select. */
export const MappingTable = ({ columns, onChange }: { columns: ColumnMapping[]; onChange: (header: string, target: Target) => void }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  return (
    <Table colCount={3} rowCount={columns.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('mapping.header', 'Colonne')}</Typography></Th>
          <Th><Typography variant="sigma">{t('mapping.target', 'Champ de la machine')}</Typography></Th>
          <Th><Typography variant="sigma">{t('mapping.status', 'Reconnue')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {columns.map((column) => (
          <Tr key={column.header}>
            <Cell>{column.header}</Cell>
            <Td>
              <SingleSelect
                aria-label={`${t('mapping.target', 'Champ de la machine')} : ${column.header}`}
                size="S"
                value={column.target}
                onChange={(value) => onChange(column.header, value as Target)}
              >
                {TARGETS.map((target) => (
                  <SingleSelectOption key={target} value={target}>
                    {t(`field.${target}`, target)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Td>
            <Td>
              {column.recognised ? (
                <Badge active>{t('mapping.recognised', 'Reconnue')}</Badge>
              ) : (
                <Badge>{t('mapping.unknown', 'À associer')}</Badge>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** Every problem (or warning), with the row number the spreadsheet shows. */
export const ProblemsTable = ({ problems, label }: { problems: RowProblem[]; label: string }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  return (
    <Table colCount={4} rowCount={problems.length + 1} aria-label={label}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('problems.row', 'Ligne')}</Typography></Th>
          <Th><Typography variant="sigma">{t('problems.column', 'Colonne')}</Typography></Th>
          <Th><Typography variant="sigma">{t('problems.value', 'Valeur')}</Typography></Th>
          <Th><Typography variant="sigma">{t('problems.message', 'Problème')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {problems.map((p, i) => (
          <Tr key={`${p.row}-${p.field ?? ''}-${i}`}>
            <Cell>{p.row}</Cell>
            <Cell>{p.column ?? '-'}</Cell>
            <Cell>{p.value === null ? '-' : p.value.length > 40 ? `${p.value.slice(0, 40)}…` : p.value}</Cell>
            <Cell>{p.message}</Cell>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** The first machines as they will be created. */
export const PreviewTable = ({ rows }: { rows: PreviewRow[] }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  return (
    <Box>
      <Table colCount={7} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('problems.row', 'Ligne')}</Typography></Th>
            <Th><Typography variant="sigma">{t('field.type', 'Type')}</Typography></Th>
            <Th><Typography variant="sigma">{t('field.brand', 'Marque')}</Typography></Th>
            <Th><Typography variant="sigma">{t('field.model', 'Modèle')}</Typography></Th>
            <Th><Typography variant="sigma">{t('field.serialNumber', 'N° de série')}</Typography></Th>
            <Th><Typography variant="sigma">{t('field.ramGb', 'Mémoire vive (Go)')}</Typography></Th>
            <Th><Typography variant="sigma">{t('field.storage', 'Disques')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map(({ row, machine }) => (
            <Tr key={row}>
              <Cell>{row}</Cell>
              <Cell>{machine.type ? formatMessage({ id: machine.type, defaultMessage: machine.type }) : '-'}</Cell>
              <Cell>{machine.brand ?? '-'}</Cell>
              <Cell>{machine.model ?? '-'}</Cell>
              <Cell>{machine.serialNumber ?? '-'}</Cell>
              <Cell>{machine.ramGb ?? '-'}</Cell>
              <Cell>{machine.storageDevices.map((d) => `${d.capacityGb ?? '?'} Go`).join(' + ') || '-'}</Cell>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};
