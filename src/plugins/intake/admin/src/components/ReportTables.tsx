import { Badge, Box, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { TARGETS, type ColumnMapping, type MappingSource, type PreviewRow, type RowProblem, type Target } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

/** Tables list this many rows at most; the rest is counted. */
export const SHOWN_ROWS = 200;

const Cell = ({ children, wrap = false }: { children: React.ReactNode; wrap?: boolean }) => (
  // A message wraps over several lines rather than pushing the table wider than the page.
  <Td style={wrap ? { whiteSpace: 'normal', minWidth: '22rem' } : undefined}>
    <Typography textColor="neutral800">{children}</Typography>
  </Td>
);

const useT = () => {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
};

const SOURCE_BADGE: Record<MappingSource, { id: string; text: string; active: boolean }> = {
  format: { id: 'mapping.source.format', text: 'Colonne du format', active: true },
  synonym: { id: 'mapping.source.synonym', text: 'Intitulé reconnu', active: true },
  chosen: { id: 'mapping.source.chosen', text: 'Choisie', active: true },
  remembered: { id: 'mapping.source.remembered', text: 'Mémorisée (dernier import)', active: true },
  unknown: { id: 'mapping.source.unknown', text: 'À associer', active: false },
};

/** The file's columns, each with the machine field it fills and why; staff change it with a select. */
export const MappingTable = ({ columns, onChange }: { columns: ColumnMapping[]; onChange: (header: string, target: Target) => void }) => {
  const t = useT();
  return (
    <Table colCount={3} rowCount={columns.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('mapping.header', 'Colonne')}</Typography></Th>
          <Th><Typography variant="sigma">{t('mapping.target', 'Champ de la machine')}</Typography></Th>
          <Th><Typography variant="sigma">{t('mapping.status', 'Pourquoi')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {columns.map((column) => {
          const badge = SOURCE_BADGE[column.source];
          return (
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
                <Badge active={badge.active}>{t(badge.id, badge.text)}</Badge>
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};

/** Problems (or warnings), each with the unit's number in the file and the spreadsheet's row. */
export const ProblemsTable = ({ problems, label }: { problems: RowProblem[]; label: string }) => {
  const t = useT();
  const shown = problems.slice(0, SHOWN_ROWS);
  return (
    <Box>
      <Table colCount={5} rowCount={shown.length + 1} aria-label={label}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('problems.dataRow', 'Machine n°')}</Typography></Th>
            <Th><Typography variant="sigma">{t('problems.sheetRow', 'Ligne du tableur')}</Typography></Th>
            <Th><Typography variant="sigma">{t('problems.column', 'Colonne')}</Typography></Th>
            <Th><Typography variant="sigma">{t('problems.value', 'Valeur')}</Typography></Th>
            <Th><Typography variant="sigma">{t('problems.message', 'Problème')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {shown.map((p, i) => (
            <Tr key={`${p.sheetRow}-${p.code}-${i}`}>
              <Cell>{p.dataRow ?? t('problems.wholeFile', 'fichier')}</Cell>
              <Cell>{p.sheetRow > 0 ? p.sheetRow : '-'}</Cell>
              <Cell>{p.column ?? '-'}</Cell>
              <Cell>{p.value === null ? '-' : p.value.length > 30 ? `${p.value.slice(0, 30)}…` : p.value}</Cell>
              <Cell wrap>{p.message}</Cell>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {problems.length > shown.length && (
        <Box paddingTop={2}>
          <Typography variant="pi" textColor="neutral600">
            {t('problems.more', '… et {count, number} autre(s), dans le rapport complet (API).', { count: problems.length - shown.length })}
          </Typography>
        </Box>
      )}
    </Box>
  );
};

/** The first machines as they will be created. */
export const PreviewTable = ({ rows }: { rows: PreviewRow[] }) => {
  const t = useT();
  return (
    <Table colCount={8} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('problems.dataRow', 'Machine n°')}</Typography></Th>
          <Th><Typography variant="sigma">{t('problems.sheetRow', 'Ligne du tableur')}</Typography></Th>
          <Th><Typography variant="sigma">{t('field.type', 'Type')}</Typography></Th>
          <Th><Typography variant="sigma">{t('field.brand', 'Marque')}</Typography></Th>
          <Th><Typography variant="sigma">{t('field.model', 'Modèle')}</Typography></Th>
          <Th><Typography variant="sigma">{t('field.serialNumber', 'N° de série')}</Typography></Th>
          <Th><Typography variant="sigma">{t('field.ramGb', 'Mémoire vive (Go)')}</Typography></Th>
          <Th><Typography variant="sigma">{t('field.storage', 'Disques')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map(({ dataRow, sheetRow, machine }) => (
          <Tr key={dataRow}>
            <Cell>{dataRow}</Cell>
            <Cell>{sheetRow}</Cell>
            <Cell>{machine.type ? t(`type.${machine.type}`, machine.type) : '-'}</Cell>
            <Cell>{machine.brand ?? '-'}</Cell>
            <Cell>{machine.model ?? '-'}</Cell>
            <Cell>{machine.serialNumber ?? '-'}</Cell>
            <Cell>{machine.ramGb ?? '-'}</Cell>
            <Cell>
              {machine.storageDevices.map((d) => `${d.capacityGb ?? '?'} Go ${d.interface.toUpperCase()}`).join(' + ') || '-'}
            </Cell>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
