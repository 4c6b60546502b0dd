import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import type { WeeeRegister } from '../../../shared/contracts';
import { saveBlob } from '../components/download';
import { formatDate, formatNumber, useT } from '../utils/useT';
import { enumLabel } from '../../../../../shared/admin/locale';
import { workshopQuery } from '../components/WorkshopPicker';


export const WeeePanel = ({ workshop = '' }: { workshop?: string }) => {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [from, setFrom] = useState('2011-09-01');
  const [to, setTo] = useState('2012-08-31');
  const [query, setQuery] = useState(`from=${from}&to=${to}`);
  const scoped = new URLSearchParams(workshopQuery(workshop)).toString();
  const { data, error } = useGet<WeeeRegister>(`/reporting/weee?${query}${scoped ? `&${scoped}` : ''}`);

  const download = async (format: 'csv' | 'xlsx') => {
    try {
      const res = await get<Blob>(`/reporting/weee?from=${from}&to=${to}&format=${format}${scoped ? `&${scoped}` : ''}`, { responseType: 'blob' });
      saveBlob(res.data, `registre-deee-${from}-${to}.${format}`);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };

  return (
    <Box>
      <Flex gap={3} alignItems="flex-end" wrap="wrap" background="neutral0" hasRadius shadow="tableShadow" padding={5}>
        <Field.Root name="weee-from">
          <Field.Label>{t('bilan.from', 'Du')}</Field.Label>
          <TextInput type="date" value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} />
        </Field.Root>
        <Field.Root name="weee-to">
          <Field.Label>{t('bilan.to', 'Au')}</Field.Label>
          <TextInput type="date" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} />
        </Field.Root>
        <Button onClick={() => setQuery(`from=${from}&to=${to}`)}>{t('weee.show', 'Afficher')}</Button>
        <Button variant="secondary" onClick={() => download('csv')}>
          {t('bilan.csv', 'Télécharger en CSV')}
        </Button>
        <Button variant="secondary" onClick={() => download('xlsx')}>
          {t('bilan.xlsx', 'Télécharger en XLSX')}
        </Button>
        <Link to="/content-manager/collection-types/api::weee-shipment.weee-shipment" style={{ color: '#4945ff' }}>
          {t('weee.shipments', 'Enlèvements DEEE (recycleur, bordereau)')}
        </Link>
      </Flex>
      {error && <Typography textColor="danger600">{error}</Typography>}
      {data && (
        <Box paddingTop={4}>
          <Typography>
            {t('weee.total', '{count} unités sorties vers la filière DEEE du {from} au {to}, {weight} kg estimés. À conserver 3 ans.', {
              count: formatNumber(data.count),
              from: formatDate(data.from),
              to: formatDate(data.to),
              weight: formatNumber(data.totalWeightKg),
            })}
          </Typography>
          <table style={{ borderCollapse: 'collapse', width: '100%', marginTop: 8, fontSize: 13, background: '#fff' }}>
            <thead>
              <tr>
                {[t('weee.date', 'Date'), t('weee.label', 'Étiquette'), t('weee.type', 'Type'), t('weee.donor', 'Donateur'), t('weee.weight', 'Poids estimé (kg)'), t('weee.recycler', 'Recycleur'), t('weee.reference', 'Référence de suivi')].map((h) => (
                  <th key={h} style={{ textAlign: 'left', borderBottom: '2px solid #dcdce4', padding: '4px 8px' }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.slice(0, 200).map((r, i) => (
                <tr key={`${r.labelCode}-${i}`}>
                  {[formatDate(r.recycledAt), r.labelCode ?? '—', enumLabel(r.type), r.donor ?? '—', formatNumber(r.weightKg), r.recycler ?? t('weee.notShipped', 'pas encore enlevée'), r.trackingReference ?? '—'].map((c, j) => (
                    <td key={j} style={{ borderBottom: '1px solid #eaeaef', padding: '4px 8px' }}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {data.rows.length > 200 && <Typography variant="pi">{t('weee.more', 'Les 200 premières lignes ; le registre complet est dans les exports.')}</Typography>}
        </Box>
      )}
    </Box>
  );
};
